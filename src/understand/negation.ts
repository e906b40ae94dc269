/**
 * Negation scope (intake-spec §3, "These readings decide safety"). A word counts only when no negation
 * governs it: "she is not a citizen" is never `us_citizen`, "nunca me ha pegado" never `yes`. And a
 * bare "no" or "nunca" is the answer only when it negates the question itself: followed by other words
 * in its clause ("no me deja ver a mi familia", "no puedo volver", "no fui a la corte") it negates
 * those words, and at the questions that decide safety it is never read as `no` or `none`.
 *
 * Scope is the clause: punctuation (",", ";", "!", "?", a sentence's full stop) and words such as
 * "but" / "pero" end it, so "no, he has a green card" keeps its green card.
 */
import type { QuestionId } from '../../dialogs/intake/answers';
import { clauseBreakWords, detailQuestionWords, genericWords, negationFillerWords, negationWords } from './lexicon';
import { MATCH_CAP, tokenize } from './normalize';
import { matchesIn, type Match } from './phraseMatcher';
import { cueSet, normalizedSet } from './vocabulary';

/** The questions where a "no" that negates something else is never taken as `no` / `none` (intake-spec §3). */
export const NEGATION_SCOPE_QUESTIONS: ReadonlySet<QuestionId> = new Set([
  'detained', 'proceedings', 'partner_abuse', 'fear', 'arrests', 'crime_victim', 'prior_removal',
]);

const negators = normalizedSet(negationWords);
const breaks = normalizedSet(clauseBreakWords);
const fillers = normalizedSet(negationFillerWords);
/** A generic "no" and the bare words of absence: answers only when nothing they could negate follows. */
const bareNo = new Set([...normalizedSet(genericWords.no), 'none', 'ninguno', 'ninguna', 'nadie', 'nobody', 'no one', 'nada', 'nothing']);

/** Punctuation that ends a clause, and full stops (kept only after a word without inner dots: see `splitClauses`). */
const CLAUSE_END = /[,;:!?¡¿\u2026]+|\.(?=\s|$)/gu;

/**
 * Splits text at clause ends. A full stop ends a clause only after a word without inner dots, so
 * "U.S." stays one word. Written as a loop over the matches rather than a lookbehind, which would
 * rescan the word before every dot (quadratic on a long run of them).
 */
function splitClauses(text: string): string[] {
  const pieces: string[] = [];
  let from = 0;
  for (const m of text.matchAll(CLAUSE_END)) {
    if (m[0] === '.') {
      const wordStart = Math.max(text.lastIndexOf(' ', m.index - 1), text.lastIndexOf('\t', m.index - 1), text.lastIndexOf('\n', m.index - 1)) + 1;
      const word = text.slice(wordStart, m.index);
      if (word === '' || word.includes('.')) continue;
    }
    pieces.push(text.slice(from, m.index));
    from = m.index + m[0].length;
  }
  pieces.push(text.slice(from));
  return pieces;
}

/**
 * The clause number of each token of `tokenize(text)`. Falls back to a single clause when splitting
 * would change the tokens (it never should), so scope can only be narrower than the message.
 */
export function clausesOf(text: string, tokens: readonly string[]): number[] {
  const pieces = splitClauses(text.slice(0, MATCH_CAP));
  const ids: number[] = [];
  const joined: string[] = [];
  let clause = 0;
  for (const piece of pieces) {
    tokenize(piece).forEach((token, i) => {
      if (i > 0 && breaks.has(token)) clause++;
      joined.push(token);
      ids.push(clause);
    });
    clause++;
  }
  const same = joined.length === tokens.length && joined.every((t, i) => t === tokens[i]);
  return same ? ids : tokens.map(() => 0);
}

function hasNegator(tokens: readonly string[]): boolean {
  return tokens.some((t) => negators.has(t));
}

/**
 * Drops value matches governed by a negation earlier in their clause. A phrase that holds its own
 * negation ("not married", "no tengo miedo") is kept: the lexicon wrote the negated reading on purpose.
 * Blockers are kept too: they only ever stop a reading.
 */
export function withoutNegated(matches: readonly Match[], tokens: readonly string[], clauses: readonly number[]): Match[] {
  return matches.filter((m) => {
    if (m.value === null || hasNegator(m.phrase.tokens)) return true;
    for (let i = m.start - 1; i >= 0 && clauses[i] === clauses[m.start]; i--) if (negators.has(tokens[i]!)) return false;
    return true;
  });
}

/**
 * Drops a bare "no" / "nunca" / "I don't" that has other words after it in its clause: it negates
 * those words, not the question. Used at NEGATION_SCOPE_QUESTIONS.
 */
export function withoutStrayNegations(matches: readonly Match[], tokens: readonly string[], clauses: readonly number[]): Match[] {
  return matches.filter((m) => {
    if (!bareNo.has(m.phrase.tokens.join(' '))) return true;
    for (let i = m.end; i < tokens.length && clauses[i] === clauses[m.start]; i++) if (!fillers.has(tokens[i]!)) return false;
    return true;
  });
}

const unsure = normalizedSet(genericWords.not_sure);
const details = cueSet(detailQuestionWords, 'detail');

/**
 * Drops a "no sé" / "I don't remember" followed in its clause by "cuándo", "when", "the date": the
 * person is unsure of a detail, not of the answer ("tengo corte pero no me acuerdo cuándo" has court).
 * Used at NEGATION_SCOPE_QUESTIONS (at hearing_when the date is the answer itself).
 */
export function withoutUnsureDetails(matches: readonly Match[], tokens: readonly string[], clauses: readonly number[]): Match[] {
  const detailAt = new Set(matchesIn(tokens, [details]).map((d) => d.start));
  return matches.filter((m) => !(unsure.has(m.phrase.tokens.join(' ')) && detailAt.has(m.end) && clauses[m.end] === clauses[m.start]));
}
