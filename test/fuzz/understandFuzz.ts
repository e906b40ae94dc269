/**
 * Typed-text fuzzing of the understanding layer (issue 8), shared by the CI test and the soak:
 * random Unicode, emoji, RTL text, 64 KB strings and strings made of the words of several values
 * ("yes no not sure"), understood at every question. Each call must have a defined outcome (answer,
 * change, command or not understood, never an exception) and finish within a per-call bound.
 *
 * About the bound: it is there to catch catastrophic regex backtracking or quadratic scans, which
 * take seconds to minutes on 64 KB, not to measure speed (bench/ does that). A normal call takes well
 * under a millisecond and the slowest 64 KB inputs about 300 ms on an idle machine (750 ms seen in
 * the soak with the two cores shared four ways); the bound is 2 s per call so that a loaded CI
 * machine or a garbage collection never trips it. The first call of a process (the models) is made
 * before timing starts.
 */
import fc from 'fast-check';
import { reviewItems } from '../../dialogs/intake';
import { questionIds } from '../../dialogs/intake/questions';
import { labelSource } from '../../src/understand';
import { createTexts } from '../../src/i18n';
import { understand, warmUpRecognizers, type Expecting, type LabelSource, type Understanding } from '../../src/understand';
import { allWords, commandWords, genericWords, questionWords, type Words } from '../../src/understand/lexicon';

export const PER_CALL_MS = 2_000;
const KINDS = new Set<Understanding['kind']>(['answer', 'tentative', 'open', 'change', 'command', 'notUnderstood']);
const expectings: Expecting[] = [...questionIds, 'review', 'confirmRestart'];

const texts = createTexts();
const labels: LabelSource = labelSource(texts);

/** Every word the lexicon knows, of every value and command, in both languages. */
const lexicon: string[] = [
  ...Object.values(commandWords).flatMap((w: Words) => allWords(w)),
  ...Object.values(genericWords).flatMap((w: Words) => allWords(w)),
  ...Object.values(questionWords).flatMap((byValue) => Object.values(byValue as Record<string, Words>).flatMap((w) => allWords(w))),
];

const ANSWERS = { language: 'es', consent: 'yes', location: 'in_us', contact_ok: 'yes', contact_method: 'email', relationship: 'married' } as const;

export function understandAt(expecting: Expecting, text: string): Understanding {
  return understand(
    { text },
    { expecting, answers: ANSWERS, today: new Date('2026-11-23T12:00:00Z'), reviewItems: reviewItems(ANSWERS), labels },
  );
}

/** Calls at every question and checks outcome and time; returns the slowest call (ms). */
export function understandEverywhere(text: string): number {
  let slowest = 0;
  for (const expecting of expectings) {
    const started = performance.now();
    const u = understandAt(expecting, text);
    const ms = performance.now() - started;
    slowest = Math.max(slowest, ms);
    if (!KINDS.has(u.kind)) throw new Error(`undefined outcome ${JSON.stringify(u)} at ${expecting}`);
    if (ms > PER_CALL_MS) throw new Error(`${Math.round(ms)} ms at ${expecting} for ${text.length} characters starting ${JSON.stringify(text.slice(0, 40))}`);
  }
  return slowest;
}

const RTL = ['نعم', 'لا', 'لست متأكدا', 'כן', 'לא', '\u202E', '\u202B', '\u200F', 'یک سال'];
const EMOJI = ['🙂', '👍🏽', '🏳️‍🌈', '🏳️‍⚧️', '👩‍❤️‍👩', '🇺🇸', '🇲🇽', '\u200D', '\uFE0F'];
const PIECES = [...lexicon, ...RTL, ...EMOJI, ' ', ', ', '.', '?', '!', '1', '2', '12', '2019', '3 years', 'since', 'desde', 'hace', '#', '%', '(', ')', '*', '+', '\\', '\n', '\t'];

/** Text of pieces: lexicon words of several values, RTL, emoji, digits and punctuation. */
const mixed = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 30 }).map((p) => p.join(' '));
export const unicode = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 100 }), mixed);
/** A 64 KB string: a unit (maybe several words) repeated. */
export const big = fc.tuple(fc.oneof(mixed, fc.string({ unit: 'binary', minLength: 1, maxLength: 8 })), fc.integer({ min: 32_000, max: 65_536 })).map(([unit, n]) => {
  const u = unit.length ? unit : 'a';
  return u.repeat(Math.ceil(n / u.length)).slice(0, n);
});

/** Both kinds: mostly short text, sometimes 32–64 KB. */
export const typedText = fc.oneof({ weight: 30, arbitrary: unicode }, { weight: 1, arbitrary: big });

/** The recognizers build their models lazily (a second or more): done before any call is timed. */
export function warmUp(): void {
  warmUpRecognizers();
  understandAt('time_in_us', 'since 2019');
  understandAt('hearing_when', 'on March 5');
}
