/**
 * How sure a reading of a typed choice answer is (issue 18: never misread an answer, ask when unsure).
 *
 * Every reading knows how it was reached (design.md §4 `channelData.understood.how`):
 * - `label`: the whole message is an option label (either language), a value code, or words of one
 *   value of the lexicon and nothing else ("No tengo caso", "casada", "no, no tengo");
 * - `number`: an option number ("2", "opción 2");
 * - `phrase`: a phrase found inside a longer message ("vinieron a mi casa la semana pasada");
 * - `date`: a date, a duration, a year or an age read as a quantity ("hace 8 meses", "since 2019",
 *   "tengo 45").
 *
 * A `label`, `number` or `date` reading is taken as it is: a button or an exact label is never
 * tentative. A `phrase` reading is taken silently only when the rest of the message cannot change it:
 * 1. **no negation in its scope**: no negation word ("no", "not", "never", "nunca", "jamás"...) in the
 *    clause of the phrase, outside the phrase ("not married" and "no tengo caso" hold their own
 *    negation: the lexicon wrote those negated readings on purpose). A negation in another clause
 *    ("no, he never hit me"; "no fui deportado, pero me regresaron en el aeropuerto"), or one that
 *    governs a word of its own after it ("I crossed and nobody caught me"), has its own scope;
 * 2. **no match for a different value**: no phrase of another value, and no "no", "not sure" or "prefer
 *    not" at a question without that value, stands beside it, unless a rule of intake-spec §3
 *    decided between them (voluntary departure beats "order", a named place decides `location`, a word of
 *    marriage beats "pareja", a divorce word beats "esposo"...). Agreement ("yes", "sí") beside any value but the question's "no" is
 *    no other value: "sí, tengo una orden de deportación";
 * 3. **no words left over that could change its meaning**: no doubt ("creo", "maybe"), wish or plan
 *    ("quiero", "want to"), condition ("if"), earlier time ("used to", "antes", "ya no"), words that
 *    change it at one question (`questionDoubtWords`: "el año pasado" at `detained`, which asks about
 *    now), no question mark, and no more than MAX_LEFTOVER words that no phrase explains (a long story
 *    is checked, not skimmed). Words inside another phrase, even a negated one, are explained by it.
 *
 * Otherwise the reading is `tentative`: Puente asks "I understood: X. Is that right?" once
 * (design.md §4). Where nothing sensible can be offered (no value, a tie between values, a blocker that
 * wins), the question is asked again instead (`notUnderstood`). Words are data (lexicon.ts).
 */
import type { QuestionId } from '../../dialogs/intake/answers';
import { doubtWords, genericAliases, genericWords, negationWords, questionDoubtWords } from './lexicon';
import { matchesIn, outermost, type Match, type PhraseSet } from './phraseMatcher';
import type { ReadingHow } from './types';
import { cueSet, normalizedSet } from './vocabulary';

/** More words than this that no phrase explains make a phrase reading tentative. */
export const MAX_LEFTOVER = 8;

/** What the reading of a choice answer rests on (readings.ts). */
export interface Evidence {
  tokens: readonly string[];
  clauses: readonly number[];
  /** Every phrase found, before negation scope. */
  found: readonly Match[];
  /** Matches kept after negation scope (negation.ts), phrases inside longer ones included. */
  kept: readonly Match[];
  /** Phrases that are cues, not answers (relationship: "pareja", a death word): never another value. */
  cues: ReadonlySet<string>;
  /** A rule of intake-spec §3 decided between words of different values. */
  ruled: boolean;
  /** The raw message, for its question marks. */
  text: string;
}

export interface Judgement {
  how: Extract<ReadingHow, 'label' | 'phrase'>;
  sure: boolean;
}

const negators = normalizedSet(negationWords);
const agreement = normalizedSet(genericWords.yes);
const genericDoubt = normalizedSet(genericWords.no, genericWords.not_sure, genericWords.prefer_not);
const doubts = cueSet(doubtWords, 'doubt');
const questionDoubts = new Map<QuestionId, PhraseSet>();

const textOf = (m: Match): string => m.phrase.tokens.join(' ');
const spanOf = (m: Match): number[] => Array.from({ length: m.end - m.start }, (_, k) => m.start + k);

/** The value the question's generic "no" stands for: agreement beside it is a contradiction. */
function negativeValue(question: QuestionId): string {
  return genericAliases[question]?.no ?? 'no';
}

/** How `value` was reached and whether the rest of the message could change it (rules at the top). */
export function judge(question: QuestionId, value: string, e: Evidence): Judgement {
  const outer = outermost(e.kept);
  const mine = outer.filter((m) => m.value === value || (e.ruled && m.value !== null));
  const covered = new Set(mine.flatMap(spanOf));
  if (e.tokens.every((_, i) => covered.has(i))) return { how: 'label', sure: true };

  // Words inside another phrase, even a negated one ("no voy a visitar a mi familia"), are explained by it.
  const explained = new Set(e.found.flatMap(spanOf));
  const leftover = e.tokens.map((_, i) => i).filter((i) => !covered.has(i) && !explained.has(i));
  const unsure =
    negationInScope(mine, covered, e) ||
    (!e.ruled && otherValueBeside(question, value, outer, e.cues)) ||
    changesMeaning(question, leftover, e) ||
    leftover.length > MAX_LEFTOVER;
  return { how: 'phrase', sure: !unsure };
}

/**
 * A negation word in the clause of the phrase, outside every phrase of the value, that governs no
 * word of its own after it ("nobody" in "I crossed and nobody caught me" governs "caught me").
 */
function negationInScope(mine: readonly Match[], covered: ReadonlySet<number>, e: Evidence): boolean {
  const clauses = new Set(mine.map((m) => e.clauses[m.start]));
  const governsOwnWord = (i: number) => e.found.some((m) => m.value !== null && m.start > i && !covered.has(m.start) && e.clauses[m.start] === e.clauses[i]);
  return e.tokens.some((t, i) => !covered.has(i) && clauses.has(e.clauses[i]) && negators.has(t) && !governsOwnWord(i));
}

/**
 * A phrase of another value beside the reading, or a generic "no" / "not sure" / "prefer not" where the
 * question has no such value. Agreement ("sí") beside a positive value is none; the question's own
 * blockers ("closed", "passport") only stop a reading where they are the longest phrase.
 */
function otherValueBeside(question: QuestionId, value: string, outer: readonly Match[], cues: ReadonlySet<string>): boolean {
  return outer.some((m) => {
    if (m.value === value || (m.value !== null && cues.has(m.value))) return false;
    if (agreement.has(textOf(m))) return value === negativeValue(question);
    return m.value !== null || genericDoubt.has(textOf(m));
  });
}

/** Doubt, wish, condition or earlier-time words (some only at one question), or a question mark, left over. */
function changesMeaning(question: QuestionId, leftover: readonly number[], e: Evidence): boolean {
  if (e.text.includes('?') || e.text.includes('¿')) return true;
  const rest = new Set(leftover);
  return matchesIn(e.tokens, [doubts, questionDoubtSet(question)]).some((m) => spanOf(m).every((i) => rest.has(i)));
}

/** The question's own doubt words, built once per question. */
function questionDoubtSet(question: QuestionId): PhraseSet {
  let set = questionDoubts.get(question);
  if (!set) questionDoubts.set(question, (set = cueSet(questionDoubtWords[question] ?? { en: [], es: [] }, 'doubt')));
  return set;
}
