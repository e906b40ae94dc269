/** ISO 8601 durations as recognizers-text writes them in a timex ("P3Y", "P1.5Y", "P18M", "P2W", "P3D"). */

export interface Duration {
  years: number;
  months: number;
  weeks: number;
  days: number;
}

const NUM = '(\\d+(?:\\.\\d+)?)';
const TIMEX = new RegExp(`^P(?:${NUM}Y)?(?:${NUM}M)?(?:${NUM}W)?(?:${NUM}D)?(?:T[0-9.HMS]*)?$`);

export function parseDuration(timex: string | undefined): Duration | undefined {
  const m = timex === undefined ? null : TIMEX.exec(timex);
  if (!m || timex === 'P') return undefined;
  const [years, months, weeks, days] = [m[1], m[2], m[3], m[4]].map((x) => (x === undefined ? 0 : Number(x))) as [number, number, number, number];
  return { years, months, weeks, days };
}

export function durationYears(d: Duration): number {
  return d.years + d.months / 12 + ((d.weeks * 7 + d.days) / 365.25);
}

/** Index of the largest and smallest unit used (0 years .. 3 days), for joining "1 year and 6 months". */
export function unitSpan(d: Duration): [number, number] {
  const used = [d.years, d.months, d.weeks, d.days].map((x, i) => (x > 0 ? i : -1)).filter((i) => i >= 0);
  return used.length ? [used[0]!, used[used.length - 1]!] : [4, 4];
}
