/**
 * Typed-text fuzzing of the understanding layer (issue 8): random Unicode, emoji, RTL text, 64 KB
 * strings and strings made of the words of several values at every question: a defined outcome,
 * never an exception, within the per-call bound explained in understandFuzz.ts. A seeded, small set
 * here; `npm run soak` runs thousands.
 */
import fc from 'fast-check';
import type { QuestionId } from '../../dialogs/intake/answers';
import { big, understandAt, understandEverywhere, unicode, warmUp } from './understandFuzz';

const SEED = 8_082_026;

beforeAll(warmUp);

test(`random Unicode, emoji, RTL and mixed synonyms have a defined outcome at every question (seed ${SEED})`, () => {
  fc.assert(
    fc.property(unicode, (text) => {
      understandEverywhere(text);
    }),
    { seed: SEED, numRuns: 200 },
  );
});

test(`64 KB strings have a defined outcome within the per-call bound at every question (seed ${SEED})`, () => {
  fc.assert(
    fc.property(big, (text) => {
      understandEverywhere(text);
    }),
    { seed: SEED + 1, numRuns: 12 },
  );
});

test('strings known to stress regexes stay within the bound', () => {
  const attacks = [
    'a'.repeat(65_536),
    ' '.repeat(65_536),
    `${'1'.repeat(30_000)}x`,
    `${'1 '.repeat(30_000)}years`,
    `${'since '.repeat(10_000)}2019`,
    `${'#'.repeat(65_536)}`,
    `${'change '.repeat(9_000)}3`,
    `${'no sé '.repeat(10_000)}`,
    `${'@'.repeat(30_000)}.com`,
    `${'a.'.repeat(30_000)}@example.com`,
    `${'+1 '.repeat(20_000)}555`,
    `${'-'.repeat(65_536)}`,
    `${'\u0301'.repeat(65_536)}`,
    `${'🏳️‍🌈'.repeat(10_000)}`,
    `${'یک '.repeat(20_000)}`,
  ];
  for (const text of attacks) understandEverywhere(text);
});

test('two values of equal weight in one message are not an answer (phraseMatcher.ts: a tie is not understood)', () => {
  for (const q of ['detained', 'ice_contact', 'fear'] as QuestionId[]) {
    expect(understandAt(q, 'yes no').kind).toBe('notUnderstood');
    expect(understandAt(q, 'sí no').kind).toBe('notUnderstood');
  }
});
