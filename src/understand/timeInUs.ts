/**
 * time_in_us: years since the last arrival, from a typed duration, year or date (intake-spec §3).
 *
 * Buckets: under 1 year; 1 to under 2; 2 to under 10; 10 or more. "since YEAR" counts from the end of
 * that year, the shortest time it can mean, so a threshold is never assumed passed (in November 2026
 * "since 2025" is under_1 and "since 2016" is 2_to_10). A bare number is years ("12"), a bare
 * four-digit year is "since" that year ("2019"). Future years and implausible spans are not understood.
 */
import { addDays, calendarDate, dayNumber, parseIsoDate, periodEnd, yearsBetween, type CalendarDate } from './calendar';
import { durationYears, parseDuration, unitSpan, type Duration } from './duration';
import { durationModifierWords, type Words } from './lexicon';
import { longestMatch, PhraseSet } from './phraseMatcher';
import { chooseReadingLazily, dateEntities, inThisThread, longestEntity, numberEntities, RECOGNIZER_CAP, recognizedLength, type Entity, type Recognizer } from './recognizers';
import type { Lang } from './types';

export type TimeInUsBucket = 'under_1' | '1_to_2' | '2_to_10' | '10_plus';

/** Longest stay taken at face value; more is a typo or not an answer. */
export const MAX_YEARS = 100;
/** Nudge for "less than N" / "more than N" so N itself falls on the right side of a threshold. */
const EPSILON = 1e-6;

export function bucketYears(years: number): TimeInUsBucket | undefined {
  if (!Number.isFinite(years) || years < 0 || years > MAX_YEARS) return undefined;
  if (years < 1) return 'under_1';
  if (years < 2) return '1_to_2';
  if (years < 10) return '2_to_10';
  return '10_plus';
}

/** Years since the end of `year` (0 during that year); NaN for a future or implausible year. */
function yearsSinceEndOf(year: number, today: CalendarDate): number {
  if (year < 1900 || year > today.y) return Number.NaN;
  return Math.max(0, yearsBetween({ y: year, m: 12, d: 31 }, today));
}

// One way to match each space: `\s*(\+)?\s*` gave a run of spaces two places to go (quadratic
// backtracking on a long run; issue 19).
const BARE_NUMBER = /^(\d{1,4})(?:[.,](\d{1,2}))?\s*(?:(\+)\s*)?[.!]?$/;

/**
 * A message that is only a number: years, or a year when it has four digits. Returns undefined when the
 * message is not a bare number, NaN when it is one that makes no sense here.
 */
export function yearsFromBareNumber(text: string, today: Date): number | undefined {
  const m = BARE_NUMBER.exec(text.trim());
  if (!m) return undefined;
  const whole = m[1]!;
  if (whole.length === 4 && m[2] === undefined) return yearsSinceEndOf(Number(whole), calendarDate(today));
  const years = Number(`${whole}.${m[2] ?? '0'}`);
  return m[3] ? years + EPSILON : years;
}

/**
 * The commonest typed answers: a whole number and one unit ("5 years", "18 months", "4 años",
 * "6 meses", "2 weeks") or "since"/"desde" and a year ("since 2019", "desde 2015"), alone. They are
 * read here instead of by the date models, whose run costs milliseconds of a thread's time: the
 * costliest step of a turn. Nothing else is: no qualifier ("about", "less than"), no words for
 * numbers, no dates. This is a shortcut to the models' own reading, not another reading: the test
 * (test/understand/timeInUsPlain.test.ts) runs every shape through the models too and requires the
 * same outcome.
 */
const PLAIN_DURATION = /^(\d{1,3}) ?(years?|months?|weeks?|años?|anos?|mes|meses|semanas?)[.!]?$/u;
const PLAIN_SINCE = /^(?:since|desde) (\d{4})[.!]?$/u;
const UNIT: Record<string, keyof Duration> = {
  year: 'years', years: 'years', año: 'years', años: 'years', ano: 'years', anos: 'years',
  month: 'months', months: 'months', mes: 'months', meses: 'months',
  week: 'weeks', weeks: 'weeks', semana: 'weeks', semanas: 'weeks',
};

/**
 * The bucket of a plain answer of the shapes above; `null` when it has that shape but names no
 * bucket (a future year, more than 100 years); `undefined` when it is not of that shape.
 */
export function timeInUsFromPlainText(text: string, today: Date): TimeInUsBucket | null | undefined {
  const years = yearsFromPlainText(text, today);
  return years === undefined ? undefined : (bucketYears(years) ?? null);
}

/** Years a plain answer says (NaN for a future year), or undefined when it is not of those shapes. */
export function yearsFromPlainText(text: string, today: Date): number | undefined {
  const flat = text.trim().replace(/\s+/g, ' ').toLowerCase();
  const since = PLAIN_SINCE.exec(flat);
  if (since) return yearsSinceEndOf(Number(since[1]), calendarDate(today));
  const m = PLAIN_DURATION.exec(flat);
  if (!m) return undefined;
  const d: Duration = { years: 0, months: 0, weeks: 0, days: 0 };
  d[UNIT[m[2]!]!] = Number(m[1]);
  return durationYears(d);
}

let modifiers: PhraseSet | undefined;
function modifierIn(tokens: readonly string[]): 'less' | 'more' | undefined {
  if (!modifiers) {
    modifiers = new PhraseSet();
    for (const [kind, words] of Object.entries(durationModifierWords) as ['less' | 'more' | 'approx', Words][]) {
      for (const w of [...words.en, ...words.es]) modifiers.add(w, kind === 'approx' ? null : kind);
    }
  }
  const found = longestMatch(tokens, [modifiers]);
  return found.kind === 'value' ? (found.value as 'less' | 'more') : undefined;
}


/** Years an entity says, NaN when it names the future; undefined when it is not about time spent. */
function entityYears(e: Entity, today: CalendarDate, tokens: readonly string[]): number | undefined {
  const first = e.values[0];
  if (!first) return undefined;
  if (e.type === 'duration') {
    const d = parseDuration(first.timex);
    if (!d) return undefined;
    const mod = first.Mod === 'less' || first.Mod === 'more' ? first.Mod : modifierIn(tokens);
    return durationYears(d) + (mod === 'less' ? -EPSILON : mod === 'more' ? EPSILON : 0);
  }
  // A date or a period: the arrival is at the latest its last day. A timex without a year ("XXXX-03")
  // means its most recent past occurrence.
  const todayN = dayNumber(today);
  const candidates = e.values
    .map((v) => ({ v, start: parseIsoDate(v.start ?? v.value) }))
    .filter((c): c is { v: Record<string, string>; start: CalendarDate } => c.start !== undefined);
  const past = candidates.filter((c) => dayNumber(c.start) <= todayN);
  if (candidates.length === 0) return undefined;
  if (past.length === 0) return Number.NaN;
  const chosen = past.reduce((a, b) => (dayNumber(b.start) > dayNumber(a.start) ? b : a));
  const exclusiveEnd = parseIsoDate(chosen.v.end);
  const end = periodEnd(chosen.v.timex ?? '') ?? (exclusiveEnd ? addDays(exclusiveEnd, -1) : chosen.start);
  return dayNumber(end) >= todayN ? 0 : yearsBetween(end, today);
}

interface Reading {
  years: number;
  coverage: number;
}

function readDates(text: string, tokens: readonly string[], lang: Lang, today: Date, recognizer: Recognizer): Reading | undefined {
  const entities = dateEntities(text, lang, today, recognizer);
  const longest = longestEntity(entities);
  if (!longest) return undefined;
  const cal = calendarDate(today);
  // "1 year and 6 months", "2 years 3 months": consecutive durations in decreasing units add up.
  const durations = entities.map((e) => (e.type === 'duration' ? parseDuration(e.values[0]?.timex) : undefined));
  if (entities.length > 1 && durations.every((d, i) => d && (i === 0 || unitSpan(durations[i - 1]!)[1] < unitSpan(d)[0]))) {
    const years = durations.reduce((sum, d) => sum + durationYears(d!), 0);
    return { years, coverage: entities.reduce((n, e) => n + e.text.length, 0) };
  }
  const years = entityYears(longest, cal, tokens);
  return years === undefined ? undefined : { years, coverage: longest.text.length };
}

/** "and a half" never moves a whole number of years across a threshold, and it confuses the Spanish number model. */
const HALF = / (?:and a half|y medio|y pico|and some) ?[.!]?$/iu;
const WORD_CHARS = /[^\p{L}\p{N}]/gu;

/** What the number model reads of a message. */
const numberText = (text: string) => text.trim().replace(/\s+/g, ' ').slice(0, RECOGNIZER_CAP).replace(HALF, '');

function readNumber(text: string, lang: Lang, today: Date, recognizer: Recognizer): Reading | undefined {
  const whole = numberText(text);
  const entities = numberEntities(whole, lang, recognizer);
  const only = entities.length === 1 ? entities[0] : undefined;
  if (!only || only.text.replace(WORD_CHARS, '').toLowerCase() !== whole.replace(WORD_CHARS, '').toLowerCase()) return undefined;
  const n = Number((only.values[0]?.value ?? '').replace(',', '.'));
  if (!Number.isFinite(n)) return undefined;
  const years = n >= 1000 && Number.isInteger(n) ? yearsSinceEndOf(n, calendarDate(today)) : n;
  return { years, coverage: only.text.length };
}

/** Reads a typed duration, year or date as a bucket, via recognizers-text in both cultures. */
export type TextBucketReader<B> = (text: string, tokens: readonly string[], today: Date, preferred: Lang, recognizer?: Recognizer) => B | undefined;

/**
 * The reader of the years a typed duration, year or date says, for any bucketing of years (time_in_us,
 * former_when): the English and Spanish readings are compared by the bucket they give.
 */
export function yearsTextReader<B>(bucket: (years: number) => B | undefined): TextBucketReader<B> {
  return (text, tokens, today, preferred, recognizer = inThisThread) => {
    const sameBucket = (a: Reading, b: Reading) => bucket(a.years) === bucket(b.years);
    const dated = chooseReadingLazily((lang) => readDates(text, tokens, lang, today, recognizer), preferred, sameBucket, recognizedLength(text));
    if (dated) return bucket(dated.years);
    const counted = chooseReadingLazily((lang) => readNumber(text, lang, today, recognizer), preferred, sameBucket, numberText(text).length);
    return counted ? bucket(counted.years) : undefined;
  };
}

/** The bucket a typed duration, year or date means. */
export const timeInUsFromText: TextBucketReader<TimeInUsBucket> = yearsTextReader(bucketYears);
