/**
 * The chat page with JavaScript off (issue 20): a whole shared scenario in English and in Spanish by
 * pressing the page's buttons and submitting its text box, one question per page; the language
 * toggle; the quick exit button; axe-core (WCAG 2.2 A/AA) at the start and on the result; on a phone
 * (390x844) and on a desktop. Also, with JavaScript on: what the chat's live region exposes in the
 * accessibility tree after an answer.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { loadConfig, loadOrgProfile } from '../../src/config';
import type { RunningPuente } from '../../src/app';
import { startTestServer } from '../support/harness';
import {
  axeViolations,
  describeViolations,
  describeWithBrowser,
  expectedTitles,
  inPage,
  serverAndBrowser,
  loadScenario,
  openChat,
  openPage,
  suggestedAction,
  turn,
  type Lang,
} from '../support/browser';

jest.setTimeout(90_000);

const SCENARIOS: Record<Lang, string> = { en: 'married-usc-visa-overstay.json', es: 'arresto-prefiere-no-decir.json' };
const EXIT_LABEL: Record<Lang, string> = { en: 'Exit quickly', es: 'Salida rápida' };
const VIEWPORTS = [
  ['phone', { width: 390, height: 844 }],
  ['desktop', { width: 1280, height: 800 }],
] as const;

/** The question the page asks now (data-question of the last reply that asks one). */
const currentQuestion = (page: Page) =>
  inPage<string | null>(page, `(() => { const q = [...document.querySelectorAll('#log [data-question]')].pop(); return q ? q.dataset.question : null; })()`);

const answerButtons = (page: Page) => inPage<{ value: string; title: string }[]>(page, `[...document.querySelectorAll('#choices button')].map((b) => ({ value: b.value, title: b.textContent }))`);

describeWithBrowser('chat page without JavaScript', () => {
  let puente: RunningPuente;
  let browser: Browser;

  serverAndBrowser((p, b) => ([puente, browser] = [p, b]));

  describe.each(VIEWPORTS)('on a %s', (_name, viewport) => {
    test.each(['en', 'es'] as const)('completes a shared scenario in %s with the forms only, and passes axe', async (lang) => {
      const scenario = loadScenario(SCENARIOS[lang]);
      const { page, context, errors, requests } = await openPage(browser, puente.url, {
        javaScriptEnabled: false,
        bypassCSP: true,
        viewport,
        locale: lang === 'es' ? 'es-US' : 'en-US',
      });
      await page.goto(`${puente.url}/`);
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      await page.getByRole('button', { name: EXIT_LABEL[lang] }).waitFor();
      // axe needs its script: added after the page loaded (JavaScript off applies to the page's own scripts).
      expect(describeViolations(await axeViolationsWithoutJs(page))).toBe('');

      const asked: string[] = [];
      let buttons = 0;
      let typed = 0;
      for (let i = 0; i < 60; i++) {
        if ((await page.locator('#log [data-result]').count()) > 0) break;
        const question = await currentQuestion(page);
        if (!question) throw new Error(`no question after ${asked.join(', ')}`);
        if (!(question in scenario.answers)) throw new Error(`${scenario.name}: no answer for ${question}`);
        asked.push(question);
        // One question per page: only this turn's replies are on screen.
        expect(await page.locator('#log [data-question]').count()).toBe(1);
        const button = (await answerButtons(page)).find((b) => b.value === scenario.values[question]);
        if (button && i % 2 === 0) {
          buttons++;
          await Promise.all([page.waitForNavigation(), suggestedAction(page, button.title).click()]);
        } else {
          typed++;
          await page.locator('#text').fill(scenario.answers[question]!);
          await Promise.all([page.waitForNavigation(), page.locator('#text').press('Enter')]);
        }
      }
      expect(await page.locator('#log [data-result]').count()).toBeGreaterThan(0);
      expect(buttons).toBeGreaterThan(2);
      expect(typed).toBeGreaterThan(2);
      const text = await page.locator('#log').innerText();
      for (const title of expectedTitles(lang, scenario.expect.findings)) expect(text).toContain(title);
      expect(describeViolations(await axeViolationsWithoutJs(page))).toBe('');
      // The exit button stays in view and nothing scrolls sideways.
      const box = (await page.getByRole('button', { name: EXIT_LABEL[lang] }).boundingBox())!;
      expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(viewport.width);
      // No script of the page ran, and the conversation id was never in a URL.
      const cookie = (await context.cookies()).find((c) => c.name === 'puente_conversation')!;
      expect(cookie.httpOnly).toBe(true);
      expect(cookie.sameSite).toBe('Strict');
      expect(requests.every((r) => !r.url().includes(cookie.value))).toBe(true);
      expect(requests.some((r) => r.url().includes('/api/webchat/'))).toBe(false);
      expect(errors).toEqual([]);
      await context.close();
    });
  });

  test.each(['en', 'es'] as const)('the language toggle and the quick exit button work without JavaScript (%s)', async (lang) => {
    // The neutral site on this machine: the browser follows the exit's redirect itself, which no route can answer.
    const neutral = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>Weather</title><p>Forecast</p>');
    });
    await new Promise<void>((resolve) => neutral.listen(0, '127.0.0.1', resolve));
    const neutralUrl = `http://127.0.0.1:${(neutral.address() as AddressInfo).port}/`;
    const profile = { ...loadOrgProfile(loadConfig({}, process.cwd()).orgProfilePath), quickExitUrl: neutralUrl };
    const server = await startTestServer({}, { profile });
    const { page, context } = await openPage(browser, server.url, { javaScriptEnabled: false, viewport: { width: 390, height: 844 }, locale: lang === 'es' ? 'es-US' : 'en-US' });
    // openPage aborts other origins: let the neutral site through.
    await page.route(`${neutralUrl}**`, (route) => route.continue());
    await page.goto(`${server.url}/`);
    const other: Lang = lang === 'en' ? 'es' : 'en';
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: other === 'es' ? 'Español' : 'English', exact: true }).first().click()]);
    expect(await page.locator('html').getAttribute('lang')).toBe(other);
    await page.getByRole('button', { name: EXIT_LABEL[other] }).waitFor();
    const conversationId = (await context.cookies()).find((c) => c.name === 'puente_conversation')!.value;
    expect(await server.sessions.load(conversationId)).not.toBeNull();
    await Promise.all([page.waitForURL(neutralUrl), page.getByRole('button', { name: EXIT_LABEL[other] }).click()]);
    expect(await page.title()).toBe('Weather');
    expect(await server.sessions.load(conversationId)).toBeNull();
    expect((await context.cookies()).find((c) => c.name === 'puente_conversation')).toBeUndefined();
    await context.close();
    await server.close();
    await new Promise((resolve) => neutral.close(resolve));
  });
});

/** axe-core on a page whose own scripts are off: run in a JavaScript-enabled copy of the same HTML. */
async function axeViolationsWithoutJs(page: Page) {
  const html = await page.content();
  const copy = await page.context().browser()!.newContext({ viewport: page.viewportSize()!, bypassCSP: true });
  try {
    const p = await copy.newPage();
    const base = new URL(page.url()).origin;
    // The same HTML and style, with the page's own script left out (as with JavaScript off).
    await p.route(`${base}/**`, (route) =>
      route.request().resourceType() === 'script' ? route.abort() : route.request().resourceType() === 'document' ? route.fulfill({ contentType: 'text/html', body: html }) : route.continue(),
    );
    await p.goto(`${base}/`);
    return await axeViolations(p);
  } finally {
    await copy.close();
  }
}

describeWithBrowser('chat page live region (JavaScript on)', () => {
  let puente: RunningPuente;
  let browser: Browser;

  serverAndBrowser((p, b) => ([puente, browser] = [p, b]));

  test('a reply lands in the polite log region, as text, and the next answer buttons are in the tree', async () => {
    const { page, context } = await openChat(browser, puente.url, 'en', { viewport: { width: 390, height: 844 } });
    const log = page.getByRole('log');
    expect(await log.getAttribute('aria-live')).toBe('polite');
    await turn(page, () => suggestedAction(page, 'English').click());
    const tree = await log.ariaSnapshot();
    expect(tree).toContain('English');
    expect(tree).toMatch(/Do you want to continue\?/);
    // Focus moved to the first new answer button, so keyboard and screen-reader users continue from there.
    expect(await inPage<string>(page, 'document.activeElement.textContent')).toBe('Yes, continue');
    expect(await page.getByRole('form', { name: 'Answers' }).getByRole('button').count()).toBeGreaterThan(1);
    // Bot text with markup characters shows as text, never as HTML.
    await turn(page, async () => {
      await page.locator('#text').fill('<b>yes</b>');
      await page.locator('#text').press('Enter');
    });
    expect(await page.locator('#log b').count()).toBe(0);
    expect(await log.innerText()).toContain('<b>yes</b>');
    await context.close();
  });
});
