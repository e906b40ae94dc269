/**
 * hearing_when from a typed date or a duration, bucketed against today (intake-spec §3): a date 0-30
 * days ahead is within_30_days, further ahead is later, a past date is missed.
 *
 * "in 2 weeks" / "en 3 semanas" count from today. A month and day without a year ("March 3") is read
 * as the coming one, unless the past one is recent (within RECENT_PAST_DAYS) and closer: people type
 * the date of a hearing ahead of them, or of one they just missed. A bare weekday ("el viernes") takes
 * the next one (today included).
 * A date range ("next week", "next month") counts from its first day, or from today while it runs.
 */
import { addDays, addMonths, calendarDate, dayNumber, parseIsoDate, type CalendarDate } from './calendar';
import { parseDuration } from './duration';
import { allWords, pastWords } from './lexicon';
import { normalize } from './normalize';
import { chooseReadingLazily, dateTimeEntities, inThisThread, recognizedLength, type Entity, type Recognizer } from './recognizers';
import type { Lang } from './types';

export type HearingWhenBucket = 'within_30_days' | 'later' | 'missed';

/** How far ahead a hearing is still "soon" (HEARING_SOON fires for it). */
export const SOON_DAYS = 30;

export function bucketDays(days: number): HearingWhenBucket {
  if (days < 0) return 'missed';
  return days <= SOON_DAYS ? 'within_30_days' : 'later';
}

const pastSet = new Set(allWords(pastWords).map(normalize));
const DATE_TYPES = new Set(['duration', 'date', 'daterange', 'datetime', 'datetimerange']);

/** How far back a date without a year may be read as past ("missed"); older means next year's. */
export const RECENT_PAST_DAYS = 90;

function closest(offsets: number[], preferFuture: boolean): number | undefined {
  if (offsets.length === 0) return undefined;
  const ahead = offsets.filter((o) => o >= 0);
  const behind = offsets.filter((o) => o < 0);
  const nextAhead = ahead.length ? Math.min(...ahead) : undefined;
  const lastBehind = behind.length ? Math.max(...behind) : undefined;
  if (nextAhead === undefined) return lastBehind;
  if (lastBehind === undefined || preferFuture) return nextAhead;
  return -lastBehind <= RECENT_PAST_DAYS && -lastBehind < nextAhead ? lastBehind : nextAhead;
}

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
    const weekday = /W/.test(e.values[0]?.timex ?? '') && /X/.test(e.values[0]?.timex ?? '');
    return closest(offsets, weekday);
  }
  // A range: its first day, or today while it is under way; a range already over counts as past.
  const offsets = e.values.flatMap((v) => {
    const start = parseIsoDate(v.start);
    const end = parseIsoDate(v.end);
    if (!start) return [];
    if (end && dayNumber(end) <= todayN) return [dayNumber(start) - todayN];
    return [Math.max(0, dayNumber(start) - todayN)];
  });
  return closest(offsets, false);
}

interface Reading {
  days: number;
  coverage: number;
}

function read(text: string, tokens: readonly string[], lang: Lang, today: Date, recognizer: Recognizer): Reading | undefined {
  const entities = dateTimeEntities(text, lang, today, recognizer).filter((e) => DATE_TYPES.has(e.type));
  if (entities.length === 0) return undefined;
  const longest = entities.reduce((a, b) => (b.text.length > a.text.length ? b : a));
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
  const same = (a: Reading, b: Reading) => bucketDays(a.days) === bucketDays(b.days);
  const reading = chooseReadingLazily((lang) => read(text, tokens, lang, today, recognizer), preferred, same, recognizedLength(text));
  return reading ? bucketDays(reading.days) : undefined;
}
