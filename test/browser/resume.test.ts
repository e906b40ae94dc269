/**
 * The page's connection to the bot over time: a reload continues the same conversation (from
 * conversation cookie) in its language, a failed send can be tried again, and a token the server no
 * longer accepts is replaced without the person noticing.
 */
import type { Browser } from 'playwright-core';
import type { RunningPuente } from '../../src/app';
import {
  describeWithBrowser,
  isMessageResponse,
  type BotActivity,
  firstReplies,
  inPage,
  serverAndBrowser,
  openChat,
  questionOf,
  sendBox,
  suggestedAction,
  transcriptText,
  turn,
  waitForBotBubbles,
} from '../support/browser';

jest.setTimeout(60_000);

const ACTIVITIES = '**/api/webchat/activities';

describeWithBrowser('chat page session', () => {
  let puente: RunningPuente;
  let browser: Browser;

  serverAndBrowser((p, b) => ([puente, browser] = [p, b]));

  test('the page follows the bot’s language, and a reload continues the same conversation in it', async () => {
    const { page, context, errors } = await openChat(browser, puente.url, 'en');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    // Answering the bot's language question with “Español”: the bot answers in Spanish, the page follows.
    const replies = await turn(page, () => suggestedAction(page, 'Español').click());
    expect(replies.every((a) => a.locale === 'es-US')).toBe(true);
    expect(questionOf(replies)).toBe('consent');
    await page.locator('html[lang="es"]').waitFor({ state: 'attached' });
    await page.getByRole('button', { name: 'Salida rápida' }).waitFor();
    expect(await page.getByRole('button', { name: 'Español', exact: true }).first().getAttribute('aria-pressed')).toBe('true');

    const yes = replies.find((a) => a.suggestedActions)!.suggestedActions!.actions.find((a) => a.value === 'yes')!.title;
    const next = await turn(page, () => suggestedAction(page, yes).click());
    const asked = questionOf(next);
    const conversationId = await inPage<string>(page, "sessionStorage.getItem('puente.conversationId')");

    const again = await firstReplies(page, () => page.reload());
    expect(questionOf(again)).toBe(asked);
    expect(again.every((a) => a.locale === 'es-US')).toBe(true);
    await waitForBotBubbles(page, again.length);
    expect(await inPage<string>(page, "sessionStorage.getItem('puente.conversationId')")).toBe(conversationId);
    // The browser says English; the conversation is in Spanish, and so is the page.
    await page.locator('html[lang="es"]').waitFor({ state: 'attached' });
    expect(page.url()).toBe(`${puente.url}/`);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a failed send says so and offers to try again, and trying again delivers the message', async () => {
    const { page, context } = await openChat(browser, puente.url, 'en');
    let failures = 0;
    await page.route(ACTIVITIES, async (route) => {
      if ((route.request().postDataJSON() as { type: string }).type !== 'message') return route.continue();
      if (failures < 2) {
        failures += 1;
        // One network error, then one server error: both leave the message unsent.
        return failures === 1 ? route.abort('failed') : route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":"x"}' });
      }
      return route.continue();
    });

    await sendBox(page).fill('English');
    await sendBox(page).press('Enter');
    const retry = page.getByRole('button', { name: 'Try again' });
    await retry.waitFor({ timeout: 10_000 });
    // Said in an alert (announced at once), and the message is marked as not sent.
    expect(await page.getByRole('alert').innerText()).toMatch(/could not send your answer/);
    expect(await page.locator('.msg--user.msg--failed').count()).toBe(1);
    await retry.click();
    await page.locator('.msg--user.msg--failed').waitFor({ timeout: 10_000 });
    await retry.waitFor({ timeout: 10_000 });
    const replies = await turn(page, () => retry.click());
    expect(questionOf(replies)).toBe('consent');
    // The message shows once, sent; the retry is gone.
    await retry.waitFor({ state: 'hidden' });
    expect(await page.locator('.msg--user').count()).toBe(1);
    expect(await page.locator('.msg--failed').count()).toBe(0);
    expect(await transcriptText(page)).not.toContain('could not send');
    await context.close();
  });

  test('a token the server rejects is replaced: the message still goes through', async () => {
    const { page, context, requests } = await openChat(browser, puente.url, 'en');
    const before = await inPage<string>(page, "sessionStorage.getItem('puente.conversationId')");
    let refused = false;
    await page.route(ACTIVITIES, async (route) => {
      if (refused || (route.request().postDataJSON() as { type: string }).type !== 'message') return route.continue();
      refused = true;
      return route.fulfill({ status: 401, contentType: 'application/json', body: '{"error":"invalid or expired token"}' });
    });
    const answered = page.waitForResponse((r) => isMessageResponse(r) && r.status() === 200);
    await sendBox(page).fill('English');
    await sendBox(page).press('Enter');
    const replies = ((await (await answered).json()) as { activities: BotActivity[] }).activities;
    expect(refused).toBe(true);
    expect(questionOf(replies)).toBe('consent');
    await page.getByRole('button', { name: 'Yes, continue' }).waitFor();
    expect(requests.some((r) => r.url().endsWith('/api/webchat/session/refresh'))).toBe(true);
    // The same conversation, with a new token.
    expect(await inPage<string>(page, "sessionStorage.getItem('puente.conversationId')")).toBe(before);
    await context.close();
  });
});
