/** Option numbers: "2", "#2", "option 2", "la opción número 2" (1-based, in the order buttons are shown). */
import { allWords, numberFillerWords, optionWords } from './lexicon';
import { MATCH_CAP, normalize } from './normalize';

const optionSet = new Set(allWords(optionWords).map(normalize));
const fillerSet = new Set(allWords(numberFillerWords).map(normalize));
const MAX_LEADING_WORDS = 4;

/**
 * The number a message picks, or undefined. With `allowBare` false (time_in_us, where a bare number is
 * a number of years) an option word or "#" is required.
 */
export function optionNumber(raw: string, tokens: readonly string[], allowBare: boolean): number | undefined {
  const last = tokens[tokens.length - 1];
  if (last === undefined || !/^\d{1,3}$/.test(last)) return undefined;
  const leading = tokens.slice(0, -1);
  if (leading.length > MAX_LEADING_WORDS) return undefined;
  if (!leading.every((t) => optionSet.has(t) || fillerSet.has(t))) return undefined;
  const explicit = leading.some((t) => optionSet.has(t)) || /#\s*\d/.test(raw.slice(0, MATCH_CAP));
  if (!explicit && (!allowBare || leading.length > 0)) return undefined;
  return Number(last);
}

/** Picks the n-th (1-based) of `values`, if there is one. */
export function pick<T>(values: readonly T[], n: number | undefined): T | undefined {
  return n !== undefined && n >= 1 && n <= values.length ? values[n - 1] : undefined;
}
