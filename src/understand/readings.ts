/**
 * Reading a typed choice answer: the phrases found in it (question words, labels), less the ones a
 * negation governs, decided by the longest phrase, then the readings of intake-spec §3 that decide
 * safety and are contracts:
 * - a named place decides `location`; "here" / "outside" alone or with "the US" only;
 * - a citizen of another country is not `us_citizen` ("a Mexican citizen", "ciudadana de Honduras");
 * - a Notice to Appear with no date is `nta_no_court`, with a date `pending`;
 * - where words of two values stand side by side, `valuePrecedence` (lexicon.ts) may decide;
 * - relationship: relationship.ts.
 *
 * With the reading comes what it rests on (`Evidence`), so confidence.ts can tell whether the rest of
 * the message could change it.
 */
import type { QuestionId } from '../../dialogs/intake/answers';
import {
  allWords,
  aloneOnlyWords,
  bareCitizenWords,
  dateWords,
  dateWordsBesideNumber,
  foreignNationalityWords,
  foreignPlaceWords,
  locationFillerWords,
  locationHereWords,
  ntaWords,
  questionWords,
  usPlaceWords,
  valuePrecedence,
  type Words,
} from './lexicon';
import { clausesOf, NEGATION_SCOPE_QUESTIONS, withoutNegated, withoutStrayNegations, withoutUnsureDetails } from './negation';
import { bestOf, isLabel, isWholeLabel, matchesIn, outermost, PhraseSet, type Match, type MatchResult } from './phraseMatcher';
import type { Evidence } from './confidence';
import { DEATH, decidedByRule, OPEN, readRelationship, relationshipCues, type RelationshipReading } from './relationship';
import { cueSet, normalizedSet, phraseSetFor } from './vocabulary';

export type ChoiceReading = RelationshipReading;

/** A reading and what it rests on. `ruled`: a rule below decided between words of different values. */
interface Decided {
  reading: ChoiceReading;
  ruled: boolean;
}

const CUES: ReadonlySet<string> = new Set([OPEN, DEATH]);

/** What a typed answer to a choice question means; `labels` are the option labels of both languages. */
export function readChoice(question: QuestionId, text: string, tokens: readonly string[], labels: PhraseSet): { reading: ChoiceReading; evidence: Evidence } {
  const sets = [phraseSetFor(question), labels, ...(question === 'relationship' ? relationshipCues : [])];
  const clauses = clausesOf(text, tokens);
  const found = wholeOnly(matchesIn(tokens, sets), tokens.length);
  let matches = withoutNegated(found, tokens, clauses);
  if (NEGATION_SCOPE_QUESTIONS.has(question)) matches = withoutUnsureDetails(withoutStrayNegations(matches, tokens, clauses), tokens, clauses);
  const { reading, ruled } = decide(question, text, tokens, matches);
  return { reading, evidence: { tokens, clauses, found, kept: matches, cues: CUES, ruled, text } };
}

function decide(question: QuestionId, text: string, tokens: readonly string[], matches: readonly Match[]): Decided {
  // An option label typed as the whole message names its value; the rules below are for sentences.
  if (isWholeLabel(matches, tokens.length)) return plain(bestOf(matches.filter(isLabel)));
  switch (question) {
    case 'relationship':
      // "casada con mi pareja", "murió mi esposo", "me divorcié de mi esposa": relationship.ts weighs them.
      return { reading: readRelationship(matches), ruled: decidedByRule(matches) };
    case 'location': {
      const weighed = placeDecides(matches, tokens);
      return { reading: onePlace(weighed.matches), ruled: weighed.byPlace };
    }
    case 'partner_status':
      return plain(notForeignCitizen(bestOf(matches), matches, tokens));
    case 'children':
      return plain(notBornAbroad(bestOf(matches), tokens));
    case 'proceedings': {
      const weighed = withPrecedence(question, matches);
      const dated = ntaWithDate(weighed.reading, matches, tokens, text);
      return { reading: dated, ruled: weighed.ruled || dated !== weighed.reading };
    }
    default:
      return withPrecedence(question, matches);
  }
}

const plain = (reading: ChoiceReading): Decided => ({ reading, ruled: false });

const aloneOnly = normalizedSet(aloneOnlyWords);

/** "y" and "n" answer only as the whole message: inside a Spanish sentence "y" is "and". */
function wholeOnly(matches: readonly Match[], tokenCount: number): Match[] {
  return matches.filter((m) => !aloneOnly.has(m.phrase.tokens.join(' ')) || (m.start === 0 && m.end === tokenCount));
}

/**
 * The longest phrase decides; where it does not (a tie) or where a word of a value that wins over it
 * stands beside it, `valuePrecedence` decides: one value that wins over every other value named.
 */
function withPrecedence(question: QuestionId, matches: readonly Match[]): Decided {
  const decided = bestOf(matches);
  const rules = valuePrecedence[question];
  if (!rules) return plain(decided);
  const named = new Set(outermost(matches).flatMap((m) => (m.value === null ? [] : [m.value])));
  for (const [winner, beaten] of Object.entries(rules)) {
    if (named.has(winner) && [...named].every((v) => v === winner || beaten.includes(v))) {
      return { reading: { kind: 'value', value: winner }, ruled: named.size > 1 };
    }
  }
  return plain(decided);
}

const hereWords = normalizedSet(locationHereWords.in_us, locationHereWords.outside_us);
const placeWords = normalizedSet(usPlaceWords, foreignPlaceWords, ...(Object.values(questionWords.location ?? {}) as Words[]));
const locationFillers = normalizedSet(locationFillerWords);

/**
 * A named place or a "the US" phrase decides over everything else ("aquí en México", "just outside
 * Houston", "I'm not in Mexico, I'm in Texas", where "I'm not" is no answer). "here" / "aquí" /
 * "outside" / "fuera" count only when nothing else in the answer could be a place: every other word
 * is a filler ("I live here", "estoy aquí"), so "here in Lagos" is not read as in_us by a missing city.
 */
function placeDecides(matches: readonly Match[], tokens: readonly string[]): { matches: Match[]; byPlace: boolean } {
  const textOf = (m: Match) => m.phrase.tokens.join(' ');
  const places = matches.filter((m) => m.value !== null && placeWords.has(textOf(m)));
  if (places.length > 0) return { matches: places, byPlace: true };
  const here = (m: Match) => hereWords.has(textOf(m));
  const covered = new Set(matches.flatMap((m) => Array.from({ length: m.end - m.start }, (_, k) => m.start + k)));
  const onlyFillers = tokens.every((t, i) => covered.has(i) || locationFillers.has(t));
  return { matches: onlyFillers ? [...matches] : matches.filter((m) => !here(m)), byPlace: false };
}

/** Places of both values ("estoy en México pero quiero ir a Estados Unidos") are asked again, never weighed. */
function onePlace(matches: readonly Match[]): MatchResult {
  const named = new Set(outermost(matches).flatMap((m) => (m.value === null ? [] : [m.value])));
  return named.size > 1 ? { kind: 'ambiguous' } : bestOf(matches);
}

const foreign = [cueSet(foreignPlaceWords, 'foreign'), cueSet(foreignNationalityWords, 'foreign')];

/**
 * children asks about children who are US citizens or permanent residents: "tengo hijos pero
 * nacieron en México" does not say, so a yes beside another country is asked again.
 */
function notBornAbroad(decided: MatchResult, tokens: readonly string[]): MatchResult {
  if (decided.kind !== 'value' || decided.value !== 'yes') return decided;
  return matchesIn(tokens, foreign).length > 0 ? { kind: 'ambiguous' } : decided;
}
const bareCitizen = normalizedSet(bareCitizenWords);

/**
 * "a Mexican citizen", "ciudadana de Honduras": a citizen word that does not itself say "of the US",
 * beside another country, is asked again. "a US citizen born in Mexico" names the US and stays.
 */
function notForeignCitizen(decided: MatchResult, matches: readonly Match[], tokens: readonly string[]): MatchResult {
  if (decided.kind !== 'value' || decided.value !== 'us_citizen') return decided;
  const citizenWords = outermost(matches).filter((m) => m.value === 'us_citizen');
  const onlyBare = citizenWords.every((m) => bareCitizen.has(m.phrase.tokens.join(' ')));
  return onlyBare && matchesIn(tokens, foreign).length > 0 ? { kind: 'ambiguous' } : decided;
}

const nta = normalizedSet(ntaWords);
const days = new PhraseSet();
for (const w of allWords(dateWords)) days.add(w, 'date');
const dayBesideNumber = normalizedSet(dateWordsBesideNumber);
const NUMERIC_DATE = /^\d{1,4}[/-]\d{1,2}(?:[/-]\d{2,4})?$/;
const DAY_NUMBER = /^\d{1,2}(?:st|nd|rd|th|ro|o)?$/;

const TRAILING_PUNCTUATION = new Set(['.', ',', ';', '!', '?']);
/** A word without the punctuation after it; a loop, as `/[.,;!?]+$/` is quadratic on a long run of dots. */
function withoutTrailingPunctuation(word: string): string {
  let end = word.length;
  while (end > 0 && TRAILING_PUNCTUATION.has(word[end - 1]!)) end--;
  return word.slice(0, end);
}

/** Whether the answer names a day: a month or weekday, "tomorrow", "3/15", or "may 5". */
export function namesADay(tokens: readonly string[], text: string): boolean {
  if (matchesIn(tokens, [days]).length > 0) return true;
  if (text.split(/\s+/).some((w) => NUMERIC_DATE.test(withoutTrailingPunctuation(w)))) return true;
  return tokens.some((t, i) => dayBesideNumber.has(t) && [tokens[i - 1], tokens[i + 1], tokens[i - 2]].some((n) => n !== undefined && DAY_NUMBER.test(n)));
}

/** "I got an NTA" is nta_no_court; "NTA for March 3" names its date, so the case is pending. */
function ntaWithDate(decided: ChoiceReading, matches: readonly Match[], tokens: readonly string[], text: string): ChoiceReading {
  if (decided.kind !== 'value' || decided.value !== 'nta_no_court') return decided;
  const ntaOnly = outermost(matches).filter((m) => m.value === 'nta_no_court').every((m) => nta.has(m.phrase.tokens.join(' ')));
  return ntaOnly && namesADay(tokens, text) ? { kind: 'value', value: 'pending' } : decided;
}
