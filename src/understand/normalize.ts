/**
 * Text normalization shared by every matcher, so "Sí, EE.UU.", "si eeuu" and "¡SÍ! ee. uu." compare equal.
 * Everything here is linear in the input: no backtracking-prone patterns run on unbounded text.
 */

/**
 * Matching looks at the first MATCH_CAP characters of a message; the rest is ignored. Answers are short,
 * so this only bounds the work done on pasted walls of text (the HTTP body limit is 64 KB).
 */
export const MATCH_CAP = 500;

const APOSTROPHES = /['\u2018\u2019\u02BC\u0060\u00B4]/g;
const MARKS = /\p{M}/gu;
/** Invisible format characters (zero-width spaces, bidi marks and overrides). */
const FORMAT = /\p{Cf}/gu;
const NOT_WORD = /[^\p{L}\p{N}.]+/gu;
/** "u.s.", "ee.uu.", "u.s.a", "no." : short letter groups joined by dots are one word. */
const ABBREVIATION = /^(?:\p{L}{1,2}\.)+\p{L}{0,2}$/u;
/** A dot that is not a decimal point. */
const NON_DECIMAL_DOT = /\.(?!\d)|(?<!\d)\./g;

/**
 * Lower-cases, strips accents and other marks, drops apostrophes ("don't" -> "dont"), treats every
 * other punctuation as a space, and splits into tokens. Digits keep a decimal point ("1.5").
 */
export function tokenize(text: string): string[] {
  const flat = text
    .slice(0, MATCH_CAP)
    .toLowerCase()
    .normalize('NFKD')
    .replace(MARKS, '')
    .replace(FORMAT, '')
    .replace(APOSTROPHES, '')
    .replace(NOT_WORD, ' ');
  const tokens: string[] = [];
  for (const chunk of flat.split(' ')) {
    if (chunk === '') continue;
    if (ABBREVIATION.test(chunk)) {
      tokens.push(chunk.replaceAll('.', ''));
      continue;
    }
    for (const part of chunk.replace(NON_DECIMAL_DOT, ' ').split(' ')) if (part !== '') tokens.push(part);
  }
  return tokens;
}

/** The normalized form of a whole message or phrase: its tokens joined by single spaces. */
export function normalize(text: string): string {
  return tokenize(text).join(' ');
}

/** A message made only of punctuation with a question mark ("?", "¿?", "??", "?!") asks for help. */
export function isLoneQuestionMark(text: string): boolean {
  const head = text.slice(0, MATCH_CAP);
  return /^[\p{P}\s]+$/u.test(head) && /[?\uFF1F]/u.test(head);
}
