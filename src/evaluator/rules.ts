/**
 * The findings of intake-spec.md §4 (v3) as dated data, one rule per table row, in table order. The
 * tables are in severity order (4.1 urgent, 4.2 attorney, 4.3 info), so this array is also the
 * display order.
 *
 * Each rule's `fires` is one condition (conditions.ts) that gives both whether the finding fires and
 * the answers its "because" line names; background conditions (in the US, no open case, not detained)
 * are written `quietly`, so they are required but not named, as §4 asks. `reviewed` is the day a
 * person last checked the rule against the law; `sources` are the keys of sources.ts.
 */
import type { IntakeAnswers } from '../../dialogs/intake/answers';
import { all, any, differs, holds, is, not, quietly, type Condition } from './conditions';
import type { Rule } from './types';

/** The content review of December 2026 (shared/legal-review-2026-12.md) that spec v3 took. */
export const CONTENT_REVIEWED = '2026-12-05';

// ---- The spec's shorthands (§4) ------------------------------------------------------------------
const inUs = is('location', 'in_us');
const outsideUs = is('location', 'outside_us');
/** *detained* = detained ∈ {yes, not_sure}. */
export const detained = is('detained', 'yes', 'not_sure');
/** *red flag* = arrests ∈ {yes, prefer_not} or prior_removal ∈ {yes, not_sure}. */
export const redFlag = any(is('arrests', 'yes', 'prefer_not'), is('prior_removal', 'yes', 'not_sure'));
/** *spouse USC/LPR* = relationship = married and partner_status ∈ {us_citizen, permanent_resident}. */
const spouseUscLpr = all(is('relationship', 'married'), is('partner_status', 'us_citizen', 'permanent_resident'));
/** *spouse USC* = relationship = married and partner_status = us_citizen. */
const spouseUsc = all(is('relationship', 'married'), is('partner_status', 'us_citizen'));
/** *spouse LPR* = relationship = married and partner_status = permanent_resident. */
const spouseLpr = all(is('relationship', 'married'), is('partner_status', 'permanent_resident'));
/** *no case* = proceedings = none (v3: a case that ended can hide an order, D11). Only the family paths use it. */
const noCase = quietly(is('proceedings', 'none'));
/** *without inspection* = entry ∈ {without_inspection, caught_released} (D4). */
const withoutInspection = is('entry', 'without_inspection', 'caught_released');
/** *fear now* = in the US, fear = yes, and a recent arrival (or unknown), detention, or an NTA not yet at the court. */
const fearNow = all(
  quietly(inUs),
  is('fear', 'yes'),
  any(is('time_in_us', 'under_1', '1_to_2', 'not_sure'), detained, is('proceedings', 'nta_no_court')),
);
const noAbuse = quietly(differs('partner_abuse', 'yes'));
const notDetained = quietly(not(detained));

/** Paragraph keys (findings namespace) a family finding adds after its body (§4.3, G7 and G-HIV). */
const EARLIER_MARRIAGE = 'shared.earlierMarriage';
const HIV_PUBLIC_CHARGE = 'shared.hivPublicCharge';

/**
 * A rule row before the common fields are filled in. Its text is its body, then the shared
 * paragraphs in `also`, unless `text` chooses the paragraphs from the answers.
 */
type Row = Omit<Rule, 'reviewed' | 'text'> & { text?: Rule['text']; also?: readonly string[] };

const rows: Row[] = [
  // ---- 4.1 Urgent triage ----------------------------------------------------------------------
  { code: 'DETAINED', severity: 'urgent', fires: detained, sources: ['S3', 'S9', 'S11'] },
  /** Shown to everyone detained: it asks nothing and assumes nothing about the person (G1). */
  { code: 'DETENTION_SAFETY', severity: 'urgent', fires: detained, sources: ['S17'] },
  { code: 'HEARING_SOON', severity: 'urgent', fires: is('hearing_when', 'within_30_days'), sources: ['S3', 'S9', 'S11'] },
  { code: 'MISSED_HEARING', severity: 'urgent', fires: is('hearing_when', 'missed'), sources: ['S3', 'S5'] },
  /** An open case with no hearing date is the same risk: the notice may come only by mail (G2). */
  {
    code: 'NTA_NO_DATE',
    severity: 'urgent',
    fires: any(is('proceedings', 'nta_no_court'), is('hearing_when', 'no_date')),
    sources: ['S3', 'S11'],
  },
  { code: 'REMOVAL_ORDER', severity: 'urgent', fires: is('proceedings', 'removal_order'), sources: ['S3', 'S4', 'S5'] },
  { code: 'VOLUNTARY_DEPARTURE', severity: 'urgent', fires: is('proceedings', 'voluntary_departure'), sources: ['S4'] },
  { code: 'ICE_CONTACT', severity: 'urgent', fires: is('ice_contact', 'yes'), sources: ['S3'] },
  {
    code: 'TRAVEL_RISK',
    severity: 'urgent',
    fires: all(
      is('travel_plans', 'yes', 'not_sure'),
      any(
        differs('status_now', 'valid'),
        differs('proceedings', 'none'),
        is('entry', 'without_inspection', 'caught_released', 'parole', 'not_sure'),
        redFlag,
      ),
    ),
    sources: ['S4', 'S9', 'S16'],
  },
  {
    code: 'INTERVIEW_RISK',
    severity: 'urgent',
    // "not (status_now = valid and entry = inspected and proceedings = none and no red flag)": the
    // answers that break that safe profile. "≠" needs an answer, as everywhere.
    fires: all(
      is('uscis_interview', 'yes'),
      any(differs('status_now', 'valid'), differs('entry', 'inspected'), differs('proceedings', 'none'), redFlag),
    ),
    sources: ['S10'],
  },
  { code: 'CASE_CLOSED', severity: 'urgent', fires: is('proceedings', 'admin_closed'), sources: ['S6', 'S7'] },
  { code: 'ABUSE_SAFETY', severity: 'urgent', fires: all(is('partner_abuse', 'yes'), quietly(inUs)), sources: ['S8'] },
  /** From outside the US, US hotline numbers and text codes may not work (D13). */
  { code: 'ABUSE_SAFETY_OUTSIDE', severity: 'urgent', fires: all(is('partner_abuse', 'yes'), quietly(outsideUs)), sources: ['S8'] },
  { code: 'ASYLUM_DEADLINE', severity: 'urgent', fires: fearNow, sources: ['S11'] },

  // ---- 4.2 Attorney review --------------------------------------------------------------------
  {
    code: 'CRIMINAL_HISTORY',
    severity: 'attorney',
    fires: is('arrests', 'yes', 'prefer_not'),
    sources: ['S10', 'S12'],
    // The Laken Riley Act sentence is about ICE in the US (D14).
    text: (a) => ['CRIMINAL_HISTORY.body', ...(holds(inUs, a) ? ['CRIMINAL_HISTORY.inUs'] : [])],
  },
  { code: 'PRIOR_REMOVAL', severity: 'attorney', fires: is('prior_removal', 'yes', 'not_sure'), sources: ['S4'] },
  /**
   * No source of its own (§4.2 "—"): stands in for the family-path findings a red flag leaves out,
   * when at least one of them would have fired and the person is not detained (evaluate.ts).
   */
  { code: 'PATHS_NEED_REVIEW', severity: 'attorney', fires: all(redFlag, notDetained), familyPathStandIn: true, sources: [] },
  {
    code: 'CASE_STATUS_UNKNOWN',
    severity: 'attorney',
    fires: any(is('proceedings', 'not_sure', 'ended'), is('hearing_when', 'no_date', 'not_sure')),
    sources: ['S3', 'S9'],
  },
  { code: 'ENTRY_PAPERS_CHECK', severity: 'attorney', fires: is('entry', 'caught_released', 'not_sure'), sources: ['S2', 'S3'] },
  {
    code: 'HEARING_SCHEDULED',
    severity: 'attorney',
    fires: all(is('proceedings', 'pending'), is('hearing_when', 'later', 'no_date', 'not_sure')),
    sources: ['S3', 'S9', 'S11'],
  },
  {
    code: 'MARRIAGE_IN_PROCEEDINGS',
    severity: 'attorney',
    fires: all(spouseUscLpr, is('proceedings', 'pending', 'nta_no_court', 'admin_closed', 'removal_order', 'voluntary_departure', 'ended')),
    sources: ['S4', 'S5', 'S6'],
    also: [EARLIER_MARRIAGE],
  },
  {
    code: 'CANCELLATION_POSSIBLE',
    severity: 'attorney',
    fires: all(
      is('proceedings', 'pending', 'admin_closed'),
      is('time_in_us', '10_plus', 'not_sure'),
      any(is('children', 'yes'), spouseUscLpr),
    ),
    sources: ['S13'],
  },
  {
    code: 'EXPEDITED_REMOVAL_RISK',
    severity: 'attorney',
    fires: all(
      is('entry', 'without_inspection', 'caught_released', 'parole', 'not_sure'),
      is('time_in_us', 'under_1', '1_to_2', 'not_sure'),
    ),
    sources: ['S9', 'S11'],
  },
  {
    code: 'ASYLUM_LATE',
    severity: 'attorney',
    // Names the time in the US when it was answered: that is what put the arrival past the year.
    fires: all(quietly(inUs), is('fear', 'yes'), quietly(not(fearNow)), any(differs('time_in_us'), quietly(always))),
    sources: ['S11'],
  },
  {
    code: 'VAWA_POSSIBLE',
    severity: 'attorney',
    // A former spouse only when the divorce or death was under 2 years ago (or not sure) (G5).
    fires: all(
      is('partner_abuse', 'yes'),
      is('relationship', 'married', 'former_spouse'),
      is('partner_status', 'us_citizen', 'permanent_resident', 'not_sure'),
      any(quietly(is('relationship', 'married')), is('former_when', 'under_2', 'not_sure')),
    ),
    sources: ['S8'],
    text: (a) => [
      ...(holds(is('partner_status', 'not_sure'), a) ? ['VAWA_POSSIBLE.notSureLead'] : []),
      'VAWA_POSSIBLE.body',
      ...(holds(outsideUs, a) ? ['VAWA_POSSIBLE.outsideUs'] : []),
    ],
  },
  {
    code: 'U_VISA_POSSIBLE',
    severity: 'attorney',
    fires: any(is('crime_victim', 'yes'), is('partner_abuse', 'yes')),
    sources: ['S8'],
    text: (a) => ['U_VISA_POSSIBLE.body', ...(holds(outsideUs, a) ? ['U_VISA_POSSIBLE.outsideUs'] : [])],
  },
  { code: 'PENDING_APPLICATION', severity: 'attorney', fires: is('status_now', 'pending_application', 'temporary'), sources: ['S9', 'S16'] },
  { code: 'YOUTH_OPTIONS', severity: 'attorney', fires: is('under_21', 'yes'), sources: ['S15'] },

  // ---- 4.3 Relationship, entry and status --------------------------------------------------------
  { code: 'SAFETY_RESOURCES', severity: 'info', fires: quietly(all(is('partner_abuse', 'prefer_not'), inUs)), sources: ['S8'] },
  { code: 'SAFETY_RESOURCES_OUTSIDE', severity: 'info', fires: quietly(all(is('partner_abuse', 'prefer_not'), outsideUs)), sources: ['S8'] },
  { code: 'ASYLUM_INFO', severity: 'info', fires: quietly(all(inUs, is('fear', 'prefer_not'))), sources: ['S11'] },
  /** Because: fear, named neutrally; with fear = prefer_not, no because. */
  {
    code: 'OUTSIDE_US_SAFETY',
    severity: 'info',
    fires: all(quietly(outsideUs), any(is('fear', 'yes'), quietly(is('fear', 'prefer_not')))),
    sources: ['S11'],
  },
  {
    code: 'MARRIAGE_USC_INSPECTED',
    severity: 'info',
    familyPath: true,
    fires: all(quietly(inUs), spouseUsc, is('entry', 'inspected', 'parole'), noCase),
    sources: ['S1', 'S2', 'S10', 'S16'],
    also: [EARLIER_MARRIAGE],
  },
  {
    code: 'MARRIAGE_USC_EWI',
    severity: 'info',
    familyPath: true,
    // Left out when partner_abuse = yes: VAWA_POSSIBLE describes that person's path (D5).
    fires: all(quietly(inUs), spouseUsc, withoutInspection, noCase, noAbuse),
    sources: ['S1', 'S2', 'S4', 'S5', 'S9', 'S16'],
    also: [EARLIER_MARRIAGE, HIV_PUBLIC_CHARGE],
  },
  {
    code: 'MARRIAGE_LPR_IN_STATUS',
    severity: 'info',
    familyPath: true,
    fires: all(quietly(inUs), spouseLpr, is('entry', 'inspected', 'parole'), is('status_now', 'valid'), noCase),
    sources: ['S1', 'S2', 'S16'],
    also: [EARLIER_MARRIAGE],
  },
  {
    code: 'MARRIAGE_LPR_OUT_OF_STATUS',
    severity: 'info',
    familyPath: true,
    fires: all(quietly(inUs), spouseLpr, any(is('status_now', 'expired', 'never'), withoutInspection), noCase, noAbuse),
    sources: ['S1', 'S2', 'S5', 'S16'],
    also: [EARLIER_MARRIAGE, HIV_PUBLIC_CHARGE],
  },
  {
    code: 'PARTNER_NOT_MARRIED',
    severity: 'info',
    familyPath: true,
    fires: all(is('relationship', 'partner'), is('partner_status', 'us_citizen', 'permanent_resident')),
    sources: ['S1'],
    also: [EARLIER_MARRIAGE],
  },
  {
    code: 'PARTNER_OTHER_STATUS',
    severity: 'info',
    familyPath: true,
    fires: all(is('relationship', 'married', 'partner'), is('partner_status', 'other_status', 'no_status', 'not_sure')),
    sources: ['S2'],
    // Outside the US it names no asylum: asylum is asked for only in the US or at its border (G9).
    text: (a) => [holds(outsideUs, a) ? 'PARTNER_OTHER_STATUS.bodyOutsideUs' : 'PARTNER_OTHER_STATUS.body'],
  },
  {
    code: 'OUTSIDE_US_SPOUSE',
    severity: 'info',
    familyPath: true,
    fires: all(outsideUs, spouseUscLpr),
    sources: ['S1', 'S2', 'S4', 'S16'],
    also: [EARLIER_MARRIAGE, HIV_PUBLIC_CHARGE],
  },
  {
    code: 'OUTSIDE_US_PARTNER',
    severity: 'info',
    familyPath: true,
    fires: all(outsideUs, is('relationship', 'partner'), is('partner_status', 'us_citizen')),
    sources: ['S1', 'S16'],
  },
  {
    code: 'WIDOW_PETITION',
    severity: 'info',
    familyPath: true,
    fires: all(is('relationship', 'former_spouse'), is('partner_status', 'us_citizen'), is('former_when', 'under_2', 'not_sure'), noAbuse),
    sources: ['S1', 'S2'],
  },
  {
    code: 'FAMILY_TIES',
    severity: 'info',
    fires: all(quietly(inUs), any(is('relationship', 'married', 'partner'), is('children', 'yes')), differs('status_now', 'valid')),
    sources: ['S6', 'seeds'],
  },
  {
    code: 'NO_CASE_CAUTION',
    severity: 'info',
    // A warning, kept with a red flag. "not *detained*": an unanswered detained counts as not detained.
    fires: all(
      quietly(inUs),
      notDetained,
      is('proceedings', 'none', 'ended'),
      is('status_now', 'expired', 'never', 'not_sure', 'pending_application', 'temporary'),
    ),
    sources: ['seeds', 'S6', 'S10'],
  },
  { code: 'LAWFUL_STATUS', severity: 'info', fires: all(quietly(inUs), notDetained, is('status_now', 'valid')), sources: ['seeds'] },
  /** The referral block of §6: always present, last but one. */
  { code: 'ATTORNEY_REFERRAL', severity: 'info', fires: quietly(always), sources: ['S12', 'S14'] },
  { code: 'NOTARIO_WARNING', severity: 'info', fires: quietly(always), sources: ['S14'] },
];

function always(): readonly never[] {
  return [];
}

export const rules: readonly Rule[] = rows.map(({ also, ...r }) => {
  const fixed = [`${r.code}.body`, ...(also ?? [])];
  return { ...r, text: r.text ?? (() => [...fixed]), reviewed: CONTENT_REVIEWED };
});

/** Whether the answers hold a red flag or detention, which leave the family paths out (§4.2). */
export const leavesOutFamilyPaths = (a: IntakeAnswers): boolean => holds(redFlag, a) || holds(detained, a);

export type { Condition };
