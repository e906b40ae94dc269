import { questionIds } from '../../dialogs/intake/questions';
import { understand, type Expecting, type Understanding } from '../../src/understand';
import { ctx } from './realLabels';

const expectings: Expecting[] = [...questionIds, 'review', 'confirmRestart'];
const KINDS = new Set(['answer', 'tentative', 'open', 'change', 'command', 'notUnderstood']);

function isDefined(u: Understanding): boolean {
  return KINDS.has(u.kind);
}

/** Deterministic pseudo-random Unicode (a linear congruential generator), so failures reproduce. */
function randomUnicode(seed: number, length: number): string {
  let s = seed;
  let out = '';
  for (let i = 0; i < length; i++) {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    const cp = s % 0x2ffff;
    out += cp >= 0xd800 && cp <= 0xdfff ? '\uFFFD' : String.fromCodePoint(cp);
  }
  return out;
}

const nasty: Array<[string, unknown, unknown]> = [
  ['emoji', '🙂👍🏽🏳️‍🌈', undefined],
  ['64 KB', 'yes '.repeat(16_384), undefined],
  ['64 KB of one word', 'a'.repeat(65_536), undefined],
  ['5,000 characters', 'x'.repeat(5000), undefined],
  ['yes no not sure', 'yes no not sure', undefined],
  ['RTL Arabic', 'نعم، أنا في الولايات المتحدة', undefined],
  ['RTL Hebrew with bidi override', '\u202Eכן\u202C', undefined],
  ['zero-width', 'y\u200Be\u200Bs', undefined],
  ['combining marks', 'ye\u0301\u0301\u0301s', undefined],
  ['lone surrogate', '\uD800yes', undefined],
  ['control characters', '\u0000\u0007yes\u001B', undefined],
  ['regex metacharacters', '(.*)+[a-z]{1,}\\d?$^|', undefined],
  ['only punctuation', '!!!...,,,;;;', undefined],
  ['dates gone wild', '99/99/9999 32 de febrero 0000-00-00', undefined],
  ['huge number', '9'.repeat(400), undefined],
  ['a long run of spaces', `a${' '.repeat(60_000)}b y medio`, undefined],
  ['hash then spaces', `#${' '.repeat(60_000)}1`, undefined],
  ['many dots', `${'u.'.repeat(30_000)}s`, undefined],
  ['button object', 'yes', { toString: () => 'yes' }],
  ['button array', undefined, ['yes']],
  ['button number', undefined, 1],
  ['button huge string', undefined, 'y'.repeat(65_536)],
  ['button proto', undefined, '__proto__'],
  ['button null', undefined, null],
];

describe('never throws, always a defined outcome', () => {
  test.each(nasty)('%s', (_, text, button) => {
    for (const expecting of expectings) {
      const u = understand({ text: text as string | undefined, button }, ctx(expecting, { answers: { contact_method: 'email' } }));
      expect(isDefined(u)).toBe(true);
    }
  });

  test('random Unicode at every question', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const text = randomUnicode(seed, 1 + (seed * 37) % 300);
      for (const expecting of expectings) expect(isDefined(understand({ text }, ctx(expecting)))).toBe(true);
    }
  });

  test('text that is not a string is treated as absent', () => {
    expect(understand({ text: 42 as unknown as string }, ctx('consent'))).toEqual({ kind: 'notUnderstood', reason: 'empty' });
  });
});

describe('empty input', () => {
  test.each(['', '   ', '\n\t', undefined])('%j is empty at a choice question', (text) => {
    expect(understand({ text }, ctx('consent'))).toEqual({ kind: 'notUnderstood', reason: 'empty' });
    expect(understand({ text }, ctx('review'))).toEqual({ kind: 'notUnderstood', reason: 'empty' });
  });

  test('an invalid button with no text is noMatch, not empty', () => {
    expect(understand({ button: 'banana' }, ctx('consent'))).toEqual({ kind: 'notUnderstood', reason: 'noMatch' });
  });

  test('emoji only is noMatch, not empty', () => {
    expect(understand({ text: '🙂' }, ctx('consent'))).toEqual({ kind: 'notUnderstood', reason: 'noMatch' });
  });
});

describe('long messages are matched on their first 500 characters', () => {
  test('an answer at the start of a long message is understood, and confirmed: a long story is checked', () => {
    expect(understand({ text: `yes ${'lorem '.repeat(1000)}` }, ctx('consent'))).toEqual({ kind: 'tentative', value: 'yes', how: 'phrase' });
  });
  test('an answer after the first 500 characters is not seen', () => {
    expect(understand({ text: `${'lorem '.repeat(100)} yes` }, ctx('consent'))).toEqual({ kind: 'notUnderstood', reason: 'noMatch' });
  });
  test('matching a 64 KB message is fast', () => {
    const text = 'no sé '.repeat(10_000);
    const start = performance.now();
    for (const expecting of expectings) understand({ text }, ctx(expecting));
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe('buttons', () => {
  test('a valid code for the question is an answer, whatever the text', () => {
    expect(understand({ button: 'not_sure', text: 'yes' }, ctx('detained'))).toEqual(expect.objectContaining({ kind: 'answer', value: 'not_sure' }));
    expect(understand({ button: '10_plus' }, ctx('time_in_us'))).toEqual(expect.objectContaining({ kind: 'answer', value: '10_plus' }));
  });
  test('a code of another question falls back to the text', () => {
    expect(understand({ button: 'married', text: 'no' }, ctx('consent'))).toEqual(expect.objectContaining({ kind: 'answer', value: 'no' }));
    expect(understand({ button: 'married' }, ctx('consent'))).toEqual({ kind: 'notUnderstood', reason: 'noMatch' });
  });
});
