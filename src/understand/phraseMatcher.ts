/**
 * Longest-phrase matching over whole tokens. A phrase matches where its tokens appear contiguously in
 * the message; the phrase with the most tokens decides, and among those a label shown to people
 * outranks lexicon words. Different values with as many tokens (and the same rank) mean the message is
 * ambiguous and the question is asked again: "no, not arrested" must never read as the longer word
 * "arrested", so characters do not break a tie between values. A phrase may map to no value (a blocker), so
 * a negation such as "not a citizen" wins over "citizen" and leaves the question open.
 *
 * `matchesIn` lists every phrase found, so readings can drop the ones a negation governs (negation.ts)
 * or weigh cues beside each other (readings.ts) before `bestOf` decides as `longestMatch` does.
 *
 * Cost: for each message token, only the phrases starting with that token are tried (a map lookup),
 * so matching is linear in the message length times a small constant.
 */
import { tokenize } from './normalize';

/** `null` marks a blocker: it matches, and if it is the longest match nothing is understood. */
export type PhraseValue = string | null;

/** Labels shown to people outrank lexicon words of the same length. */
export const LABEL_PRIORITY = 1;

export interface Phrase {
  tokens: readonly string[];
  chars: number;
  value: PhraseValue;
  priority: number;
}

export type MatchResult =
  | { kind: 'value'; value: string }
  | { kind: 'none' }
  | { kind: 'ambiguous' }
  | { kind: 'blocked' };

export class PhraseSet {
  private readonly byFirst = new Map<string, Phrase[]>();

  /** Adds a phrase written naturally; it is tokenized like messages are. Empty phrases are ignored. */
  add(text: string, value: PhraseValue, priority = 0): this {
    return this.addTokens(tokenize(text), value, priority);
  }

  addTokens(tokens: readonly string[], value: PhraseValue, priority = 0): this {
    const first = tokens[0];
    if (first === undefined) return this;
    const list = this.byFirst.get(first) ?? [];
    const same = list.find((p) => p.value === value && p.priority === priority && sameTokens(p.tokens, tokens));
    if (!same) list.push({ tokens, chars: tokens.join('').length, value, priority });
    this.byFirst.set(first, list);
    return this;
  }

  /** Every phrase starting with this token. */
  startingWith(token: string): readonly Phrase[] {
    return this.byFirst.get(token) ?? [];
  }

  /** Every phrase, for tests and diagnostics. */
  *entries(): Iterable<{ tokens: readonly string[]; value: PhraseValue }> {
    for (const list of this.byFirst.values()) for (const p of list) yield { tokens: p.tokens, value: p.value };
  }
}

function sameTokens(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

function matchesAt(tokens: readonly string[], at: number, phrase: readonly string[]): boolean {
  if (at + phrase.length > tokens.length) return false;
  for (let k = 1; k < phrase.length; k++) if (tokens[at + k] !== phrase[k]) return false;
  return true;
}

/** Compares (tokens, priority): positive when a outranks b. */
function compare(a: Phrase, b: Phrase): number {
  return a.tokens.length - b.tokens.length || a.priority - b.priority;
}

/** One phrase found in a message: where it starts, how many tokens it covers, what it means. */
export interface Match {
  start: number;
  end: number;
  value: PhraseValue;
  phrase: Phrase;
}

/** Every phrase of `sets` found in `tokens`, in message order (phrases inside longer ones included). */
export function matchesIn(tokens: readonly string[], sets: readonly PhraseSet[]): Match[] {
  const found: Match[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    for (const set of sets) {
      for (const phrase of set.startingWith(token)) {
        if (matchesAt(tokens, i, phrase.tokens)) found.push({ start: i, end: i + phrase.tokens.length, value: phrase.value, phrase });
      }
    }
  }
  return found;
}

/** Whether a match came from a label shown to people (labels outrank lexicon words of their length). */
export const isLabel = (m: Match): boolean => m.phrase.priority >= LABEL_PRIORITY;

/** Whether a label shown to people is the whole message (typed exactly, up to case and punctuation). */
export const isWholeLabel = (matches: readonly Match[], tokenCount: number): boolean =>
  matches.some((m) => isLabel(m) && m.start === 0 && m.end === tokenCount);

/** The decision among matches: the longest (then highest-ranked) phrase, a tie of values being ambiguous. */
export function bestOf(matches: readonly Match[]): MatchResult {
  let best: Phrase | undefined;
  const values = new Set<PhraseValue>();
  for (const { phrase } of matches) {
    const order = best ? compare(phrase, best) : 1;
    if (order > 0) {
      best = phrase;
      values.clear();
      values.add(phrase.value);
    } else if (order === 0) {
      values.add(phrase.value);
    }
  }
  if (!best) return { kind: 'none' };
  // A blocker stops the shorter words inside it; tied with a value as long as itself, it blocks
  // nothing ("sí, estoy casada": "sí estoy" is no answer to the relationship question, "casada" is).
  if (values.size > 1) values.delete(null);
  if (values.size > 1) return { kind: 'ambiguous' };
  const [value] = values;
  return value === null || value === undefined ? { kind: 'blocked' } : { kind: 'value', value };
}

/** The matches no longer match contains: "married" inside "not married" is not a word of its own. */
export function outermost(matches: readonly Match[]): Match[] {
  return matches.filter((m) => !matches.some((o) => o !== m && o.start <= m.start && o.end >= m.end && o.end - o.start > m.end - m.start));
}

/** The value of the longest phrase of `sets` found in `tokens`. */
export function longestMatch(tokens: readonly string[], sets: readonly PhraseSet[]): MatchResult {
  return bestOf(matchesIn(tokens, sets));
}
