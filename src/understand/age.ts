/**
 * A typed age at the under-21 question ("I'm 17", "tengo 45 años", "19"). Only the comparison with
 * 21 is kept; the age itself is never stored.
 */
import type { Understanding } from './types';
import { answer } from './types';

/** Words that make a number in a sentence an age (tokens are normalized: no accents, lower case). */
const AGE_WORDS = new Set(['years', 'year', 'old', 'yo', 'age', 'im', 'am', 'anos', 'ano', 'tengo', 'edad', 'cumplo', 'cumpli', 'soy', 'turn', 'turning']);
/** "I turn 21 next month" / "cumplo 21": that age is still ahead, so the person is one year younger. */
const TURNING_WORDS = new Set(['cumplo', 'turn', 'turning', 'voy', 'cumplire']);
const MAX_AGE = 120;
/** Bare numbers up to the option count (1 = yes, 2 = no) are option numbers, handled before this. */
const SMALLEST_BARE_AGE = 3;

export function ageAnswer(tokens: readonly string[]): Understanding | undefined {
  const numbers = tokens.filter((t) => /^\d{1,3}$/.test(t)).map(Number);
  if (numbers.length !== 1) return undefined;
  const age = numbers[0]!;
  if (age < 1 || age > MAX_AGE) return undefined;
  const bare = tokens.length === 1;
  if (bare ? age < SMALLEST_BARE_AGE : !tokens.some((t) => AGE_WORDS.has(t))) return undefined;
  const turning = !bare && tokens.some((t) => TURNING_WORDS.has(t));
  return answer(age < 21 || (turning && age === 21) ? 'yes' : 'no', 'date');
}
