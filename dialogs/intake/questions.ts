/**
 * The question catalogue (intake-spec.md §3): what Puente asks, in order, and when.
 * Text lives in locales under `questions:<id>.*`; this file holds only ids, codes and conditions.
 */
import type { IntakeAnswers, QuestionId } from './answers';
import { valuesOf } from './answers';

export type QuestionKind = 'choice' | 'text';

export interface Question {
  id: QuestionId;
  kind: QuestionKind;
  /** Answer codes, in the order the buttons are shown. Empty for free text. */
  values: readonly string[];
  /** Asked only when this holds for the answers given so far (earlier questions only). */
  when: (a: IntakeAnswers) => boolean;
  /**
   * Sensitive questions (abuse, arrests, crime, fear, prior deportation) are named neutrally on the
   * review step and in "because" lines, so a screen seen over someone's shoulder outs no one.
   */
  sensitive: boolean;
}

const always = () => true;
const inUs = (a: IntakeAnswers) => a.location === 'in_us';
/** A spouse, a partner, or a former spouse: the questions about that person (v3 asks them of a former spouse too). */
const hasPartner = (a: IntakeAnswers) => a.relationship === 'married' || a.relationship === 'partner' || a.relationship === 'former_spouse';
const formerSpouse = (a: IntakeAnswers) => a.relationship === 'former_spouse';
/**
 * `married_check` is asked only as the follow-up of an open relationship answer ("mi pareja"), never
 * as the next question on its own: it applies once answered, while the relationship it settled stands
 * (yes → married; no or not sure → partner). A changed relationship drops it.
 */
const marriedCheckSettled = (a: IntakeAnswers) =>
  a.married_check !== undefined && a.relationship === (a.married_check === 'yes' ? 'married' : 'partner');
const wantsContact = (a: IntakeAnswers) => a.contact_ok === 'yes';

const SENSITIVE: ReadonlySet<QuestionId> = new Set([
  'partner_abuse',
  'arrests',
  'crime_victim',
  'fear',
  'prior_removal',
]);
const TEXT: ReadonlySet<QuestionId> = new Set(['contact_name', 'contact_value']);

const outline: ReadonlyArray<[QuestionId, (a: IntakeAnswers) => boolean]> = [
  ['language', always],
  ['consent', always],
  ['location', always],
  ['under_21', inUs],
  ['detained', inUs],
  ['proceedings', inUs],
  ['hearing_when', (a) => inUs(a) && a.proceedings === 'pending'],
  ['ice_contact', inUs],
  ['travel_plans', inUs],
  ['uscis_interview', inUs],
  ['relationship', always],
  ['married_check', marriedCheckSettled],
  ['partner_status', hasPartner],
  ['partner_abuse', hasPartner],
  ['former_when', formerSpouse],
  ['children', always],
  ['entry', inUs],
  ['status_now', inUs],
  ['time_in_us', inUs],
  ['prior_removal', always],
  ['fear', always],
  ['arrests', always],
  ['crime_victim', inUs],
  ['contact_ok', always],
  ['contact_name', wantsContact],
  ['contact_method', wantsContact],
  ['contact_value', wantsContact],
  ['safe_message', wantsContact],
];

export const questions: readonly Question[] = outline.map(([id, when]) => ({
  id,
  kind: TEXT.has(id) ? 'text' : 'choice',
  values: valuesOf(id),
  when,
  sensitive: SENSITIVE.has(id),
}));

export const questionIds: readonly QuestionId[] = questions.map((q) => q.id);

const byId = new Map(questions.map((q) => [q.id, q]));
export function questionById(id: QuestionId): Question {
  const q = byId.get(id);
  if (!q) throw new Error(`unknown question ${id}`);
  return q;
}

export function isQuestionId(id: string): id is QuestionId {
  return byId.has(id as QuestionId);
}
