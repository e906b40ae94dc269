/**
 * The relationship question's readings that decide safety (intake-spec §3, review D9 and G5).
 *
 * - "pareja" / "partner" never means `partner` on its own: many married same-sex couples say "mi
 *   pareja". When it is the only relationship word (alone or with words that decide nothing, "we live
 *   together", "desde 2020"), the answer is left open and `married_check` is asked.
 * - A word of marriage wins over it ("casada con mi pareja"), unless negated ("mi pareja y yo no
 *   estamos casados" is `partner`); a word of the partner row decides `partner`; a divorce word
 *   decides `former_spouse`.
 * - A divorce or death word beats the spouse word inside its phrase ("mi ex esposo", "murió mi
 *   esposa"). Beside a current marriage ("estoy casada con mi esposa; me divorcié de mi esposo"), or a
 *   death beside only "pareja" / "partner", the answer is asked again, never guessed.
 * - A typed option label is never open: it names its value (readings.ts reads a whole label first).
 */
import { notMarriedWords, relationshipCueWords, spouseNounWords } from './lexicon';
import { bestOf, outermost, type Match, type MatchResult } from './phraseMatcher';
import { cueSet, normalizedSet } from './vocabulary';

export const OPEN = '(open)';
export const DEATH = '(death)';

/** Cue phrases of relationshipCueWords, matched beside the question's own words. */
export const relationshipCues = [cueSet(relationshipCueWords.open, OPEN), cueSet(relationshipCueWords.death, DEATH)];

const spouseNouns = normalizedSet(spouseNounWords);
const notMarried = normalizedSet(notMarriedWords);
const textOf = (m: Match) => m.phrase.tokens.join(' ');

/** What the relationship answer means: a value, 'open' (ask married_check), or no reading. */
export type RelationshipReading = MatchResult | { kind: 'open' };

/** `matches`: every match in the message, negated ones already dropped (negation.ts). */
export function readRelationship(matches: readonly Match[]): RelationshipReading {
  const outer = outermost(matches);
  const answers = outer.filter((m) => m.value !== OPEN && m.value !== DEATH);

  const has = (value: string) => outer.some((m) => m.value === value);
  const marriageStatement = outer.some((m) => m.value === 'married' && !spouseNouns.has(textOf(m)));
  const spouseNoun = outer.some((m) => m.value === 'married' && spouseNouns.has(textOf(m)));
  const otherTies = marriageStatement || has('partner') || has(OPEN);

  if (has(DEATH)) return (spouseNoun || has('former_spouse')) && !otherTies ? value('former_spouse') : { kind: 'ambiguous' };
  if (has('former_spouse')) return otherTies ? { kind: 'ambiguous' } : value('former_spouse');

  const decided = bestOf(answers);
  if (!has(OPEN)) return decided;
  if (decided.kind === 'value') {
    if (decided.value !== 'none') return decided;
    // "no estoy casada, pero tengo pareja" is partner; "no, pero tengo pareja" or "soltera, con pareja"
    // leave marriage open again.
    return outer.some((m) => m.value === 'none' && notMarried.has(textOf(m))) ? value('partner') : { kind: 'open' };
  }
  return decided.kind === 'ambiguous' ? decided : { kind: 'open' };
}

const value = (v: string): MatchResult => ({ kind: 'value', value: v });

/**
 * Whether the rules above, not the longest phrase, weighed the words: "pareja" / "partner", a death
 * word or a divorce word was in the answer (confidence.ts takes a reading the rules decided).
 */
export function decidedByRule(matches: readonly Match[]): boolean {
  return outermost(matches).some((m) => m.value === OPEN || m.value === DEATH || m.value === 'former_spouse');
}
