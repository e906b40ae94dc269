/**
 * The evaluator's vocabulary (intake-spec.md §4, §5). Codes and source keys are contracts: tests,
 * tools, the renderer's text keys and staff exports use them verbatim.
 */
import type { IntakeAnswers, QuestionId } from '../../dialogs/intake/answers';
import type { Condition } from './conditions';
import type { SourceKey } from './sources';

export type { SourceKey };

/** Every finding code, in the order of the tables of intake-spec.md §4.1, §4.2 and §4.3 (v3). */
export const findingCodes = [
  // 4.1 Urgent triage
  'DETAINED',
  'DETENTION_SAFETY',
  'HEARING_SOON',
  'MISSED_HEARING',
  'NTA_NO_DATE',
  'REMOVAL_ORDER',
  'VOLUNTARY_DEPARTURE',
  'ICE_CONTACT',
  'TRAVEL_RISK',
  'INTERVIEW_RISK',
  'CASE_CLOSED',
  'ABUSE_SAFETY',
  'ABUSE_SAFETY_OUTSIDE',
  'ASYLUM_DEADLINE',
  // 4.2 Attorney review
  'CRIMINAL_HISTORY',
  'PRIOR_REMOVAL',
  'PATHS_NEED_REVIEW',
  'CASE_STATUS_UNKNOWN',
  'ENTRY_PAPERS_CHECK',
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
  'SAFETY_RESOURCES_OUTSIDE',
  'ASYLUM_INFO',
  'OUTSIDE_US_SAFETY',
  'MARRIAGE_USC_INSPECTED',
  'MARRIAGE_USC_EWI',
  'MARRIAGE_LPR_IN_STATUS',
  'MARRIAGE_LPR_OUT_OF_STATUS',
  'PARTNER_NOT_MARRIED',
  'PARTNER_OTHER_STATUS',
  'OUTSIDE_US_SPOUSE',
  'OUTSIDE_US_PARTNER',
  'WIDOW_PETITION',
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

/** One conclusion. `because` names the answered questions that triggered it, for "because you said ...". */
export interface Finding {
  code: FindingCode;
  severity: Severity;
  because: QuestionId[];
  sources: SourceKey[];
  /**
   * The text keys (in the findings namespace) of its paragraphs, in order: the body, and what the
   * answers add to it (a paragraph for people outside the US, the earlier-marriage sentence, ...).
   */
  paragraphs: string[];
}

/** The evaluator's output: findings in display order, and whether the referral is urgent. */
export interface Assessment {
  findings: Finding[];
  urgent: boolean;
  referral: 'urgent' | 'standard';
}

/** A row of the §4 tables, as dated data. */
export interface Rule {
  code: FindingCode;
  severity: Severity;
  /** The table's "fires when" and the answers it names, as one condition (conditions.ts). */
  fires: Condition;
  sources: readonly SourceKey[];
  /** The day a person last checked this rule against the law (ISO date). */
  reviewed: string;
  /** The paragraph keys of its text for these answers. */
  text: (a: IntakeAnswers) => string[];
  /** One of the family-based paths that a red flag or detention leaves out (§4.2). */
  familyPath?: boolean;
  /** PATHS_NEED_REVIEW: fires only where a family path was left out. */
  familyPathStandIn?: boolean;
}
