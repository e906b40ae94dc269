/**
 * The content review date (design.md §7): the locales carry the date an attorney last reviewed the
 * legal content (`meta:contentReviewed`). Six calendar months later the content is stale: the bot
 * warns at start-up and `/readyz` says so, while staying ready (stale text must not take the bot out
 * of a load balancer).
 */
import { z } from 'zod';

export const STALE_AFTER_MONTHS = 6;

/** A real calendar date written YYYY-MM-DD (2026-02-30 is refused). */
export const reviewDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'must be a real calendar date');

export interface ContentReview {
  /** The review date from the locales. */
  reviewed: string;
  /** The last day the content counts as current: the review date plus six calendar months. */
  staleAfter: string;
  /** True once the current day (UTC) is past `staleAfter`. */
  stale: boolean;
}

/** Adds calendar months, keeping the day or the month's last day (2026-08-31 + 6 months = 2027-02-28). */
function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

export function contentReview(reviewed: string, now: Date): ContentReview {
  const date = reviewDateSchema.parse(reviewed);
  const staleAfter = addMonths(date, STALE_AFTER_MONTHS);
  const today = now.toISOString().slice(0, 10);
  return { reviewed: date, staleAfter, stale: today > staleAfter };
}
