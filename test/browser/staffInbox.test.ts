/**
 * The staff inbox (/staff) in chromium: the whole sign-in at a real OpenID provider running locally,
 * then the queue worked in the browser (urgent first, one intake made in Spanish read in English,
 * assign, contacted, close, delete after a confirmation), by keyboard alone and on a phone-sized
 * screen; axe-core finds no WCAG 2.2 A/AA violation on any page; nothing leaves for any other site;
 * a person not on the staff list sees no intake. Screenshots go to test-artifacts/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loadScenarios, playScenario } from '../support/scenarios';
import { startStaffServer, type StaffServer } from '../support/staffSignIn';
import { ARTIFACTS, axeViolations, describeViolations, describeWithBrowser, inPage, launchBrowser, openPage, type OpenedPage } from '../support/browser';

jest.setTimeout(90_000);

describeWithBrowser('staff inbox (/staff) in chromium', () => {
  let staff: StaffServer;
  let browser: Browser;
  const refs: Record<string, string> = {};

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    [staff, browser] = await Promise.all([startStaffServer(), launchBrowser()]);
    const scenarios = loadScenarios();
    for (const name of ['married-usc-visa-overstay', 'orden-de-deportacion-viaje', 'casada-ciudadana-sin-inspeccion']) {
      refs[name] = (await playScenario(staff.puente.url, scenarios.find((s) => s.name === name)!)).result.reference;
    }
  });

  afterAll(async () => {
    await browser?.close();
    await staff?.close();
  });

  const base = () => staff.puente.url;

  async function open(options: { bypassCSP?: boolean; phone?: boolean } = {}): Promise<OpenedPage> {
    const viewport = options.phone ? { width: 390, height: 844 } : { width: 1280, height: 900 };
    return openPage(browser, base(), { locale: 'en-US', viewport, bypassCSP: options.bypassCSP, isMobile: options.phone, hasTouch: options.phone }, [staff.provider.issuer]);
  }

  /** Signs in through the provider's login form; `keyboard`: with Tab and Enter only. */
  async function signIn(page: Page, login: string, keyboard = false): Promise<void> {
    await page.goto(`${base()}/staff`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    const link = page.getByRole('link', { name: 'Sign in with your work account' });
    if (keyboard) {
      await tabTo(page, 'Sign in with your work account');
      await page.keyboard.press('Enter');
    } else {
      await link.click();
    }
    await page.getByLabel('Login').fill(login);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.origin === new URL(base()).origin);
  }

  /** Presses Tab until the focused element's accessible text is `name` (at most 40 times). */
  async function tabTo(page: Page, name: string): Promise<void> {
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const focused = await inPage<string>(page, `(document.activeElement && (document.activeElement.innerText || document.activeElement.value || '')).trim()`);
      if (focused === name) return;
    }
    throw new Error(`could not reach "${name}" with Tab`);
  }

  const rows = (page: Page) => page.locator('tbody tr th[scope="row"] a').allTextContents();

  test('a staff member signs in and works the queue by keyboard alone', async () => {
    const { context, page, requests, errors } = await open();
    try {
      await signIn(page, 'ana@example.org', true);
      await page.getByRole('heading', { name: 'Intakes' }).waitFor();
      // Urgent first (the Spanish removal order), then the oldest.
      expect(await rows(page)).toEqual([refs['orden-de-deportacion-viaje'], refs['married-usc-visa-overstay'], refs['casada-ciudadana-sin-inspeccion']]);

      // Open the urgent intake with the keyboard; it was made in Spanish and reads in English.
      const urgent = refs['orden-de-deportacion-viaje']!;
      await tabTo(page, urgent);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: `Intake ${urgent}` }).waitFor();
      expect(await page.getByText('Urgent: follow up today.').isVisible()).toBe(true);
      expect(await page.getByText('Spanish: please reply in Spanish.').isVisible()).toBe(true);
      expect(await page.locator('main').innerText()).not.toMatch(/Sí\b|Orden de deportación/);

      await tabTo(page, 'Assign to me');
      await page.keyboard.press('Enter');
      await page.getByRole('status').filter({ hasText: 'The intake is now assigned to you.' }).waitFor();
      await tabTo(page, 'Mark as contacted');
      await page.keyboard.press('Enter');
      await page.getByRole('status').filter({ hasText: 'The intake is marked as contacted.' }).waitFor();
      await tabTo(page, 'Close the intake');
      await page.keyboard.press('Enter');
      await page.getByRole('status').filter({ hasText: 'The intake is closed.' }).waitFor();
      expect((await staff.puente.records.entry(urgent))!.state).toMatchObject({ status: 'closed', assignee: 'ana@example.org' });

      // Back in the inbox, the closed intake is under its filter only.
      await page.getByRole('link', { name: 'Back to the intakes' }).click();
      expect(await rows(page)).not.toContain(urgent);
      await page.getByLabel('Show intakes').selectOption('closed');
      await page.getByRole('button', { name: 'Show', exact: true }).click();
      await page.waitForURL(`${base()}/staff?status=closed`);
      expect(await rows(page)).toEqual([urgent]);

      // Only this origin and the identity provider were asked for anything; no script, no policy error.
      const allowed = new Set([new URL(base()).origin, new URL(staff.provider.issuer).origin]);
      expect(requests.filter((r) => !allowed.has(new URL(r.url()).origin) && !r.url().startsWith('data:')).map((r) => r.url())).toEqual([]);
      expect(await page.locator('script').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('on a phone: the intake fits the screen, "not safe to leave a message" is on top, and a deletion asks first', async () => {
    const { context, page } = await open({ phone: true });
    try {
      await signIn(page, 'sam@staff.example.org');
      const ref = refs['casada-ciudadana-sin-inspeccion']!;
      await page.getByRole('link', { name: ref }).click();
      await page.getByRole('heading', { name: `Intake ${ref}` }).waitFor();
      const flag = page.getByText('Not safe to leave a message.');
      expect(await flag.isVisible()).toBe(true);
      expect((await flag.boundingBox())!.y).toBeLessThan(844);
      // Nothing wider than the screen but the tables' own scroll areas.
      expect(await inPage<number>(page, 'document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      await page.screenshot({ path: path.join(ARTIFACTS, 'staff-intake-390x844.png'), fullPage: true });

      await page.getByRole('link', { name: 'Delete' }).click();
      await page.getByRole('heading', { name: `Delete intake ${ref}?` }).waitFor();
      await page.getByRole('link', { name: 'No, keep it' }).click();
      await page.getByRole('heading', { name: `Intake ${ref}` }).waitFor();
      expect(await staff.puente.records.get(ref)).not.toBeNull();
      await page.getByRole('link', { name: 'Delete' }).click();
      await page.getByRole('button', { name: 'Yes, delete it' }).click();
      await page.getByRole('status').filter({ hasText: `Intake ${ref} was deleted.` }).waitFor();
      expect(await staff.puente.records.get(ref)).toBeNull();
    } finally {
      await context.close();
    }
  });

  test('someone not on the staff list signs in and sees no intake', async () => {
    const { context, page } = await open();
    try {
      await signIn(page, 'visitor@elsewhere.example');
      await page.getByRole('heading', { name: 'No access' }).waitFor();
      const text = await page.locator('body').innerText();
      expect(text).toContain('This address is not on the staff list');
      for (const ref of Object.values(refs)) expect(text).not.toContain(ref);
      await page.goto(`${base()}/staff`);
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      expect(await page.locator('tbody tr').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  test('has no accessibility violations on any staff page, wide or on a phone', async () => {
    for (const phone of [false, true]) {
      // axe-core is injected as a script, which the pages' policy would block: this context bypasses it.
      const { context, page } = await open({ bypassCSP: true, phone });
      try {
        await page.goto(`${base()}/staff`);
        expect(describeViolations(await axeViolations(page))).toBe('');
        await signIn(page, 'ana@example.org');
        expect(describeViolations(await axeViolations(page))).toBe('');
        const ref = refs['married-usc-visa-overstay']!;
        for (const url of [`/staff/intakes/${ref}`, `/staff/intakes/${ref}/delete`, '/staff?status=closed', '/staff/dashboard']) {
          await page.goto(`${base()}${url}`);
          expect({ url, phone, violations: describeViolations(await axeViolations(page)) }).toEqual({ url, phone, violations: '' });
        }
        await page.goto(`${base()}/staff`);
        await page.screenshot({ path: path.join(ARTIFACTS, `staff-inbox-${phone ? '390x844' : '1280x900'}.png`), fullPage: true });
        await page.getByRole('button', { name: 'Sign out' }).click();
        expect(describeViolations(await axeViolations(page))).toBe('');
      } finally {
        await context.close();
      }
    }
    const denied = await open({ bypassCSP: true });
    try {
      await signIn(denied.page, 'unverified.lee@staff.example.org');
      await denied.page.getByRole('heading', { name: 'No access' }).waitFor();
      expect(describeViolations(await axeViolations(denied.page))).toBe('');
    } finally {
      await denied.context.close();
    }
  });
});
