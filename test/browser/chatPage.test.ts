/**
 * The chat page (web/) end to end in chromium against the real server: a whole intake in English and
 * in Spanish with buttons and typing, the language toggle, accessibility (axe-core, WCAG 2.2 A/AA),
 * layout on a phone and a desktop, and no request to any other site.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RunningPuente } from '../../src/app';
import { startTestServer } from '../support/harness';
import {
  ARTIFACTS,
  axeViolations,
  describeViolations,
  describeWithBrowser,
  inPage,
  expectedTitles,
  launchBrowser,
  loadScenario,
  openChat,
  playOnPage,
  sendBox,
  transcriptText,
  turn,
  botBubbleCount,
  type ChatPage,
  type Lang,
} from '../support/browser';

jest.setTimeout(60_000);

const SCENARIOS: Record<Lang, string> = { en: 'married-usc-visa-overstay.json', es: 'arresto-prefiere-no-decir.json' };
const EXIT_LABEL: Record<Lang, string> = { en: 'Exit quickly', es: 'Salida rápida' };

async function exitBoxInViewport(page: Page): Promise<void> {
  const box = await page.getByRole('button', { name: /^(Exit quickly|Salida rápida)$/ }).boundingBox();
  const viewport = page.viewportSize()!;
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
  expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
  expect(box!.width).toBeGreaterThanOrEqual(24);
  expect(box!.height).toBeGreaterThanOrEqual(24);
}

describeWithBrowser('chat page (web/)', () => {
  let puente: RunningPuente;
  let browser: Browser;
  const pages: ChatPage[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    [puente, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await puente?.close();
  });

  /** A chat page whose context lets axe-core's script tag in (the page's CSP allows only its own scripts). */
  async function open(lang: Lang): Promise<ChatPage> {
    const chat = await openChat(browser, puente.url, lang, { bypassCSP: true });
    pages.push(chat);
    return chat;
  }

  describe.each(['en', 'es'] as const)('in %s', (lang) => {
    test('completes a shared scenario with buttons and typing, and shows the findings', async () => {
      const scenario = loadScenario(SCENARIOS[lang]);
      const { page, initial } = await open(lang);

      // The start page: language from the browser, right labels, no accessibility violations.
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      await page.getByRole('button', { name: EXIT_LABEL[lang] }).waitFor();
      expect(await page.getByRole('button', { name: lang === 'es' ? 'Español' : 'English', exact: true }).first().getAttribute('aria-pressed')).toBe('true');
      const startViolations = await axeViolations(page);
      expect(describeViolations(startViolations)).toBe('');

      const played = await playOnPage(page, scenario, initial, 'mixed');
      expect(played.clicked.length).toBeGreaterThan(3);
      expect(played.typed.length).toBeGreaterThan(3);
      expect(played.result.findings.map((f) => f.code)).toEqual(scenario.expect.findings);

      // Every finding's title is on screen, in the page's language.
      const transcript = await transcriptText(page);
      for (const title of expectedTitles(lang, scenario.expect.findings)) expect(transcript).toContain(title);
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);

      // The referral's web addresses are links (built as elements, never parsed from HTML).
      const links = page.locator('#log a[href^="https://"]');
      expect(await links.count()).toBeGreaterThan(0);
      expect(await links.first().getAttribute('rel')).toBe('noopener noreferrer');

      const resultViolations = await axeViolations(page);
      expect(describeViolations(resultViolations)).toBe('');

      // The result view on a phone and on a desktop: exit button in view, no sideways scrolling.
      for (const [width, height] of [
        [390, 844],
        [1280, 800],
      ] as const) {
        await page.setViewportSize({ width, height });
        await exitBoxInViewport(page);
        expect(await inPage<number>(page, 'document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
        await page.screenshot({ path: path.join(ARTIFACTS, `result-${lang}-${width}x${height}.png`) });
      }

      // 320 px wide: still no horizontal scroll.
      await page.setViewportSize({ width: 320, height: 640 });
      expect(await inPage<number>(page, 'document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);
      await exitBoxInViewport(page);

      // An on-screen keyboard takes half the phone screen: the exit button stays in view.
      await page.setViewportSize({ width: 375, height: 667 });
      await sendBox(page).focus();
      await page.setViewportSize({ width: 375, height: 330 });
      await exitBoxInViewport(page);
      expect(await sendBox(page).isVisible()).toBe(true);
    });
  });

  test('the language toggle switches the page and the bot, and keeps the transcript', async () => {
    const { page } = await open('en');
    const spanish = page.getByRole('button', { name: 'Español', exact: true }).first();
    const english = page.getByRole('button', { name: 'English', exact: true }).first();
    expect(await spanish.getAttribute('aria-pressed')).toBe('false');

    const before = await botBubbleCount(page);
    const replies = await turn(page, () => spanish.click());
    expect(replies.every((a) => a.locale === 'es-US')).toBe(true);
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    expect(await spanish.getAttribute('aria-pressed')).toBe('true');
    expect(await english.getAttribute('aria-pressed')).toBe('false');
    await page.getByRole('button', { name: 'Salida rápida' }).waitFor();
    // The page's own texts follow (the send button, the answer box's label), and the earlier messages are still there.
    await page.getByRole('button', { name: 'Enviar', exact: true }).waitFor();
    expect(await page.getByLabel('Su respuesta').count()).toBe(1);
    expect(await botBubbleCount(page)).toBeGreaterThan(before);
    expect(await transcriptText(page)).toContain('Which language do you prefer?');
    expect(describeViolations(await axeViolations(page))).toBe('');

    // Typing "English" to the bot: the page follows the bot's language.
    const back = await turn(page, async () => {
      await sendBox(page).fill('English');
      await sendBox(page).press('Enter');
    });
    expect(back.some((a) => a.locale === 'en-US')).toBe(true);
    await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
    expect(await english.getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: 'Exit quickly' }).waitFor();
  });

  test('every request of every page went to the page’s own origin', () => {
    const origin = new URL(puente.url).origin;
    const urls = pages.flatMap((p) => p.requests.map((r) => r.url()));
    expect(urls.length).toBeGreaterThan(8);
    const foreign = urls.filter((u) => !u.startsWith('data:') && new URL(u).origin !== origin);
    expect(foreign).toEqual([]);
    const errors = pages.flatMap((p) => p.errors);
    expect(errors).toEqual([]);
  });
});
