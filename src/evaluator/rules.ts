/**
 * The findings of intake-spec.md §4 as data, one rule per table row, in table order. The tables are
 * in severity order (4.1 urgent, 4.2 attorney, 4.3 info), so this array is also the display order.
 *
 * Reading an answer: "q = v" / "q ∈ {...}" use `is` and "q ≠ v" uses `differs`; both are false for an
 * unanswered question, so a question not asked on this path never fires a rule. `because` lists only
 * the answers the finding is about: background conditions (location = in_us for in-US paths, "no open
 * case", "not detained") are not named, except where the finding is about them.
 */
import type { IntakeAnswers, QuestionId } from '../../dialogs/intake/answers';
import { SPOUSE_IDS, differs, held, is, isDetained, isSpouseUscLpr, redFlagIds } from './shorthands';
import type { Facts, Rule } from './types';

const inUs = (a: IntakeAnswers) => is(a, 'location', 'in_us');
const outsideUs = (a: IntakeAnswers) => is(a, 'location', 'outside_us');
/** "proceedings ∈ {none, ended}": no open, closed or ordered case; the family paths' precondition. */
const noCase = (a: IntakeAnswers) => is(a, 'proceedings', 'none', 'ended');

/**
 * TRAVEL_RISK's second half: status_now ≠ valid, proceedings ≠ none, entry ∈ {without_inspection,
 * parole, not_sure}, or a red flag. The "≠" clauses need an answer (travel_plans is asked only in the
 * US, where both are asked too).
 */
const travelRiskIds = (a: IntakeAnswers): QuestionId[] => [
  ...held([
    ['status_now', differs(a, 'status_now', 'valid')],
    ['proceedings', differs(a, 'proceedings', 'none')],
    ['entry', is(a, 'entry', 'without_inspection', 'parole', 'not_sure')],
  ]),
  ...redFlagIds(a),
];

/**
 * INTERVIEW_RISK's "not (status_now = valid and entry = inspected and proceedings = none and no red
 * flag)", as the answers that break that safe profile: status_now ≠ valid, entry ≠ inspected,
 * proceedings ≠ none, or a red flag. As everywhere, "≠" needs an answer, so an unanswered question
 * does not fire it on its own (in the flow all three are asked whenever uscis_interview is).
 */
const interviewRiskIds = (a: IntakeAnswers): QuestionId[] => [
  ...held([
    ['status_now', differs(a, 'status_now', 'valid')],
    ['entry', differs(a, 'entry', 'inspected')],
    ['proceedings', differs(a, 'proceedings', 'none')],
  ]),
  ...redFlagIds(a),
];

/** ASYLUM_DEADLINE's second half: time_in_us ∈ {under_1, not_sure} or *detained*. */
const asylumDeadlineIds = (a: IntakeAnswers): QuestionId[] =>
  held([
    ['time_in_us', is(a, 'time_in_us', 'under_1', 'not_sure')],
    ['detained', isDetained(a)],
  ]);
const asylumDeadline = (a: IntakeAnswers) => is(a, 'fear', 'yes') && asylumDeadlineIds(a).length > 0;

/** CASE_STATUS_UNKNOWN: proceedings ∈ {not_sure, ended} or hearing_when ∈ {no_date, not_sure}. */
const caseStatusUnknownIds = (a: IntakeAnswers): QuestionId[] =>
  held([
    ['proceedings', is(a, 'proceedings', 'not_sure', 'ended')],
    ['hearing_when', is(a, 'hearing_when', 'no_date', 'not_sure')],
  ]);

/** CANCELLATION_POSSIBLE's qualifying relatives: children = yes or *spouse USC/LPR*. */
const qualifyingRelativeIds = (a: IntakeAnswers): QuestionId[] => [
  ...held([['children', is(a, 'children', 'yes')]]),
  ...(isSpouseUscLpr(a) ? SPOUSE_IDS : []),
];

/** U_VISA_POSSIBLE: crime_victim = yes or partner_abuse = yes. */
const victimIds = (a: IntakeAnswers): QuestionId[] =>
  held([
    ['crime_victim', is(a, 'crime_victim', 'yes')],
    ['partner_abuse', is(a, 'partner_abuse', 'yes')],
  ]);

/** MARRIAGE_LPR_OUT_OF_STATUS: status_now ∈ {expired, never} or entry = without_inspection. */
const outOfStatusIds = (a: IntakeAnswers): QuestionId[] =>
  held([
    ['status_now', is(a, 'status_now', 'expired', 'never')],
    ['entry', is(a, 'entry', 'without_inspection')],
  ]);

/** FAMILY_TIES: relationship ≠ none (a spouse or partner, answered) or children = yes. */
const familyIds = (a: IntakeAnswers): QuestionId[] =>
  held([
    ['relationship', differs(a, 'relationship', 'none')],
    ['children', is(a, 'children', 'yes')],
  ]);

/** Whether a family-based path finding (4.3) holds, before the red-flag/detention suppression. */
function familyPathHolds(a: IntakeAnswers, f: Facts): boolean {
  return rules.some((r) => r.familyPath === true && r.when(a, f));
}

export const rules: readonly Rule[] = [
  // ---- 4.1 Urgent triage ----------------------------------------------------------------------
  /** S3 EOIR case information and know-your-rights guidance; S9 Matter of Yajure Hurtado (BIA, Sept 5, 2025) on bond. */
  {
    code: 'DETAINED',
    severity: 'urgent',
    when: (_a, f) => f.detained,
    because: () => ['detained'],
    sources: ['S3', 'S9'],
  },
  /** S3 EOIR hearings, in absentia orders, Form EOIR-33 change of address. */
  {
    code: 'HEARING_SOON',
    severity: 'urgent',
    when: (a) => is(a, 'hearing_when', 'within_30_days'),
    because: () => ['hearing_when'],
    sources: ['S3'],
  },
  /** S3 in absentia orders; S5 motions to reopen (180 days for some in absentia orders). */
  {
    code: 'MISSED_HEARING',
    severity: 'urgent',
    when: (a) => is(a, 'hearing_when', 'missed'),
    because: () => ['hearing_when'],
    sources: ['S3', 'S5'],
  },
  /** S3 EOIR orders and check-ins; S5 motions to reopen (90 days; 180 days for some in absentia orders). */
  {
    code: 'REMOVAL_ORDER',
    severity: 'urgent',
    when: (a) => is(a, 'proceedings', 'removal_order'),
    because: () => ['proceedings'],
    sources: ['S3', 'S5'],
  },
  /** S3 know-your-rights guidance of legal aid groups. */
  {
    code: 'ICE_CONTACT',
    severity: 'urgent',
    when: (a) => is(a, 'ice_contact', 'yes'),
    because: () => ['ice_contact'],
    sources: ['S3'],
  },
  /** S4 INA 212(a)(9)(B)/(C) 3- and 10-year and permanent bars, leaving with an order executes it; S9 TPS, DACA and parole litigation 2025-2026. */
  {
    code: 'TRAVEL_RISK',
    severity: 'urgent',
    when: (a) => is(a, 'travel_plans', 'yes', 'not_sure') && travelRiskIds(a).length > 0,
    because: (a) => ['travel_plans', ...travelRiskIds(a)],
    sources: ['S4', 'S9'],
  },
  /** S10 USCIS Notice to Appear memo (Feb 28, 2025); ICE arrests at USCIS interviews reported since Nov 12, 2025. */
  {
    code: 'INTERVIEW_RISK',
    severity: 'urgent',
    when: (a) => is(a, 'uscis_interview', 'yes') && interviewRiskIds(a).length > 0,
    because: (a) => ['uscis_interview', ...interviewRiskIds(a)],
    sources: ['S10'],
  },
  /** S6 prosecutorial discretion (gives no status); S7 administrative closure, 89 FR 46742, DHS motions to recalendar since May 2025. */
  {
    code: 'CASE_CLOSED',
    severity: 'urgent',
    when: (a) => is(a, 'proceedings', 'admin_closed'),
    because: () => ['proceedings'],
    sources: ['S6', 'S7'],
  },
  /** S8 National Domestic Violence Hotline 1-800-799-7233. */
  {
    code: 'ABUSE_SAFETY',
    severity: 'urgent',
    when: (a) => is(a, 'partner_abuse', 'yes'),
    because: () => ['partner_abuse'],
    sources: ['S8'],
  },
  /** S11 INA 208(a)(2)(B) one-year asylum deadline; LGBTQ persecution as a particular social group. */
  {
    code: 'ASYLUM_DEADLINE',
    severity: 'urgent',
    when: (a) => asylumDeadline(a),
    because: (a) => ['fear', ...asylumDeadlineIds(a)],
    sources: ['S11'],
  },

  // ---- 4.2 Attorney review --------------------------------------------------------------------
  /** S10 USCIS Notice to Appear memo (Feb 28, 2025); S12 only attorneys and DOJ-accredited representatives may explain options. */
  {
    code: 'CRIMINAL_HISTORY',
    severity: 'attorney',
    when: (a) => is(a, 'arrests', 'yes', 'prefer_not'),
    because: () => ['arrests'],
    sources: ['S10', 'S12'],
  },
  /** S4 INA 212(a)(9)(A)/(C) permission to reapply (I-212), permanent bar, reinstatement of an old order. */
  {
    code: 'PRIOR_REMOVAL',
    severity: 'attorney',
    when: (a) => is(a, 'prior_removal', 'yes', 'not_sure'),
    because: () => ['prior_removal'],
    sources: ['S4'],
  },
  /**
   * No source of its own (§4.2 "—"): stands in for the family-path findings that a red flag leaves
   * out, when at least one of them would have fired and the person is not detained.
   */
  {
    code: 'PATHS_NEED_REVIEW',
    severity: 'attorney',
    when: (a, f) => f.redFlag && !f.detained && familyPathHolds(a, f),
    because: (a) => redFlagIds(a),
    sources: [],
  },
  /** S3 EOIR case information line 1-800-898-7180 and online portal. */
  {
    code: 'CASE_STATUS_UNKNOWN',
    severity: 'attorney',
    when: (a) => caseStatusUnknownIds(a).length > 0,
    because: (a) => caseStatusUnknownIds(a),
    sources: ['S3'],
  },
  /** S3 EOIR hearings and Form EOIR-33 change of address. */
  {
    code: 'HEARING_SCHEDULED',
    severity: 'attorney',
    when: (a) => is(a, 'proceedings', 'pending') && is(a, 'hearing_when', 'later', 'no_date', 'not_sure'),
    because: () => ['proceedings', 'hearing_when'],
    sources: ['S3'],
  },
  /** S5 motions to reopen, I-601A not for people in proceedings unless administratively closed; S6 prosecutorial discretion. */
  {
    code: 'MARRIAGE_IN_PROCEEDINGS',
    severity: 'attorney',
    when: (a, f) => f.spouseUscLpr && is(a, 'proceedings', 'pending', 'admin_closed', 'removal_order'),
    because: () => [...SPOUSE_IDS, 'proceedings'],
    sources: ['S5', 'S6'],
  },
  /** S13 INA 240A(b) cancellation of removal for non-permanent residents (10 years, hardship to a USC/LPR spouse, parent or child). */
  {
    code: 'CANCELLATION_POSSIBLE',
    severity: 'attorney',
    when: (a) =>
      is(a, 'proceedings', 'pending', 'admin_closed') &&
      is(a, 'time_in_us', '10_plus', 'not_sure') &&
      qualifyingRelativeIds(a).length > 0,
    because: (a) => ['proceedings', 'time_in_us', ...qualifyingRelativeIds(a)],
    sources: ['S13'],
  },
  /** S9 expedited removal expansion (Jan 21, 2025; partly paused by a court Aug 29, 2025). */
  {
    code: 'EXPEDITED_REMOVAL_RISK',
    severity: 'attorney',
    when: (a) =>
      is(a, 'entry', 'without_inspection', 'parole', 'not_sure') && is(a, 'time_in_us', 'under_1', '1_to_2', 'not_sure'),
    because: () => ['entry', 'time_in_us'],
    sources: ['S9'],
  },
  /**
   * S11 one-year deadline exceptions (changed or extraordinary circumstances), withholding of removal,
   * Convention Against Torture. Fires exactly when fear = yes and ASYLUM_DEADLINE does not, so an
   * unanswered time_in_us (not detained) gives this finding rather than none.
   */
  {
    code: 'ASYLUM_LATE',
    severity: 'attorney',
    when: (a) => is(a, 'fear', 'yes') && !asylumDeadline(a),
    because: (a) => ['fear', ...held([['time_in_us', a.time_in_us !== undefined]])],
    sources: ['S11'],
  },
  /** S8 VAWA self-petition, INA 204(a)(1)(A)(iii), any gender. */
  {
    code: 'VAWA_POSSIBLE',
    severity: 'attorney',
    when: (a, f) => is(a, 'partner_abuse', 'yes') && f.spouseUscLpr,
    because: () => ['partner_abuse', ...SPOUSE_IDS],
    sources: ['S8'],
  },
  /** S8 U visa, INA 101(a)(15)(U). */
  {
    code: 'U_VISA_POSSIBLE',
    severity: 'attorney',
    when: (a) => victimIds(a).length > 0,
    because: (a) => victimIds(a),
    sources: ['S8'],
  },
  /** S9 TPS, DACA and parole litigation 2025-2026; parole in place for spouses vacated Nov 7, 2024. */
  {
    code: 'PENDING_APPLICATION',
    severity: 'attorney',
    when: (a) => is(a, 'status_now', 'pending_application', 'temporary'),
    because: () => ['status_now'],
    sources: ['S9'],
  },
  /** S15 INA 101(a)(27)(J) Special Immigrant Juvenile Status (under 21). */
  {
    code: 'YOUTH_OPTIONS',
    severity: 'attorney',
    when: (a) => is(a, 'under_21', 'yes'),
    because: () => ['under_21'],
    sources: ['S15'],
  },

  // ---- 4.3 Relationship, entry and status --------------------------------------------------------
  /** S8 National Domestic Violence Hotline; shown without a label or a "because", so `because` is empty. */
  {
    code: 'SAFETY_RESOURCES',
    severity: 'info',
    when: (a) => is(a, 'partner_abuse', 'prefer_not'),
    because: () => [],
    sources: ['S8'],
  },
  /** S1 Windsor (2013), Obergefell (2015), same-sex marriages valid where celebrated; S2 INA 201(b), 245(a) inspected and admitted or paroled, 245(c) immediate relatives. */
  {
    code: 'MARRIAGE_USC_INSPECTED',
    severity: 'info',
    familyPath: true,
    when: (a) =>
      inUs(a) &&
      is(a, 'relationship', 'married') &&
      is(a, 'partner_status', 'us_citizen') &&
      is(a, 'entry', 'inspected', 'parole') &&
      noCase(a),
    because: () => [...SPOUSE_IDS, 'entry'],
    sources: ['S1', 'S2'],
  },
  /** S2 INA 245(a)/(i); S4 INA 212(a)(9)(B) bars on leaving; S5 I-601A provisional waiver; S9 2025 travel bans. */
  {
    code: 'MARRIAGE_USC_EWI',
    severity: 'info',
    familyPath: true,
    when: (a) =>
      inUs(a) &&
      is(a, 'relationship', 'married') &&
      is(a, 'partner_status', 'us_citizen') &&
      is(a, 'entry', 'without_inspection') &&
      noCase(a),
    because: () => [...SPOUSE_IDS, 'entry'],
    sources: ['S2', 'S4', 'S5', 'S9'],
  },
  /** S2 INA 203(a)(2)(A) F2A preference category and the Visa Bulletin; INA 245(a). */
  {
    code: 'MARRIAGE_LPR_IN_STATUS',
    severity: 'info',
    familyPath: true,
    when: (a) =>
      inUs(a) &&
      is(a, 'relationship', 'married') &&
      is(a, 'partner_status', 'permanent_resident') &&
      is(a, 'entry', 'inspected', 'parole') &&
      is(a, 'status_now', 'valid') &&
      noCase(a),
    because: () => [...SPOUSE_IDS, 'entry', 'status_now'],
    sources: ['S2'],
  },
  /** S2 INA 203(a)(2)(A), 245(a)/(c); S5 I-601A provisional unlawful presence waiver. */
  {
    code: 'MARRIAGE_LPR_OUT_OF_STATUS',
    severity: 'info',
    familyPath: true,
    when: (a) =>
      inUs(a) &&
      is(a, 'relationship', 'married') &&
      is(a, 'partner_status', 'permanent_resident') &&
      outOfStatusIds(a).length > 0 &&
      noCase(a),
    because: (a) => [...SPOUSE_IDS, ...outOfStatusIds(a)],
    sources: ['S2', 'S5'],
  },
  /** S1 only a legal marriage, valid where celebrated, lets a spouse petition; civil unions and partnerships are not marriages. */
  {
    code: 'PARTNER_NOT_MARRIED',
    severity: 'info',
    familyPath: true,
    when: (a) => is(a, 'relationship', 'partner') && is(a, 'partner_status', 'us_citizen', 'permanent_resident'),
    because: () => [...SPOUSE_IDS],
    sources: ['S1'],
  },
  /** S2 INA 201(b), 203(a)(2)(A): a marriage-based petition needs a USC or LPR spouse. */
  {
    code: 'PARTNER_OTHER_STATUS',
    severity: 'info',
    familyPath: true,
    when: (a) =>
      differs(a, 'relationship', 'none') && is(a, 'partner_status', 'other_status', 'no_status', 'not_sure'),
    because: () => [...SPOUSE_IDS],
    sources: ['S2'],
  },
  /** S2 consular processing for immediate relatives and F2A; S4 212(a)(9) bars; S9 June 2025 travel bans. */
  {
    code: 'OUTSIDE_US_SPOUSE',
    severity: 'info',
    familyPath: true,
    when: (a, f) => outsideUs(a) && f.spouseUscLpr,
    because: () => ['location', ...SPOUSE_IDS],
    sources: ['S2', 'S4', 'S9'],
  },
  /** S1 a US citizen may petition for a fiancé(e) (K-1) abroad; a marriage valid where celebrated. */
  {
    code: 'OUTSIDE_US_PARTNER',
    severity: 'info',
    familyPath: true,
    when: (a) => outsideUs(a) && is(a, 'relationship', 'partner') && is(a, 'partner_status', 'us_citizen'),
    because: () => ['location', ...SPOUSE_IDS],
    sources: ['S1'],
  },
  /**
   * S6 DHS letter (Sept 27, 2012) and ICE memo (Oct 5, 2012) on long-term same-sex partners, rescinded
   * 2017, EO 14159 (2025); seeds. "status_now ≠ valid" needs an answer, and location must be in_us.
   */
  {
    code: 'FAMILY_TIES',
    severity: 'info',
    when: (a) => inUs(a) && familyIds(a).length > 0 && differs(a, 'status_now', 'valid'),
    because: (a) => [...familyIds(a), 'status_now'],
    sources: ['S6', 'seeds'],
  },
  /**
   * seeds ("do NOT try to get put into removal proceedings"); S6 discretion gives no status; S10 NTA
   * memo (Feb 28, 2025). Kept with a red flag. "not *detained*" is the negated shorthand: an
   * unanswered detained question counts as not detained (in the flow it is always asked in the US).
   */
  {
    code: 'NO_CASE_CAUTION',
    severity: 'info',
    when: (a, f) =>
      inUs(a) &&
      !f.detained &&
      noCase(a) &&
      is(a, 'status_now', 'expired', 'never', 'not_sure', 'pending_application', 'temporary'),
    because: () => ['proceedings', 'status_now'],
    sources: ['seeds', 'S6', 'S10'],
  },
  /** seeds (lawful status, exile). "not *detained*" read as for NO_CASE_CAUTION. */
  {
    code: 'LAWFUL_STATUS',
    severity: 'info',
    when: (a, f) => inUs(a) && !f.detained && is(a, 'status_now', 'valid'),
    because: () => ['status_now'],
    sources: ['seeds'],
  },
  /** S12 USCIS "Find legal services"; S14 USCIS "Avoid scams". Always present (§6 referral block). */
  {
    code: 'ATTORNEY_REFERRAL',
    severity: 'info',
    when: () => true,
    because: () => [],
    sources: ['S12', 'S14'],
  },
  /** S14 USCIS "Avoid scams": notarios cannot give immigration legal advice. Always present. */
  {
    code: 'NOTARIO_WARNING',
    severity: 'info',
    when: () => true,
    because: () => [],
    sources: ['S14'],
  },
];
