/**
 * The rule data against the tables of intake-spec.md §4: order, severity, family paths and sources.
 * The expected values are copied from the spec, so a change to either shows up here.
 */
import { findingCodes, type FindingCode, type SourceKey } from '../../src/evaluator';
import { CONTENT_REVIEWED, rules } from '../../src/evaluator/rules';
import { sources } from '../../src/evaluator/sources';

const URGENT: FindingCode[] = [
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
];
const ATTORNEY: FindingCode[] = [
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
];
const INFO: FindingCode[] = [
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
];

/** The "sources" column of the §4 tables (spec v3). */
const SOURCES: Record<FindingCode, SourceKey[]> = {
  DETAINED: ['S3', 'S9', 'S11'],
  DETENTION_SAFETY: ['S17'],
  HEARING_SOON: ['S3', 'S9', 'S11'],
  MISSED_HEARING: ['S3', 'S5'],
  NTA_NO_DATE: ['S3', 'S11'],
  REMOVAL_ORDER: ['S3', 'S4', 'S5'],
  VOLUNTARY_DEPARTURE: ['S4'],
  ICE_CONTACT: ['S3'],
  TRAVEL_RISK: ['S4', 'S9', 'S16'],
  INTERVIEW_RISK: ['S10'],
  CASE_CLOSED: ['S6', 'S7'],
  ABUSE_SAFETY: ['S8'],
  ABUSE_SAFETY_OUTSIDE: ['S8'],
  ASYLUM_DEADLINE: ['S11'],
  CRIMINAL_HISTORY: ['S10', 'S12'],
  PRIOR_REMOVAL: ['S4'],
  PATHS_NEED_REVIEW: [],
  CASE_STATUS_UNKNOWN: ['S3', 'S9'],
  ENTRY_PAPERS_CHECK: ['S2', 'S3'],
  HEARING_SCHEDULED: ['S3', 'S9', 'S11'],
  MARRIAGE_IN_PROCEEDINGS: ['S4', 'S5', 'S6'],
  CANCELLATION_POSSIBLE: ['S13'],
  EXPEDITED_REMOVAL_RISK: ['S9', 'S11'],
  ASYLUM_LATE: ['S11'],
  VAWA_POSSIBLE: ['S8'],
  U_VISA_POSSIBLE: ['S8'],
  PENDING_APPLICATION: ['S9', 'S16'],
  YOUTH_OPTIONS: ['S15'],
  SAFETY_RESOURCES: ['S8'],
  SAFETY_RESOURCES_OUTSIDE: ['S8'],
  ASYLUM_INFO: ['S11'],
  OUTSIDE_US_SAFETY: ['S11'],
  MARRIAGE_USC_INSPECTED: ['S1', 'S2', 'S10', 'S16'],
  MARRIAGE_USC_EWI: ['S1', 'S2', 'S4', 'S5', 'S9', 'S16'],
  MARRIAGE_LPR_IN_STATUS: ['S1', 'S2', 'S16'],
  MARRIAGE_LPR_OUT_OF_STATUS: ['S1', 'S2', 'S5', 'S16'],
  PARTNER_NOT_MARRIED: ['S1'],
  PARTNER_OTHER_STATUS: ['S2'],
  OUTSIDE_US_SPOUSE: ['S1', 'S2', 'S4', 'S16'],
  OUTSIDE_US_PARTNER: ['S1', 'S16'],
  WIDOW_PETITION: ['S1', 'S2'],
  FAMILY_TIES: ['S6', 'seeds'],
  NO_CASE_CAUTION: ['seeds', 'S6', 'S10'],
  LAWFUL_STATUS: ['seeds'],
  ATTORNEY_REFERRAL: ['S12', 'S14'],
  NOTARIO_WARNING: ['S14'],
};

describe('rule table', () => {
  it('has one rule per finding code, in the order of the spec tables', () => {
    expect(rules.map((r) => r.code)).toEqual([...findingCodes]);
    expect([...findingCodes]).toEqual([...URGENT, ...ATTORNEY, ...INFO]);
  });

  it('gives 4.1 urgent, 4.2 attorney and 4.3 info severity', () => {
    expect(rules.filter((r) => r.severity === 'urgent').map((r) => r.code)).toEqual(URGENT);
    expect(rules.filter((r) => r.severity === 'attorney').map((r) => r.code)).toEqual(ATTORNEY);
    expect(rules.filter((r) => r.severity === 'info').map((r) => r.code)).toEqual(INFO);
  });

  it('marks exactly the family-based paths that a red flag or detention leaves out', () => {
    expect(rules.filter((r) => r.familyPath === true).map((r) => r.code)).toEqual([
      'MARRIAGE_USC_INSPECTED',
      'MARRIAGE_USC_EWI',
      'MARRIAGE_LPR_IN_STATUS',
      'MARRIAGE_LPR_OUT_OF_STATUS',
      'PARTNER_NOT_MARRIED',
      'PARTNER_OTHER_STATUS',
      'OUTSIDE_US_SPOUSE',
      'OUTSIDE_US_PARTNER',
      'WIDOW_PETITION',
    ]);
  });

  it.each(rules.map((r) => [r.code, r] as const))('%s cites the sources of its table row', (c, r) => {
    expect(r.sources).toEqual(SOURCES[c]);
  });
});

describe('rules as dated data', () => {
  it('every rule carries the day it was reviewed, and every source key it cites has a citation, a date and a link', () => {
    for (const r of rules) {
      expect(r.reviewed).toBe(CONTENT_REVIEWED);
      for (const key of r.sources) {
        const source = sources[key];
        expect(source.citation.length).toBeGreaterThan(10);
        expect(source.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(source.link).toMatch(/^https:\/\//);
      }
    }
  });

  it('reviews the rules on the day the spec says the content was reviewed', () => {
    expect(CONTENT_REVIEWED).toBe('2026-12-05');
  });
});
