/**
 * Conditions shared by the rules, written once: the spec's shorthands (intake-spec.md §4) and the two
 * ways a rule reads an answer. An unanswered question (undefined) never satisfies either.
 */
import type { IntakeAnswers, QuestionId } from '../../dialogs/intake/answers';
import type { Facts } from './types';

type Value<Q extends QuestionId> = NonNullable<IntakeAnswers[Q]>;

/** "q = v" or "q ∈ {v, w}": answered with one of these values. */
export function is<Q extends QuestionId>(a: IntakeAnswers, q: Q, ...values: Value<Q>[]): boolean {
  const v = a[q];
  return v !== undefined && (values as readonly unknown[]).includes(v);
}

/**
 * "q ≠ v": answered, with another value. An unanswered question (not asked on this path, e.g.
 * status_now for a person outside the US) is not "different": it tells us nothing, so it fires nothing.
 */
export function differs<Q extends QuestionId>(a: IntakeAnswers, q: Q, value: Value<Q>): boolean {
  const v = a[q];
  return v !== undefined && v !== value;
}

/** The question ids whose clause held, in the order given. */
export function held(clauses: ReadonlyArray<readonly [QuestionId, boolean]>): QuestionId[] {
  return clauses.filter(([, holds]) => holds).map(([id]) => id);
}

/** *detained*: detained ∈ {yes, not_sure}. */
export const isDetained = (a: IntakeAnswers): boolean => is(a, 'detained', 'yes', 'not_sure');

/** The questions behind a *red flag*: arrests ∈ {yes, prefer_not}, prior_removal ∈ {yes, not_sure}. */
export const redFlagIds = (a: IntakeAnswers): QuestionId[] =>
  held([
    ['arrests', is(a, 'arrests', 'yes', 'prefer_not')],
    ['prior_removal', is(a, 'prior_removal', 'yes', 'not_sure')],
  ]);

/** *red flag*: arrests ∈ {yes, prefer_not} or prior_removal ∈ {yes, not_sure}. */
export const hasRedFlag = (a: IntakeAnswers): boolean => redFlagIds(a).length > 0;

/** *spouse USC/LPR*: relationship = married and partner_status ∈ {us_citizen, permanent_resident}. */
export const isSpouseUscLpr = (a: IntakeAnswers): boolean =>
  is(a, 'relationship', 'married') && is(a, 'partner_status', 'us_citizen', 'permanent_resident');

/** The question ids behind *spouse USC/LPR*. */
export const SPOUSE_IDS: readonly QuestionId[] = ['relationship', 'partner_status'];

export function factsOf(a: IntakeAnswers, today: Date): Facts {
  return { detained: isDetained(a), redFlag: hasRedFlag(a), spouseUscLpr: isSpouseUscLpr(a), today };
}
