/**
 * The quick exit: the button, Escape pressed three times, and typing "exit"/"salir" all leave for the
 * neutral site with no way back, and the conversation is erased on the server. The neutral site is
 * answered by the test (page.route), so nothing leaves the machine.
 */
import type { Browser, Page } from 'playwright-core';
import type { RunningPuente } from '../../src/app';
import { describeWithBrowser, inPage, serverAndBrowser, openChat, sendBox, suggestedAction, turn, type ChatPage, type Lang } from '../support/browser';

jest.setTimeout(60_000);

/** The neutral site of the example organization profile; served locally by the test, never fetched. */
const NEUTRAL = 'https://www.weather.gov/';

describeWithBrowser('quick exit', () => {
  let puente: RunningPuente;
  let browser: Browser;

  serverAndBrowser((p, b) => ([puente, browser] = [p, b]));

  /** A chat with one answer given (so a session is stored); returns its conversation id. */
  async function chatWithAnAnswer(lang: Lang): Promise<ChatPage & { conversationId: string }> {
    const chat = await openChat(browser, puente.url, lang);
    await chat.page.route(`${NEUTRAL}**`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Weather</title><p>Forecast</p>' }),
    );
    await turn(chat.page, () => suggestedAction(chat.page, lang === 'es' ? 'Español' : 'English').click());
    const conversationId = await inPage<string | null>(chat.page, "sessionStorage.getItem('puente.conversationId')");
    expect(conversationId).toMatch(/^wc-[A-Za-z0-9_-]{22,}$/);
    expect(await puente.sessions.load(conversationId!)).not.toBeNull();
    return { ...chat, conversationId: conversationId! };
  }

  async function expectLeft(page: Page, conversationId: string): Promise<void> {
    await page.waitForURL(NEUTRAL, { timeout: 5_000 });
    expect(await page.title()).toBe('Weather');
    // The DELETE went out with keepalive; give it a moment to land.
    for (let i = 0; i < 50 && (await puente.sessions.load(conversationId)); i++) await new Promise((r) => setTimeout(r, 100));
    expect(await puente.sessions.load(conversationId)).toBeNull();
    // Back does not return to the chat: the chat's history entry was replaced.
    await page.goBack().catch(() => null);
    expect(page.url().startsWith(puente.url)).toBe(false);
    expect(await inPage<number>(page, 'history.length')).toBeLessThanOrEqual(2);
  }

  test('the button leaves for the neutral site, erases the conversation, and Back does not return', async () => {
    const { page, conversationId, requests, errors, context } = await chatWithAnAnswer('en');
    const exit = page.getByRole('button', { name: 'Exit quickly' });
    const started = Date.now();
    await exit.click();
    await expectLeft(page, conversationId);
    expect(Date.now() - started).toBeLessThan(3_000);

    const deletes = requests.filter((r) => r.method() === 'DELETE');
    expect(deletes.map((r) => new URL(r.url()).pathname)).toEqual(['/api/webchat/session']);
    // The token never travelled in a URL.
    expect(requests.every((r) => !r.url().includes(conversationId))).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('Escape pressed twice stays; a third press within two seconds leaves', async () => {
    const { page, conversationId, context } = await chatWithAnAnswer('en');
    await sendBox(page).focus();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.waitForTimeout(300);
    expect(page.url().startsWith(puente.url)).toBe(true);
    expect(await sendBox(page).isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expectLeft(page, conversationId);
    await context.close();
  });

  test.each([
    ['en', 'exit', 'Exit quickly'],
    ['es', 'Salir', 'Salida rápida'],
  ] as const)('typing the exit word leaves (%s: “%s”), and the word is not sent to the bot', async (lang, word, label) => {
    const { page, conversationId, requests, context } = await chatWithAnAnswer(lang);
    await page.getByRole('button', { name: label }).waitFor();
    const posts = () => requests.filter((r) => r.method() === 'POST' && r.url().endsWith('/api/webchat/activities')).length;
    const before = posts();
    await sendBox(page).fill(word);
    await sendBox(page).press('Enter');
    await expectLeft(page, conversationId);
    expect(posts()).toBe(before);
    await context.close();
  });
});
