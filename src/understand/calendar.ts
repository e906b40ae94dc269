/** Calendar dates without times or time zones: today's local date and whole-day arithmetic. */

export interface CalendarDate {
  y: number;
  /** 1-12 */
  m: number;
  d: number;
}

const DAY_MS = 86_400_000;

/** The local calendar date of an instant (recognizers-text resolves relative dates the same way). */
export function calendarDate(instant: Date): CalendarDate {
  return { y: instant.getFullYear(), m: instant.getMonth() + 1, d: instant.getDate() };
}

/** Days since the epoch, for differences. */
export function dayNumber(c: CalendarDate): number {
  return Math.floor(Date.UTC(c.y, c.m - 1, c.d) / DAY_MS);
}

function fromDayNumber(n: number): CalendarDate {
  const date = new Date(n * DAY_MS);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** "2026-12-15", "2026-12-15 09:00:00" or "2026-12-15T09" to a date; anything else to undefined. */
export function parseIsoDate(text: unknown): CalendarDate | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!m) return undefined;
  const c = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  return c.m >= 1 && c.m <= 12 && c.d >= 1 && c.d <= daysInMonth(c.y, c.m) ? c : undefined;
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function addDays(c: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(dayNumber(c) + Math.round(days));
}

/** Adds whole months, keeping the day when it exists and using the month's last day otherwise. */
export function addMonths(c: CalendarDate, months: number): CalendarDate {
  const index = c.y * 12 + (c.m - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return { y, m, d: Math.min(c.d, daysInMonth(y, m)) };
}

/** Years from `from` to `to` (negative when `to` is earlier): whole anniversaries plus the day fraction. */
export function yearsBetween(from: CalendarDate, to: CalendarDate): number {
  if (dayNumber(to) < dayNumber(from)) return -yearsBetween(to, from);
  let whole = to.y - from.y;
  if (to.m < from.m || (to.m === from.m && to.d < from.d)) whole--;
  const anniversary = addMonths(from, whole * 12);
  return whole + daysBetween(anniversary, to) / 366;
}

/** The last day of the period a timex names: "2019" -> 2019-12-31, "2019-03" -> 2019-03-31, a date -> itself. */
export function periodEnd(timex: string): CalendarDate | undefined {
  const year = /^(\d{4})$/.exec(timex);
  if (year) return { y: Number(year[1]), m: 12, d: 31 };
  const month = /^(\d{4})-(\d{2})$/.exec(timex);
  if (month) {
    const y = Number(month[1]);
    const m = Number(month[2]);
    return m >= 1 && m <= 12 ? { y, m, d: daysInMonth(y, m) } : undefined;
  }
  return parseIsoDate(timex);
}
