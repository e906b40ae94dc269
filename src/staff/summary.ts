/**
 * The staff summary of a finished intake (design.md §6): plain text and JSON, always in English,
 * whatever language the person used, with that language clearly marked. Pure: the record and an
 * English translator in, text out.
 *
 * Unlike the person's own review screen, staff see sensitive answers (abuse, arrests, crime, fear,
 * prior deportation) named plainly: they need them to follow up. The neutral review labels the person
 * saw ("Your safety (2)") would hide what was asked, so sensitive questions get a plain staff label.
 */
import { isQuestionId, questionById, questionIds, type QuestionId } from '../../dialogs/intake';
import type { TextKey, Translator } from '../i18n';
import type { IntakeRecord } from '../storage';

/** The sensitive questions with a plain staff name in the staff locale (`staff:sensitive.<id>`); never shown to the person. */
export const SENSITIVE_STAFF_QUESTIONS: readonly QuestionId[] = ['partner_abuse', 'prior_removal', 'fear', 'arrests', 'crime_victim'];

/** Shown instead of a label the English locale lacks (an old record, a renamed code). */
export const NO_LABEL_KEY = 'staff:noLabel' as TextKey;

export interface StaffAnswer {
  question: string;
  /** English label of the question (plain for sensitive questions). */
  label: string;
  code: string;
  /** English label of the answer. */
  answer: string;
  sensitive: boolean;
}

export interface StaffFinding {
  code: string;
  severity: string;
  title: string;
  /** Question ids the finding rests on, and their English labels. */
  because: string[];
  becauseLabels: string[];
}

export interface StaffSummary {
  reference: string;
  createdAt: string;
  language: IntakeRecord['language'];
  languageName: string;
  urgent: boolean;
  referral: IntakeRecord['assessment']['referral'];
  contact: { name: string; method: string; methodLabel: string; value: string; safeToLeaveMessage: boolean } | null;
  answers: StaffAnswer[];
  findings: StaffFinding[];
}

function label(en: Translator, key: string, fallback: string): string {
  return en.has(key as TextKey) ? en.t(key as TextKey) : `${fallback} ${en.t(NO_LABEL_KEY)}`;
}

export function questionLabel(en: Translator, id: string): string {
  if (!isQuestionId(id)) return `${id} ${en.t(NO_LABEL_KEY)}`;
  return SENSITIVE_STAFF_QUESTIONS.includes(id) ? en.t(`staff:sensitive.${id}` as TextKey) : label(en, `questions:${id}.review`, id);
}

function answerLabel(en: Translator, id: string, code: string): string {
  if (!isQuestionId(id) || questionById(id).kind === 'text') return code;
  return label(en, `questions:${id}.options.${code}`, code);
}

/** Catalogue order first, then any answer the catalogue no longer knows. */
function orderedAnswerIds(answers: Record<string, string>): string[] {
  const known = questionIds.filter((id) => id in answers) as string[];
  return [...known, ...Object.keys(answers).filter((id) => !isQuestionId(id))];
}

export function summarize(record: IntakeRecord, en: Translator): { text: string; json: StaffSummary } {
  if (en.locale !== 'en') throw new Error('the staff summary is rendered with the English translator');
  const answers: StaffAnswer[] = orderedAnswerIds(record.answers).map((id) => ({
    question: id,
    label: questionLabel(en, id),
    code: record.answers[id]!,
    answer: answerLabel(en, id, record.answers[id]!),
    sensitive: isQuestionId(id) && questionById(id).sensitive,
  }));
  const findings: StaffFinding[] = record.assessment.findings.map((f) => ({
    code: f.code,
    severity: f.severity,
    title: label(en, `findings:${f.code}.title`, f.code),
    because: [...f.because],
    becauseLabels: f.because.map((q) => questionLabel(en, q)),
  }));
  const c = record.contact;
  const contact = c
    ? { ...c, methodLabel: label(en, `questions:contact_method.options.${c.method}`, c.method) }
    : null;
  const json: StaffSummary = {
    reference: record.reference,
    createdAt: record.createdAt,
    language: record.language,
    languageName: en.t(`staff:languageNames.${record.language}` as TextKey),
    urgent: record.assessment.urgent,
    referral: record.assessment.referral,
    contact,
    answers,
    findings,
  };

  const say = (key: string, values?: Record<string, string>) => en.t(`staff:summary.${key}` as TextKey, values);
  const lines: string[] = [];
  lines.push(`${say('heading', { reference: record.reference })}${json.urgent ? `   ${say('urgentMark')}` : ''}`);
  lines.push(say('created', { createdAt: record.createdAt }));
  lines.push(say(record.language === 'en' ? 'language' : 'languageReply', { language: json.languageName }));
  lines.push(say(json.urgent ? 'urgentYes' : 'urgentNo'));
  lines.push('');
  lines.push(say('contactTitle'));
  if (contact) {
    lines.push(`  ${say('name', { name: contact.name })}`);
    lines.push(`  ${say('method', { method: contact.methodLabel })}`);
    lines.push(`  ${say(contact.method === 'email' ? 'email' : 'phone', { value: contact.value })}`);
    lines.push(`  ${say(contact.safeToLeaveMessage ? 'safeYes' : 'safeNo')}`);
  } else {
    lines.push(`  ${say('noContact')}`);
  }
  lines.push('');
  lines.push(say('findingsTitle'));
  if (findings.length === 0) lines.push(`  ${say('noFindings')}`);
  for (const f of findings) {
    const key = `staff:summary.severity.${f.severity}` as TextKey;
    const tag = en.has(key) ? en.t(key) : f.severity.toUpperCase();
    lines.push(`  [${tag}] ${f.title} (${f.code})`);
    if (f.becauseLabels.length) lines.push(`      ${say('because', { answers: f.becauseLabels.join('; ') })}`);
  }
  lines.push('');
  lines.push(say('answersTitle'));
  for (const a of answers) {
    lines.push(`  ${a.sensitive ? `${say('sensitiveMark')} ` : ''}${a.label}: ${a.answer} [${a.code}]`);
  }
  return { text: `${lines.join('\n')}\n`, json };
}
