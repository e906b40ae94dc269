/**
 * Builds the matchers of lexicon.ts once per question and keeps them (module-level cache): commands,
 * and for each question the phrase set of its values (question words, generic yes/no/not sure/prefer
 * not, value codes, blockers).
 */
import { valuesOf, type QuestionId } from '../../dialogs/intake/answers';
import {
  allWords,
  blockedWords,
  commandWords,
  confirmWords,
  foreignPlaceWords,
  genericAliases,
  genericValues,
  genericWords,
  languageWords,
  locationHereWords,
  questionWords,
  untypedCodes,
  usPlaceWords,
  type Words,
} from './lexicon';
import { normalize } from './normalize';
import { PhraseSet, type PhraseValue } from './phraseMatcher';
import type { Expecting, Lang, Understanding } from './types';

type CommandUnderstanding = Extract<Understanding, { kind: 'command' }>;

let commands: Map<string, CommandUnderstanding> | undefined;

/** The command a whole normalized message names, if any (intake-spec §2). */
export function commandFor(normalized: string): CommandUnderstanding | undefined {
  if (!commands) {
    commands = new Map();
    for (const [command, words] of Object.entries(commandWords) as [keyof typeof commandWords, Words][]) {
      for (const w of allWords(words)) commands.set(normalize(w), { kind: 'command', command });
    }
    for (const locale of ['en', 'es'] as const) {
      for (const w of allWords(languageWords[locale])) commands.set(normalize(w), { kind: 'command', command: 'language', locale });
    }
  }
  return commands.get(normalized);
}

/** The answer values a matcher can return at `expecting` (review: only 'confirm'; changes come from labels). */
export function valuesFor(expecting: Expecting): readonly string[] {
  if (expecting === 'review') return ['confirm'];
  if (expecting === 'confirmRestart') return ['yes', 'no'];
  return valuesOf(expecting);
}

const sets = new Map<Expecting, PhraseSet>();

/**
 * The phrase set of a question. Question-specific words (and value codes, and blockers) replace a
 * generic word with the same normalized text, so "yes" at proceedings is `pending`, not a blocker.
 */
export function phraseSetFor(expecting: Expecting): PhraseSet {
  const cached = sets.get(expecting);
  if (cached) return cached;
  const values = valuesFor(expecting);
  const generic = new Map<string, PhraseValue>();
  for (const g of genericValues) {
    const target = values.includes(g) ? g : (genericAliases[expecting]?.[g] ?? null);
    for (const w of allWords(genericWords[g])) generic.set(normalize(w), target);
  }
  const specific: Array<[string, PhraseValue]> = [];
  for (const v of values) if (!untypedCodes[expecting as QuestionId]?.includes(v)) specific.push([v, v]);
  const own = expecting === 'review' || expecting === 'confirmRestart' ? undefined : questionWords[expecting as QuestionId];
  for (const [v, words] of Object.entries(own ?? {}) as [string, Words][]) for (const w of allWords(words)) specific.push([w, v]);
  for (const [v, words] of placeWords(expecting)) for (const w of allWords(words)) specific.push([w, v]);
  if (expecting === 'review') for (const w of allWords(confirmWords)) specific.push([w, 'confirm']);
  for (const w of allWords(blockedWords[expecting] ?? { en: [], es: [] })) specific.push([w, null]);

  const set = new PhraseSet();
  const overridden = new Set(specific.map(([w]) => normalize(w)));
  for (const [w, v] of generic) if (!overridden.has(w)) set.add(w, v);
  for (const [w, v] of specific) set.add(w, v);
  sets.set(expecting, set);
  return set;
}

/** At `location`, named places and "here" / "outside" (whose weight readings.ts decides). */
function placeWords(expecting: Expecting): Array<[string, Words]> {
  if (expecting !== 'location') return [];
  return [
    ['in_us', usPlaceWords],
    ['outside_us', foreignPlaceWords],
    ['in_us', locationHereWords.in_us],
    ['outside_us', locationHereWords.outside_us],
  ];
}

/** A set of normalized phrases, for membership tests ("is this match one of these words?"). */
export function normalizedSet(...lists: readonly Words[]): ReadonlySet<string> {
  return new Set(lists.flatMap((w) => allWords(w).map(normalize)));
}

/** A phrase set whose every phrase has the same value (cue words that are not answers). */
export function cueSet(words: Words, value: string): PhraseSet {
  const set = new PhraseSet();
  for (const w of allWords(words)) set.add(w, value);
  return set;
}

export const langs: readonly Lang[] = ['en', 'es'];
