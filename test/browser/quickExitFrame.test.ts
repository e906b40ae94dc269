/**
 * Issue 19, point 6: the quick exit of the chat page embedded in an organization's page (an iframe
 * on another origin). The whole window leaves, not only the frame, so the organization's page is no
 * longer on screen nor in the history; with and without the host page's postMessage snippet (the
 * one in the README, "Embedding the chat"). The host page and the neutral site are answered by the
 * test (page.route), so nothing leaves the machine.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, Frame, Page } from 'playwright-core';
import type { RunningPuente } from '../../src/app';
import { startTestServer } from '../support/harness';
import { describeWithBrowser, inPage, launchBrowser, openChat, openPage, suggestedAction, turn } from '../support/browser';

jest.setTimeout(60_000);

const NEUTRAL = 'https://www.weather.gov/';

/** The README's snippet for the host page (Deployment, "Embedding the chat"), read from the README itself. */
function readmeSnippet(): string {
  const readme = readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
  const block = /```html\n([\s\S]*?)```/g;
  for (const m of readme.matchAll(block)) if (m[1]!.includes('puente:quick-exit')) return m[1]!.replace(/^\s*/gm, '');
  throw new Error('no quick exit snippet in the README');
}

describeWithBrowser('quick exit inside an iframe', () => {
  let puente: RunningPuente;
  let browser: Browser;
  /**
   * The organization's page: another origin on this machine (a real server, so Chromium sees a
   * loopback address and lets it frame the loopback chat page). Its body is set by each test.
   */
  let hostBody = '';
  let HOST = '';
  const host = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(hostBody);
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    HOST = `http://localhost:${(host.address() as AddressInfo).port}`;
    [puente, browser] = await Promise.all([startTestServer({ FRAME_ANCESTORS: HOST }), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await puente?.close();
    await new Promise((resolve) => host.close(resolve));
  });

  async function hostPage(withSnippet: boolean, sandbox = false): Promise<{ page: Page; frame: Frame; close: () => Promise<void> }> {
    const { context, page } = await openPage(browser, puente.url);
    const origin = new URL(puente.url).origin;
    const script = withSnippet ? readmeSnippet().replace("'https://chat.example.org'", JSON.stringify(origin)) : '';
    hostBody = `<!doctype html><title>Organization</title><p>Our services</p><iframe src="${puente.url}/" width="600" height="700" title="Chat"${sandbox ? ' sandbox="allow-scripts allow-same-origin allow-forms"' : ''}></iframe>${script}`;
    await page.route(`${HOST}/**`, (route) => route.continue());
    await page.route(`${NEUTRAL}**`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Weather</title><p>Forecast</p>' }),
    );
    await page.goto(`${HOST}/services`);
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    await frame.getByRole('button', { name: 'Exit quickly' }).waitFor();
    return { page, frame, close: () => context.close() };
  }

  test.each([
    ['with the host page snippet', true, false],
    ['without it (the frame navigates the top window)', false, false],
    ['in a sandbox without allow-top-navigation, through the snippet', true, true],
  ] as const)('the whole window leaves for the neutral site, %s', async (_name, withSnippet, sandbox) => {
    const { page, frame, close } = await hostPage(withSnippet, sandbox);
    // A real click at the button's place on screen (a user activation, as a person's click is).
    // (The frame's own bounding box is measured in the frame: locator.boundingBox fails across processes here.)
    const frameBox = (await page.locator('iframe').boundingBox())!;
    const r = (await frame.evaluate(
      "(() => { const r = document.getElementById('quick-exit').getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; })()",
    )) as { x: number; y: number; w: number; h: number };
    await page.mouse.click(frameBox.x + r.x + r.w / 2, frameBox.y + r.y + r.h / 2);
    await page.waitForURL(NEUTRAL, { timeout: 10_000 });
    await page.waitForLoadState('load');
    expect(await page.title()).toBe('Weather');
    // The organization's page was replaced, not pushed: Back does not show it.
    // (The one other entry is the tab's first about:blank.)
    expect(await inPage<number>(page, 'history.length')).toBeLessThanOrEqual(2);
    await page.goBack().catch(() => null);
    expect(page.url().startsWith(HOST)).toBe(false);
    await close();
  });

  test('the page repeats the delete until the server confirms it', async () => {
    const chat = await openChat(browser, puente.url, 'en');
    const { page, requests } = chat;
    await page.route(`${NEUTRAL}**`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Weather</title>' }));
    await turn(page, () => suggestedAction(page, 'English').click());
    const conversationId = (await inPage<string | null>(page, "sessionStorage.getItem('puente.conversationId')"))!;
    expect(await puente.sessions.load(conversationId)).not.toBeNull();
    // The first delete meets a server that cannot answer (503); the page must try again.
    let refused = 0;
    await page.route(`${puente.url}/api/webchat/session`, (route) => {
      if (route.request().method() === 'DELETE' && refused++ === 0) return route.fulfill({ status: 503, body: '{}' });
      return route.continue();
    });
    await page.getByRole('button', { name: 'Exit quickly' }).click();
    await page.waitForURL(NEUTRAL, { timeout: 5_000 });
    expect(requests.filter((r) => r.method() === 'DELETE').length).toBeGreaterThanOrEqual(2);
    expect(await puente.sessions.load(conversationId)).toBeNull();
    await chat.context.close();
  });
});
