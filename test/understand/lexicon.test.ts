import { questionIds } from '../../dialogs/intake/questions';
import { allWords, commandWords, genericWords, languageWords, questionWords, type Words } from '../../src/understand/lexicon';
import { normalize } from '../../src/understand/normalize';
import { phraseSetFor } from '../../src/understand/vocabulary';
import type { Expecting } from '../../src/understand';

const expectings: Expecting[] = [...questionIds.filter((q) => q !== 'contact_name' && q !== 'contact_value'), 'review', 'confirmRestart'];

describe('lexicon', () => {
  test('every entry normalizes to at least one token', () => {
    const lists = [
      ...Object.values(commandWords),
      ...Object.values(languageWords),
      ...Object.values(genericWords),
      ...Object.values(questionWords).flatMap((byValue) => Object.values(byValue ?? {}) as Words[]),
    ];
    for (const words of lists) for (const w of allWords(words)) expect(normalize(w)).not.toBe('');
  });

  test.each(expectings)('%s: no phrase means two different things', (expecting) => {
    const seen = new Map<string, string | null>();
    for (const { tokens, value } of phraseSetFor(expecting).entries()) {
      const key = tokens.join(' ');
      if (seen.has(key)) expect([key, value]).toEqual([key, seen.get(key)]);
      seen.set(key, value);
    }
  });

  test('commands are unambiguous', () => {
    const seen = new Map<string, string>();
    for (const [command, words] of Object.entries(commandWords)) {
      for (const w of allWords(words)) {
        const key = normalize(w);
        expect(seen.get(key) ?? command).toBe(command);
        seen.set(key, command);
      }
    }
  });
});
