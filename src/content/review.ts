/**
 * The content review (design.md §7, intake-spec.md "Content review window"): the locales carry the
 * date the legal content was last reviewed (`meta:contentReviewed`) and who signed the wording off
 * (`meta:reviewedBy`). Sixty days after the review the content is stale, because the law it describes
 * changes month by month: the bot warns at start-up and `/readyz` says so, while staying ready (stale
 * text must not take the bot out of a load balancer). While no attorney has signed the wording off
 * (`reviewedBy` is "pending attorney review"), start-up warns and `/readyz` says that too.
 */
import { z } from 'zod';

/** Days the content counts as current after its review date (review D34). */
export const STALE_AFTER_DAYS = 60;
/** What `meta:reviewedBy` says until an attorney of the deploying organization signs the wording off. */
export const PENDING_SIGN_OFF = 'pending attorney review';

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
  /** The last day the content counts as current: the review date plus 60 days. */
  staleAfter: string;
  /** True once the current day (UTC) is past `staleAfter`. */
  stale: boolean;
  /** Who signed the wording off, as the locales say. */
  reviewedBy: string;
  /** True while no attorney has signed the wording off: the README says not to deploy. */
  signOffPending: boolean;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function contentReview(reviewed: string, now: Date, reviewedBy = PENDING_SIGN_OFF): ContentReview {
  const date = reviewDateSchema.parse(reviewed);
  const staleAfter = addDays(date, STALE_AFTER_DAYS);
  const today = now.toISOString().slice(0, 10);
  const signer = reviewedBy.trim();
  return { reviewed: date, staleAfter, stale: today > staleAfter, reviewedBy: signer, signOffPending: signer === '' || signer.toLowerCase() === PENDING_SIGN_OFF };
}
