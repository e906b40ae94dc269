/**
 * The evaluator's vocabulary (intake-spec.md §4, §5). Codes and source keys are contracts: tests,
 * tools, the renderer's text keys and staff exports use them verbatim.
 */
import type { IntakeAnswers, QuestionId } from '../../dialogs/intake/answers';

/** Every finding code, in the order of the tables of intake-spec.md §4.1, §4.2 and §4.3. */
export const findingCodes = [
  // 4.1 Urgent triage
  'DETAINED',
  'HEARING_SOON',
  'MISSED_HEARING',
  'REMOVAL_ORDER',
  'ICE_CONTACT',
  'TRAVEL_RISK',
  'INTERVIEW_RISK',
  'CASE_CLOSED',
  'ABUSE_SAFETY',
  'ASYLUM_DEADLINE',
  // 4.2 Attorney review
  'CRIMINAL_HISTORY',
  'PRIOR_REMOVAL',
  'PATHS_NEED_REVIEW',
  'CASE_STATUS_UNKNOWN',
  'HEARING_SCHEDULED',
  'MARRIAGE_IN_PROCEEDINGS',
  'CANCELLATION_POSSIBLE',
  'EXPEDITED_REMOVAL_RISK',
  'ASYLUM_LATE',
  'VAWA_POSSIBLE',
  'U_VISA_POSSIBLE',
  'PENDING_APPLICATION',
  'YOUTH_OPTIONS',
  // 4.3 Relationship, entry and status
  'SAFETY_RESOURCES',
  'MARRIAGE_USC_INSPECTED',
  'MARRIAGE_USC_EWI',
  'MARRIAGE_LPR_IN_STATUS',
  'MARRIAGE_LPR_OUT_OF_STATUS',
  'PARTNER_NOT_MARRIED',
  'PARTNER_OTHER_STATUS',
  'OUTSIDE_US_SPOUSE',
  'OUTSIDE_US_PARTNER',
  'FAMILY_TIES',
  'NO_CASE_CAUTION',
  'LAWFUL_STATUS',
  'ATTORNEY_REFERRAL',
  'NOTARIO_WARNING',
] as const;

export type FindingCode = (typeof findingCodes)[number];

/**
 * `urgent`: shown first, under a banner, and makes the referral urgent. `attorney`: must see an
 * attorney before filing or travelling. `info`: general information. Listed in display order.
 */
export const severities = ['urgent', 'attorney', 'info'] as const;
export type Severity = (typeof severities)[number];

/** Legal source keys of intake-spec.md §5. */
export type SourceKey =
  | 'S1'
  | 'S2'
  | 'S3'
  | 'S4'
  | 'S5'
  | 'S6'
  | 'S7'
  | 'S8'
  | 'S9'
  | 'S10'
  | 'S11'
  | 'S12'
  | 'S13'
  | 'S14'
  | 'S15'
  | 'seeds';

/** One conclusion. `because` names the answered questions that triggered it, for "because you said ...". */
export interface Finding {
  code: FindingCode;
  severity: Severity;
  because: QuestionId[];
  sources: SourceKey[];
}

/** The evaluator's output: findings in display order, and whether the referral is urgent. */
export interface Assessment {
  findings: Finding[];
  urgent: boolean;
  referral: 'urgent' | 'standard';
}

/** The spec's shorthands, worked out once per evaluation, plus the evaluation date for dated rules. */
export interface Facts {
  /** detained ∈ {yes, not_sure} */
  detained: boolean;
  /** arrests ∈ {yes, prefer_not} or prior_removal ∈ {yes, not_sure} */
  redFlag: boolean;
  /** relationship = married and partner_status ∈ {us_citizen, permanent_resident} */
  spouseUscLpr: boolean;
  /** The day of the evaluation; no rule is dated yet. */
  today: Date;
}

/** A row of the §4 tables, as data. */
export interface Rule {
  code: FindingCode;
  severity: Severity;
  /** The table's "fires when", read literally (family-path suppression is applied by the evaluator). */
  when: (a: IntakeAnswers, facts: Facts) => boolean;
  /** The answered questions that made `when` hold; only called when it holds. */
  because: (a: IntakeAnswers) => QuestionId[];
  sources: readonly SourceKey[];
  /** One of the family-based paths that a red flag or detention leaves out (§4.2). */
  familyPath?: boolean;
}
