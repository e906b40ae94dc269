/**
 * Browser tests of the chat page (web/) with playwright-core driving Debian's chromium, never a
 * downloaded browser. `npm test` (scripts/test.sh) installs chromium with apt-get when it is
 * missing. Without it the browser suites are skipped with a message, except in CI (`CI` set), where
 * a missing browser fails the run instead of passing silently.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page, type Request, type Response } from 'playwright-core';
import type { RunningPuente } from '../../src/app';
import { startTestServer } from './harness';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const ROOT = path.resolve(__dirname, '../..');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');
export const AXE_PATH = require.resolve('axe-core/axe.min.js');

/** True when chromium is there; false (after saying why) when the suite should be skipped. */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI) {
    throw new Error(`chromium not found at ${CHROMIUM_PATH} and CI is set: the browser tests must run in CI. \`npm test\` installs it with apt-get.`);
  }
  console.warn(`Skipping the browser tests: chromium not found at ${CHROMIUM_PATH}. \`npm test\` installs it (apt-get install chromium), or set CHROMIUM_PATH.`);
  return false;
}

/** `describe` when chromium is available, `describe.skip` otherwise. */
export function describeWithBrowser(name: string, body: () => void): void {
  if (browserAvailable()) describe(name, body);
  else describe.skip(`${name} (skipped: chromium not found)`, body);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: LAUNCH_ARGS });
}

/**
 * A test server on its embedded defaults and a chromium, started before the enclosing block's tests
 * (handed to `set`) and closed after them.
 */
export function serverAndBrowser(set: (puente: RunningPuente, browser: Browser) => void): void {
  let started: [RunningPuente, Browser] | undefined;
  beforeAll(async () => {
    started = await Promise.all([startTestServer(), launchBrowser()]);
    set(...started);
  });
  afterAll(async () => {
    await started?.[1].close();
    await started?.[0].close();
  });
}

export type Lang = 'en' | 'es';

export interface ChatPage extends OpenedPage {
  /** The bot's first replies: the greeting and the language question. */
  initial: BotActivity[];
}

/** A page on a fresh context, with everything it requests and every error it shows recorded. */
export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** Every request the page made, in order. */
  requests: Request[];
  /** Console errors and uncaught exceptions (CSP violations show up here). */
  errors: string[];
}

/**
 * A fresh context (own storage) and page for `base`. Nothing may leave the machine: any request to
 * another origin is aborted (and recorded), except to `alsoAllowed` (the staff tests' local identity
 * provider, on another loopback port).
 */
export async function openPage(browser: Browser, base: string, options: BrowserContextOptions = {}, alsoAllowed: readonly string[] = []): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  const allowed = new Set([new URL(base).origin, ...alsoAllowed.map((u) => new URL(u).origin)]);
  await context.route(
    (url) => !allowed.has(url.origin) && !['data:', 'blob:'].includes(url.protocol),
    (route) => route.abort(),
  );
  const page = await context.newPage();
  const requests: Request[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, requests, errors };
}

/**
 * A fresh context (own cookies and sessionStorage) with the browser language set, on the chat page:
 * the greeting and the first question come in the page itself.
 */
export async function openChat(browser: Browser, base: string, lang: Lang, options: BrowserContextOptions = {}): Promise<ChatPage> {
  const { context, page, requests, errors } = await openPage(browser, base, { locale: lang === 'es' ? 'es-US' : 'en-US', ...options });
  const initial = await firstReplies(page, () => page.goto(`${base}/`));
  return { context, page, requests, errors, initial };
}

// ---------------------------------------------------------------------------------------------
// The transcript as the person sees it

const BOT_BUBBLES = '#log > .msg--bot';
const SUGGESTED_ACTIONS = '#choices';
const SEND_BOX = '#text';

/**
 * Evaluates a JavaScript expression in the page (a promise is awaited). A string, because this
 * project's TypeScript has no DOM library.
 */
export function inPage<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate(expression) as Promise<T>;
}

export function botBubbleCount(page: Page): Promise<number> {
  return page.locator(BOT_BUBBLES).count();
}

export async function waitForBotBubbles(page: Page, atLeast: number, timeout = 15_000): Promise<void> {
  if (atLeast > 0) await page.locator(BOT_BUBBLES).nth(atLeast - 1).waitFor({ state: 'attached', timeout });
}

export function transcriptText(page: Page): Promise<string> {
  return page.locator('#log').innerText();
}

/** A suggested-action button, by its visible label. */
export function suggestedAction(page: Page, label: string) {
  return page.locator(SUGGESTED_ACTIONS).getByRole('button', { name: label, exact: true });
}

export function sendBox(page: Page) {
  return page.locator(SEND_BOX);
}

/** A bot reply as the server sent it (observed on the wire, not exposed by the page). */
export interface BotActivity {
  type: string;
  text?: string;
  locale?: string;
  suggestedActions?: { actions: { title: string; value: unknown }[] };
  channelData?: { question?: string; intakeResult?: { findings: { code: string }[]; reference: string } };
}

/**
 * A response to a message the page posted to /api/webchat/activities (not the conversationUpdate the
 * page sends before the first answer of a conversation it only showed).
 */
export function isMessageResponse(r: Response): boolean {
  if (!r.url().endsWith('/api/webchat/activities') || r.request().method() !== 'POST') return false;
  return (r.request().postDataJSON() as { type?: string } | null)?.type === 'message';
}

/**
 * Does one turn: runs `act` (a click or typing), waits for the bot's answer on the wire and for its
 * bubbles on screen. Returns the bot's replies.
 */
export async function turn(page: Page, act: () => Promise<void>): Promise<BotActivity[]> {
  const before = await botBubbleCount(page);
  const response = page.waitForResponse(isMessageResponse, { timeout: 15_000 });
  await act();
  const res = await response;
  if (res.status() !== 200) throw new Error(`POST /api/webchat/activities answered ${res.status()}`);
  const replies = ((await res.json()) as { activities: BotActivity[] }).activities;
  await waitForBotBubbles(page, before + replies.filter((a) => a.type === 'message' && a.text).length);
  return replies;
}

export const questionOf = (acts: BotActivity[]) => [...acts].reverse().find((a) => a.channelData?.question)?.channelData?.question;
export const resultOf = (acts: BotActivity[]) => acts.find((a) => a.channelData?.intakeResult)?.channelData?.intakeResult;

// ---------------------------------------------------------------------------------------------
// Locale files and scenarios

export function localeJson(lang: Lang, file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(ROOT, 'locales', lang, `${file}.json`), 'utf8')) as Record<string, unknown>;
}

/** The titles the result shows for these finding codes (the referral finding shows the referral heading). */
export function expectedTitles(lang: Lang, codes: string[]): string[] {
  const findings = localeJson(lang, 'findings') as Record<string, { title: string }>;
  const referral = localeJson(lang, 'referral') as { heading: string };
  return codes.map((code) => (code === 'ATTORNEY_REFERRAL' ? referral.heading : findings[code]!.title));
}

// ---------------------------------------------------------------------------------------------
// axe-core

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** WCAG 2.0, 2.1 and 2.2 A and AA rules on the page as it is now. Needs a context with bypassCSP. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await inPage<boolean>(page, "'axe' in window"))) await page.addScriptTag({ path: AXE_PATH });
  const options = {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] },
    resultTypes: ['violations'],
  };
  return inPage<AxeViolation[]>(
    page,
    `axe.run(document, ${JSON.stringify(options)}).then((r) => r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    })))`,
  );
}

export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n')}`)
    .join('\n');
}

// ---------------------------------------------------------------------------------------------
// Playing a shared scenario on the page

export interface Scenario {
  name: string;
  locale: Lang;
  answers: Record<string, string>;
  values: Record<string, string>;
  expect: { findings: string[]; urgent: boolean; referral: string };
}

export function loadScenario(file: string): Scenario {
  return JSON.parse(readFileSync(path.resolve(ROOT, '..', 'shared', 'scenarios', file), 'utf8')) as Scenario;
}

/**
 * The replies on the page as the server rendered them (data-question, data-result, the answer
 * buttons), as activities: what a page load shows, with no request of the script.
 */
export function pageReplies(page: Page): Promise<BotActivity[]> {
  return inPage<BotActivity[]>(
    page,
    `(() => {
      const locale = document.documentElement.lang === 'es' ? 'es-US' : 'en-US';
      const replies = [...document.querySelectorAll('#log > .msg--bot')].map((li) => ({
        type: 'message', text: li.innerText, locale,
        channelData: li.dataset.question ? { question: li.dataset.question } : {},
      }));
      const actions = [...document.querySelectorAll('#choices button')].map((b) => ({ title: b.textContent, value: b.value }));
      const last = replies[replies.length - 1];
      if (last && actions.length) last.suggestedActions = { actions };
      return replies;
    })()`,
  );
}

/** The conversation's first replies after `load` (the greeting and the language question, or the current prompt). */
export async function firstReplies(page: Page, load: () => Promise<unknown>): Promise<BotActivity[]> {
  await load();
  await page.locator(SEND_BOX).waitFor({ state: 'attached' });
  return pageReplies(page);
}

const activeDescription = (page: Page) =>
  inPage<{ className: string; text: string }>(
    page,
    `(() => { const el = document.activeElement; return { className: String(el?.className ?? ''), text: (el?.innerText ?? '').trim() }; })()`,
  );

/** Presses Tab (Shift+Tab with `back`) until the focused element matches; keyboard only. */
export async function tabTo(page: Page, matches: (el: { className: string; text: string }) => boolean, back = false, max = 25): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (matches(await activeDescription(page))) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error('tabTo: the element was never focused');
}

const isSendBox = (el: { className: string }) => el.className.includes('send__input');

/**
 * Answers every question of `scenario` on the page until the result arrives. `mixed`: some answers
 * by clicking the suggested action with the right visible label, the others typed into the send box.
 * `keyboard`: only page.keyboard (Tab, Shift+Tab, Enter, typing); the first button answer is operated
 * with the keyboard, the others typed.
 */
export async function playOnPage(
  page: Page,
  scenario: Scenario,
  initial: BotActivity[],
  mode: 'mixed' | 'keyboard',
): Promise<{ result: NonNullable<ReturnType<typeof resultOf>>; asked: string[]; clicked: string[]; typed: string[] }> {
  let acts = initial;
  const asked: string[] = [];
  const clicked: string[] = [];
  const typed: string[] = [];
  for (let i = 0; i < 60; i++) {
    const result = resultOf(acts);
    if (result) return { result, asked, clicked, typed };
    const question = questionOf(acts);
    if (!question) throw new Error(`no question after ${asked.join(', ')}: ${acts.map((a) => a.text).join(' | ')}`);
    if (!(question in scenario.answers)) throw new Error(`${scenario.name}: no answer for ${question}`);
    asked.push(question);
    const code = scenario.values[question];
    const actions = [...acts].reverse().find((a) => a.suggestedActions)?.suggestedActions?.actions ?? [];
    const button = actions.find((a) => a.value === code);
    const text = scenario.answers[question]!;

    if (mode === 'mixed') {
      if (button && i % 2 === 0) {
        clicked.push(button.title);
        acts = await turn(page, () => suggestedAction(page, button.title).click());
      } else {
        typed.push(text);
        acts = await turn(page, async () => {
          await sendBox(page).fill(text);
          await sendBox(page).press('Enter');
        });
      }
      continue;
    }

    await tabTo(page, isSendBox);
    if (button && clicked.length === 0) {
      // The answer buttons come right before the answer box, one Tab stop each.
      clicked.push(button.title);
      for (let k = 0; k < actions.length && (await activeDescription(page)).text !== button.title; k++) await page.keyboard.press('Shift+Tab');
      if ((await activeDescription(page)).text !== button.title) throw new Error(`could not reach the “${button.title}” button with the keyboard`);
      acts = await turn(page, () => page.keyboard.press('Enter'));
    } else {
      typed.push(text);
      acts = await turn(page, async () => {
        await page.keyboard.type(text);
        await page.keyboard.press('Enter');
      });
    }
  }
  throw new Error(`${scenario.name}: no result after 60 turns`);
}
