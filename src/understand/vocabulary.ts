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
  genericAliases,
  genericValues,
  genericWords,
  languageWords,
  questionWords,
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
  for (const v of values) specific.push([v, v]);
  const own = expecting === 'review' || expecting === 'confirmRestart' ? undefined : questionWords[expecting as QuestionId];
  for (const [v, words] of Object.entries(own ?? {}) as [string, Words][]) for (const w of allWords(words)) specific.push([w, v]);
  if (expecting === 'review') for (const w of allWords(confirmWords)) specific.push([w, 'confirm']);
  for (const w of allWords(blockedWords[expecting] ?? { en: [], es: [] })) specific.push([w, null]);

  const set = new PhraseSet();
  const overridden = new Set(specific.map(([w]) => normalize(w)));
  for (const [w, v] of generic) if (!overridden.has(w)) set.add(w, v);
  for (const [w, v] of specific) set.add(w, v);
  sets.set(expecting, set);
  return set;
}

export const langs: readonly Lang[] = ['en', 'es'];
