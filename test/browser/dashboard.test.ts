/**
 * The staff dashboard (/staff/dashboard) in chromium against the real server, behind the staff
 * sign-in (a real OpenID provider running locally), after a sent intake, an exit and an intake that
 * expired at the court case question: the funnel chart shows where the expired intake stopped, the
 * period can change with a plain form, nothing leaves for any site but the identity provider, the
 * page runs no script and raises no policy error, and axe-core finds no WCAG 2.2 A/AA violation.
 * Screenshots go to test-artifacts/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RunningPuente } from '../../src/app';
import { Conversation, questionOf } from '../support/harness';
import { loadScenarios, playScenario } from '../support/scenarios';
import { startStaffServer, type StaffServer } from '../support/staffSignIn';
import { ARTIFACTS, axeViolations, describeViolations, describeWithBrowser, inPage, launchBrowser, openPage, type OpenedPage } from '../support/browser';

jest.setTimeout(60_000);

describeWithBrowser('staff dashboard (/staff/dashboard)', () => {
  let staff: StaffServer;
  let puente: RunningPuente;
  let browser: Browser;
  const clockMs = Date.now();
  let offset = 0;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    [staff, browser] = await Promise.all([startStaffServer({ SESSION_TTL_DAYS: '1' }, { now: () => new Date(clockMs + offset) }), launchBrowser()]);
    puente = staff.puente;
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
    await staff?.close();
  });

  /** A signed-in staff member on the dashboard (the sign-in at the local provider, in the page). */
  async function open(options: { bypassCSP?: boolean } = {}): Promise<OpenedPage> {
    const opened = await openPage(browser, puente.url, { locale: 'en-US', viewport: { width: 1280, height: 900 }, ...options }, [staff.provider.issuer]);
    const { page } = opened;
    await page.goto(`${puente.url}/staff/dashboard`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByRole('link', { name: 'Sign in with your work account' }).click();
    await page.getByLabel('Login').fill('ana@example.org');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${puente.url}/staff/dashboard`);
    return opened;
  }

  const funnel = (page: Page) => page.getByRole('img', { name: 'Drop-off funnel by question' });

  test('shows the abandoned question in the funnel after signing in, and keeps every request home', async () => {
    const { context, page, requests, errors } = await open();
    try {
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

      // Another period, with a plain form (the page runs no script).
      await page.getByLabel('Period').selectOption('7');
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL(`${puente.url}/staff/dashboard?days=7`);
      await funnel(page).waitFor();
      expect(await page.locator('#totals-h').textContent()).toMatch(/^Last 7 days/);

      // Only this origin and the identity provider were ever asked for anything; no script ran.
      const allowed = new Set([new URL(puente.url).origin, new URL(staff.provider.issuer).origin]);
      expect(requests.filter((r) => !allowed.has(new URL(r.url()).origin) && !r.url().startsWith('data:')).map((r) => r.url())).toEqual([]);
      expect(await page.locator('script').count()).toBe(0);

      await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-1280x900.png'), fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-390x844.png'), fullPage: true });

      // Signing out ends the session: the dashboard asks to sign in again.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('status').filter({ hasText: 'You signed out.' }).waitFor();
      await page.goto(`${puente.url}/staff/dashboard`);
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      expect(await funnel(page).count()).toBe(0);
      // Under the page's own policy, no error (no blocked style or request).
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('has no accessibility violations, showing the charts with their tables open', async () => {
    // axe-core is injected as a script, which the page's policy would block: this context bypasses it.
    const { context, page } = await open({ bypassCSP: true });
    try {
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
