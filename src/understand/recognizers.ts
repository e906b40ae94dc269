/**
 * Microsoft recognizers-text, behind a small typed surface: date/time and number entities in English
 * and Spanish.
 *
 * Building a culture's model takes a few hundred milliseconds, so nothing is built until a time or
 * date question first needs it. recognizers-text keeps every built model in its own module-level cache
 * (ModelFactory.cache, keyed by model, culture and options), so each model is built once per process;
 * later calls only run the model. `warmUpRecognizers()` lets a process build them at start-up instead.
 *
 * Where the models run is a `Recognizer`: in this thread by default, or answers fetched beforehand
 * from the recognizer thread (src/threads/recognizerThread.ts), which is how the server keeps a model run
 * (milliseconds) off the thread that answers everyone.
 */
import type * as Suite from '@microsoft/recognizers-text-suite';
import type { Lang } from './types';

let suite: typeof Suite | undefined;
/**
 * The suite is one 3.8 MB bundle (about 130 ms to load), so it is required on first use rather than
 * imported: processes and tests that never reach a date question do not pay for it.
 */
function recognizers(): typeof Suite {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberate lazy load, see above
  suite ??= require('@microsoft/recognizers-text-suite') as typeof Suite;
  return suite;
}

/**
 * Runs recognizers-text: raw results for an already prepared text and a culture (`en-us`, `es-es`).
 * `undefined` means "not known here": the caller reads the message again once it is (handleTurn).
 */
export interface Recognizer {
  dateTime(text: string, culture: string, today: Date): unknown;
  number(text: string, culture: string): unknown;
}

/** recognizers-text in this thread (the models are built on first use). */
export const inThisThread: Recognizer = {
  dateTime: (text, culture, today) => {
    const r = recognizers();
    return r.recognizeDateTime(text, culture, r.DateTimeOptions.None, today);
  },
  number: (text, culture) => {
    const r = recognizers();
    return r.recognizeNumber(text, culture, r.NumberOptions.None);
  },
};

/** Recognizers read at most this many characters of a message (their cost grows with length). */
export const RECOGNIZER_CAP = 200;

/** recognizers-text culture codes (Culture.English, Culture.Spanish). */
export const culture: Record<Lang, string> = { en: 'en-us', es: 'es-es' };

export interface Entity {
  /** "duration", "date", "daterange", "datetime", "number", ... (the "datetimeV2." prefix removed) */
  type: string;
  text: string;
  start: number;
  /** Resolution values: timex, type, value, start, end, Mod (strings). */
  values: Array<Record<string, string>>;
}

function toEntities(results: unknown): Entity[] {
  if (!Array.isArray(results)) return [];
  const entities: Entity[] = [];
  for (const r of results as Array<Record<string, unknown>>) {
    const resolution = (r.resolution ?? {}) as Record<string, unknown>;
    const raw = Array.isArray(resolution.values) ? (resolution.values as unknown[]) : [resolution];
    const values = raw
      .filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null)
      .map((v) => Object.fromEntries(Object.entries(v).filter(([, x]) => typeof x === 'string')) as Record<string, string>);
    entities.push({
      type: String(r.typeName ?? '').replace(/^datetimeV2\./, ''),
      text: String(r.text ?? ''),
      start: typeof r.start === 'number' ? r.start : 0,
      values,
    });
  }
  return entities;
}

const capped = (text: string) => text.trim().replace(/\s+/g, ' ').slice(0, RECOGNIZER_CAP);

/**
 * The Spanish model needs the ñ: "3 anos" and "manana", as typed on keyboards without it, are not
 * recognized, while missing accents on vowels ("proxima", "dias") are fine.
 */
const WITHOUT_ENYE: ReadonlyArray<[RegExp, string]> = [
  [/\banos\b/giu, 'años'],
  [/\bano\b/giu, 'año'],
  [/\bmanana\b/giu, 'mañana'],
];
function respell(text: string, lang: Lang): string {
  return lang === 'es' ? WITHOUT_ENYE.reduce((t, [from, to]) => t.replace(from, to), text) : text;
}

/**
 * A lone word of up to three letters is not trusted as a date: the Spanish model reads the English
 * "ago" as "ago(sto)" (August), and "mar", "dic" and the like are ordinary words too.
 */
const LONE_ABBREVIATION = /^\s*\p{L}{1,3}\.?\s*$/u;

/**
 * Date, date range, date-time and duration entities, relative to `today`. A failure inside the
 * third-party recognizer is treated as "nothing recognized", never as a failed turn.
 */
export function dateTimeEntities(text: string, lang: Lang, today: Date, recognizer: Recognizer = inThisThread): Entity[] {
  try {
    const prepared = respell(capped(text), lang);
    const read = (day: Date) => toEntities(recognizer.dateTime(prepared, culture[lang], day)).filter((e) => !LONE_ABBREVIATION.test(e.text));
    const entities = read(today);
    if (today.getDate() <= LAST_SAFE_DAY || !entities.some(isMonthRange)) return entities;
    // The models add a month by overflowing the day: on March 31 "next month" is May (April 31 is
    // May 1). A whole month named relative to today is the same from the 28th, so read it from there.
    const fromSafeDay = read(new Date(today.getFullYear(), today.getMonth(), LAST_SAFE_DAY, today.getHours()));
    return entities.map((e) => (isMonthRange(e) ? (fromSafeDay.find((f) => f.start === e.start && f.text === e.text && isMonthRange(f)) ?? e) : e));
  } catch {
    return [];
  }
}

/** The entity types that name a day, a period or a length of time (not a time of day, not a repeating "set"). */
const DATE_TYPES = new Set(['duration', 'date', 'daterange', 'datetime', 'datetimerange']);

/** The date, date range and duration entities of `text` (see dateTimeEntities). */
export function dateEntities(text: string, lang: Lang, today: Date, recognizer: Recognizer = inThisThread): Entity[] {
  return dateTimeEntities(text, lang, today, recognizer).filter((e) => DATE_TYPES.has(e.type));
}

/** The entity that covers the most text (the first of equals); `undefined` when there is none. */
export function longestEntity(entities: readonly Entity[]): Entity | undefined {
  return entities.reduce<Entity | undefined>((a, b) => (a === undefined || b.text.length > a.text.length ? b : a), undefined);
}

/** The last day every month has. */
const LAST_SAFE_DAY = 28;
const isMonthRange = (e: Entity) => e.type === 'daterange' && /^\d{4}-\d{2}$/.test(e.values[0]?.timex ?? '');

/** Number entities ("twelve", "doce", "3"). */
export function numberEntities(text: string, lang: Lang, recognizer: Recognizer = inThisThread): Entity[] {
  try {
    return toEntities(recognizer.number(capped(text), culture[lang]));
  } catch {
    return [];
  }
}

/** Builds every model this layer uses in this thread, so the first date or duration answer is not slow. */
export function warmUpRecognizers(today = new Date()): void {
  for (const lang of ['en', 'es'] as const) {
    dateTimeEntities('3 years', lang, today);
    numberEntities('3', lang);
  }
}

/** How many characters of `text` the recognizers read (trimmed, spaces collapsed, capped). */
export function recognizedLength(text: string): number {
  return capped(text).length;
}

/**
 * `chooseReading` without running a model that cannot change the outcome: the reading in the
 * preferred language comes first, and when it covers all `whole` characters the other language
 * cannot cover more, and a tie goes to the preferred language anyway. A date model run is the
 * costliest step of understanding a message (milliseconds), so "5 years" in an English conversation
 * or "4 años" in a Spanish one runs one model, not two. The result is always `chooseReading`'s.
 */
export function chooseReadingLazily<R extends { coverage: number }>(
  read: (lang: Lang) => R | undefined,
  preferred: Lang,
  same: (a: R, b: R) => boolean,
  whole: number,
): R | undefined {
  const first = read(preferred);
  if (first && first.coverage >= whole) return first;
  const other: Lang = preferred === 'en' ? 'es' : 'en';
  const second = read(other);
  return chooseReading(preferred === 'en' ? { en: first, es: second } : { en: second, es: first }, preferred, same);
}

/** Picks between the English and the Spanish reading: the one covering more text, else the conversation's language. */
export function chooseReading<R extends { coverage: number }>(
  readings: Record<Lang, R | undefined>,
  preferred: Lang,
  same: (a: R, b: R) => boolean,
): R | undefined {
  const { en, es } = readings;
  if (!en || !es) return en ?? es;
  if (same(en, es)) return readings[preferred];
  if (en.coverage !== es.coverage) return en.coverage > es.coverage ? en : es;
  return readings[preferred];
}
