/**
 * former_when: did the divorce or the death happen less than 2 years ago (intake-spec §3, 12a)? A typed
 * duration, year or date is read like time_in_us (timeInUs.ts) and bucketed against `today`, never the
 * real clock, with the line at 2 years. A year alone counts from the end of that year, a month and year
 * from the end of that month (the shortest time it can mean), so the 2-year line is never assumed
 * passed: the widow's petition and VAWA after a divorce depend on it.
 */
import { MAX_YEARS, yearsFromBareNumber, yearsFromPlainText, yearsTextReader, type TextBucketReader } from './timeInUs';

export type FormerWhenBucket = 'under_2' | '2_plus';

/** The 2-year line of INA 201(b)(2)(A)(i) and VAWA (S2, S8). */
export const FORMER_WHEN_YEARS = 2;

export function bucketFormerWhen(years: number): FormerWhenBucket | undefined {
  if (!Number.isFinite(years) || years < 0 || years > MAX_YEARS) return undefined;
  return years < FORMER_WHEN_YEARS ? 'under_2' : '2_plus';
}

const BARE_YEAR = /^\s*\d{4}\s*[.!]?\s*$/;

/**
 * A bare four-digit year ("2023"), counted from its end; `null` for a year that names no bucket (the
 * future), `undefined` when the message is not a bare year. Smaller bare numbers are option numbers.
 */
export function formerWhenFromBareYear(text: string, today: Date): FormerWhenBucket | null | undefined {
  if (!BARE_YEAR.test(text)) return undefined;
  return bucketFormerWhen(yearsFromBareNumber(text, today) ?? Number.NaN) ?? null;
}

/** A plain "8 months", "5 años" or "since 2019" read without the date models (see timeInUs.ts). */
export function formerWhenFromPlainText(text: string, today: Date): FormerWhenBucket | null | undefined {
  const years = yearsFromPlainText(text, today);
  return years === undefined ? undefined : (bucketFormerWhen(years) ?? null);
}

/** The bucket of a typed duration or date ("hace 8 meses", "5 years ago", "in March 2025"). */
export const formerWhenFromText: TextBucketReader<FormerWhenBucket> = yearsTextReader(bucketFormerWhen);
