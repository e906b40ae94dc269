/**
 * hearing_when from a typed date or a duration, bucketed against today (intake-spec §3): a date 0-30
 * days ahead is within_30_days, further ahead is later, a past date is missed.
 *
 * "in 2 weeks" / "en 3 semanas" count from today. A date without a year ("March 3", "el viernes",
 * "this friday") is its next occurrence, today included, never a past day (intake-spec §3): a person
 * who missed a hearing says so ("I missed it"), and reading a coming hearing as missed would give an
 * urgent, wrong "you missed a hearing". Only a past date with its year, or one marked past ("last
 * friday", "hace 2 semanas"), is `missed`.
 * A date range ("next week", "next month") counts from its first day, or from today while it runs.
 *
 * "Soon" is the urgent side of the boundary: up to 30 days ahead, or up to the same day next month
 * when that is further ("in a month", "next month" and "en un mes" are soon on every day of the year).
 */
import { addDays, addMonths, calendarDate, dayNumber, parseIsoDate, type CalendarDate } from './calendar';
import { parseDuration } from './duration';
import { allWords, pastWords } from './lexicon';
import { normalize, tokenize } from './normalize';
import { chooseReadingLazily, dateEntities, inThisThread, longestEntity, recognizedLength, type Entity, type Recognizer } from './recognizers';
import type { Lang } from './types';

export type HearingWhenBucket = 'within_30_days' | 'later' | 'missed';

/** How far ahead a hearing is still "soon" (HEARING_SOON fires for it), at the least. */
export const SOON_DAYS = 30;

/** The last day-offset that is still soon: 30 days, or one calendar month when that is longer. */
export function soonLimit(today: CalendarDate): number {
  return Math.max(SOON_DAYS, dayNumber(addMonths(today, 1)) - dayNumber(today));
}

export function bucketDays(days: number, today: CalendarDate): HearingWhenBucket {
  if (days < 0) return 'missed';
  return days <= soonLimit(today) ? 'within_30_days' : 'later';
}

const pastSet = new Set(allWords(pastWords).map(normalize));

/** The nearest offset today or ahead; the nearest past one only when none lies ahead. */
function closest(offsets: number[]): number | undefined {
  if (offsets.length === 0) return undefined;
  const ahead = offsets.filter((o) => o >= 0);
  return ahead.length ? Math.min(...ahead) : Math.max(...offsets);
}

/** Words that place a date in the past on purpose: "last friday", "el viernes pasado". */
const LAST_WORDS = new Set(['last', 'past', 'pasado', 'pasada', 'anterior']);
const WEEK_DAYS = 7;
const WEEKDAYS = new Set(
  ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'lunes', 'martes', 'miercoles', 'jueves', 'viernes', 'sabado', 'domingo'],
);

/** Days from today to the hearing an entity names, or undefined. */
function entityDays(e: Entity, today: CalendarDate, tokens: readonly string[]): number | undefined {
  const todayN = dayNumber(today);
  if (e.type === 'duration') {
    const d = parseDuration(e.values[0]?.timex);
    if (!d) return undefined;
    const sign = tokens.some((t) => pastSet.has(t)) ? -1 : 1;
    const months = d.years * 12 + d.months;
    const wholeMonths = Math.trunc(months);
    const target = addDays(addMonths(today, sign * wholeMonths), sign * ((months - wholeMonths) * 30.44 + d.weeks * 7 + d.days));
    return dayNumber(target) - todayN;
  }
  if (e.type === 'date' || e.type === 'datetime') {
    const offsets = e.values.map((v) => parseIsoDate(v.value ?? v.start)).filter((c) => c !== undefined).map((c) => dayNumber(c) - todayN);
    const days = closest(offsets);
    if (days === undefined || days >= 0) return days;
    // "this friday" / "este viernes" on a Saturday: the models give this week's, already past. A
    // weekday the person did not mark as past ("last friday") is its next occurrence.
    const named = tokenize(e.text);
    const markedPast = named.some((t) => LAST_WORDS.has(t)) || tokens.some((t) => pastSet.has(t));
    if (markedPast || !named.some((t) => WEEKDAYS.has(t))) return days;
    return days >= -WEEK_DAYS ? days + WEEK_DAYS : days;
  }
  // A range: its first day, or today while it is under way; a range already over counts as past.
  const offsets = e.values.flatMap((v) => {
    const start = parseIsoDate(v.start);
    const end = parseIsoDate(v.end);
    if (!start) return [];
    if (end && dayNumber(end) <= todayN) return [dayNumber(start) - todayN];
    return [Math.max(0, dayNumber(start) - todayN)];
  });
  return closest(offsets);
}

interface Reading {
  days: number;
  coverage: number;
}

function read(text: string, tokens: readonly string[], lang: Lang, today: Date, recognizer: Recognizer): Reading | undefined {
  const longest = longestEntity(dateEntities(text, lang, today, recognizer));
  if (!longest) return undefined;
  const days = entityDays(longest, calendarDate(today), tokens);
  return days === undefined ? undefined : { days, coverage: longest.text.length };
}

/** The bucket of a typed hearing date or "in N weeks", via recognizers-text in both cultures. */
export function hearingWhenFromText(
  text: string,
  tokens: readonly string[],
  today: Date,
  preferred: Lang,
  recognizer: Recognizer = inThisThread,
): HearingWhenBucket | undefined {
  const day = calendarDate(today);
  const same = (a: Reading, b: Reading) => bucketDays(a.days, day) === bucketDays(b.days, day);
  const reading = chooseReadingLazily((lang) => read(text, tokens, lang, today, recognizer), preferred, same, recognizedLength(text));
  return reading ? bucketDays(reading.days, day) : undefined;
}
