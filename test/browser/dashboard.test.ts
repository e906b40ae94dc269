/**
 * The staff dashboard (/staff) in chromium against the real server, after a sent intake, an exit and
 * an intake that expired at the court case question: the token is asked once and kept in the tab
 * (never in a URL), the funnel chart shows where the expired intake stopped, the period can change,
 * a wrong token is refused, nothing leaves the origin, the page's own policy raises no error, and
 * axe-core finds no WCAG 2.2 A/AA violation. Screenshots go to test-artifacts/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RunningPuente } from '../../src/app';
import { Conversation, questionOf, startTestServer } from '../support/harness';
import { loadScenarios, playScenario } from '../support/scenarios';
import { ARTIFACTS, axeViolations, describeViolations, describeWithBrowser, inPage, launchBrowser, openPage, type OpenedPage } from '../support/browser';

jest.setTimeout(60_000);

const TOKEN = 'staff-token-browser-0123456789-xyz';

describeWithBrowser('staff dashboard (web/staff)', () => {
  let puente: RunningPuente;
  let browser: Browser;
  const clockMs = Date.now();
  let offset = 0;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    [puente, browser] = await Promise.all([
      startTestServer({ STAFF_API_TOKEN: TOKEN, SESSION_TTL_DAYS: '1' }, { now: () => new Date(clockMs + offset) }),
      launchBrowser(),
    ]);
    const scenarios = loadScenarios();
    for (const name of ['detained-hearing-next-week', 'married-usc-visa-overstay']) await playScenario(puente.url, scenarios.find((s) => s.name === name)!, new Date(clockMs));
    const quitter = new Conversation(puente.url);
    await quitter.start();
    for (const typed of ['English', 'yes', 'exit']) await quitter.say(typed);
    const gone = new Conversation(puente.url);
    await gone.start();
    let asked: string | undefined;
    for (const typed of ['English', 'yes', 'in the US', 'no', 'no']) asked = questionOf(await gone.say(typed));
    expect(asked).toBe('proceedings');
    offset = 2 * 86_400_000;
    await puente.purge();
    await puente.counts.settled();
  });

  afterAll(async () => {
    await browser?.close();
    await puente?.close();
  });

  async function open(options: { bypassCSP?: boolean } = {}): Promise<OpenedPage> {
    const opened = await openPage(browser, puente.url, { locale: 'en-US', viewport: { width: 1280, height: 900 }, ...options });
    const { page } = opened;
    await page.goto(`${puente.url}/staff`);
    return opened;
  }

  async function signIn(page: Page, token = TOKEN): Promise<void> {
    await page.getByLabel('Staff token').fill(token);
    await page.getByRole('button', { name: 'Open the dashboard' }).click();
  }

  const funnel = (page: Page) => page.getByRole('img', { name: 'Drop-off funnel by question' });

  test('asks for the token once, shows the abandoned question in the funnel, and keeps every request home', async () => {
    const { context, page, requests, errors } = await open();
    try {
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await signIn(page);
      await funnel(page).waitFor();

      // The funnel: the court case question, reached by the expired intake, stopped there once.
      const row = await inPage<string[]>(
        page,
        `Array.from(document.querySelectorAll('#funnel-chart text')).map((t) => t.textContent)`,
      );
      const at = row.indexOf('Court case (proceedings)');
      expect(at).toBeGreaterThanOrEqual(0);
      expect(row[at + 1]).toBe('3 reached, 1 stopped');
      expect(await page.locator('#funnel-desc').textContent()).toContain('Court case (proceedings): 1');
      await page.locator('#funnel summary').click();
      const cells = await page.locator('#funnel table tr', { has: page.locator('th', { hasText: 'Court case' }) }).locator('td').allTextContents();
      expect(cells).toEqual(['proceedings', '3', '1', '0', '0', '0', '1']);
      // The totals and the other charts are there too.
      for (const name of ['Intakes per day', 'Urgent share of intakes sent to staff', 'Top findings in intakes sent to staff', 'Language of intakes started and sent']) {
        expect(await page.getByRole('img', { name: new RegExp(`^${name}`) }).count()).toBe(1);
      }
      expect(await page.locator('#urgent-desc').textContent()).toMatch(/^1 of 2 intakes sent to staff were urgent \(50%\)/);

      // Another period: asked again with the token from the tab, not from the person.
      await page.getByLabel('Period').selectOption('7');
      await page.getByRole('status').filter({ hasText: 'Showing the last 7 days.' }).waitFor();

      // A reload keeps the token (sessionStorage of this tab): no second sign-in.
      await page.reload();
      await funnel(page).waitFor();
      expect(await page.getByRole('heading', { name: 'Sign in' }).isVisible()).toBe(false);
      expect(await inPage<string | null>(page, `sessionStorage.getItem('puente.staffToken')`)).toBe(TOKEN);

      // The token went only in the Authorization header, to this origin.
      const origin = new URL(puente.url).origin;
      expect(requests.filter((r) => new URL(r.url()).origin !== origin && !r.url().startsWith('data:')).map((r) => r.url())).toEqual([]);
      expect(requests.filter((r) => r.url().includes(TOKEN))).toEqual([]);
      const api = requests.filter((r) => r.url().includes('/api/staff/charts'));
      expect(api.length).toBeGreaterThanOrEqual(3);
      for (const r of api) expect(await r.headerValue('authorization')).toBe(`Bearer ${TOKEN}`);
      expect(page.url()).toBe(`${puente.url}/staff`);

      await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-1280x900.png'), fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-390x844.png'), fullPage: true });

      // Signing out forgets the token.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      expect(await inPage<string | null>(page, `sessionStorage.getItem('puente.staffToken')`)).toBeNull();
      // Under the page's own policy, no error (no blocked script, style or request).
      expect(errors.filter((e) => !/401/.test(e))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('refuses a wrong token and asks again', async () => {
    const { context, page } = await open();
    try {
      await signIn(page, 'not-the-staff-token-at-all-0000');
      await page.getByRole('alert').filter({ hasText: 'That token was not accepted.' }).waitFor();
      expect(await funnel(page).count()).toBe(0);
      expect(await inPage<string | null>(page, `sessionStorage.getItem('puente.staffToken')`)).toBeNull();
      expect(await inPage<string>(page, `document.activeElement.id`)).toBe('token');
    } finally {
      await context.close();
    }
  });

  test('has no accessibility violations, signed out or showing the charts with their tables open', async () => {
    // axe-core is injected as a script, which the page's policy would block: this context bypasses it.
    const { context, page } = await open({ bypassCSP: true });
    try {
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      expect(describeViolations(await axeViolations(page))).toBe('');
      await signIn(page);
      await funnel(page).waitFor();
      expect(describeViolations(await axeViolations(page))).toBe('');
      await inPage(page, `document.querySelectorAll('details').forEach((d) => { d.open = true; })`);
      expect(describeViolations(await axeViolations(page))).toBe('');
      await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-tables-open.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });
});
