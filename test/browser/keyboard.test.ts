/**
 * A whole intake on the chat page with the keyboard only: Tab to the send box, type, Enter, and one
 * answer button reached with Shift+Tab. No mouse, and the page's own CSP
 * (script-src 'self') in force.
 */
import type { Browser } from 'playwright-core';
import type { RunningPuente } from '../../src/app';
import { describeWithBrowser, expectedTitles, inPage, serverAndBrowser, loadScenario, openChat, playOnPage, tabTo, transcriptText } from '../support/browser';

jest.setTimeout(60_000);

describeWithBrowser('chat page with the keyboard only', () => {
  let puente: RunningPuente;
  let browser: Browser;

  serverAndBrowser((p, b) => ([puente, browser] = [p, b]));

  test('finishes an intake with Tab, Shift+Tab, Enter and typing', async () => {
    const scenario = loadScenario('married-usc-visa-overstay.json');
    const { page, initial, errors, context } = await openChat(browser, puente.url, 'en', { viewport: { width: 375, height: 667 } });

    // The first Tab stop is the quick exit; then the language toggle, the notice, the chat.
    await page.keyboard.press('Tab');
    expect(await inPage<string>(page, 'document.activeElement.id')).toBe('quick-exit');
    await page.keyboard.press('Tab');
    expect(await inPage<string>(page, 'document.activeElement.value')).toBe('en');

    // The privacy notice opens with Enter.
    await tabTo(page, (el) => el.className.includes('notice__summary'));
    await page.keyboard.press('Enter');
    expect(await page.locator('#notice').getAttribute('open')).not.toBeNull();
    await page.keyboard.press('Enter');

    const played = await playOnPage(page, scenario, initial, 'keyboard');
    expect(played.clicked).toEqual(['English']);
    expect(played.result.findings.map((f) => f.code)).toEqual(scenario.expect.findings);
    const transcript = await transcriptText(page);
    for (const title of expectedTitles('en', scenario.expect.findings)) expect(transcript).toContain(title);

    // Focus is visible: the focused control has an outline.
    await tabTo(page, (el) => el.className.includes('exit'), true);
    const outline = await inPage<string>(page, 'getComputedStyle(document.activeElement).outlineStyle');
    expect(outline).not.toBe('none');

    expect(errors).toEqual([]);
    await context.close();
  });
});
