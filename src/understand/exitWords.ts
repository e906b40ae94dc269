/**
 * The typed quick exit, for the chat page: it leaves on these words instead of sending them, with or
 * without its script (channels/webPage.ts, web/app.js through the page's data). Taken from the `exit`
 * command's words (lexicon.ts), so the page and the bot never disagree on what leaves.
 */
import { commandWords } from './lexicon';
import { normalize } from './normalize';

/** The exit command's words in both languages, normalized as every reading normalizes them. */
export const exitWords: readonly string[] = [...new Set([...commandWords.exit.en, ...commandWords.exit.es].map(normalize))];

/** The typed `exit` (or `salir`…), as a whole message. */
export function isExitWord(text: string): boolean {
  return text.length <= 40 && exitWords.includes(normalize(text));
}
