/** The staff summary: English whatever language the person used, every code with an English label. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { intakeAnswersSchema, questionById, questionIds, valuesOf } from '../../dialogs/intake';
import { evaluate, findingCodes } from '../../src/evaluator';
import { createTexts } from '../../src/i18n';
import { NO_LABEL_KEY, summarize } from '../../src/staff/summary';
import { intakeRecordSchema, type IntakeRecord } from '../../src/storage';
import { SCENARIO_DIR, type Scenario } from '../support/scenarios';

const texts = createTexts();
const en = texts.translator('en');

/** A record as handleTurn builds it from a scenario's answer codes. */
function recordOf(s: Pick<Scenario, 'values' | 'locale'>, reference = 'PU-TEST2-SUMMY'): IntakeRecord {
  const { review: _review, ...values } = s.values;
  const answers = intakeAnswersSchema.parse(values);
  const assessment = evaluate(answers, new Date('2026-03-01T12:00:00Z'));
  const codes = Object.fromEntries(Object.entries(values).filter(([k]) => k !== 'contact_name' && k !== 'contact_value'));
  return intakeRecordSchema.parse({
    reference,
    createdAt: '2026-03-01T12:00:00.000Z',
    language: s.locale,
    answers: codes,
    assessment: {
      findings: assessment.findings.map((f) => ({ code: f.code, severity: f.severity, because: f.because })),
      urgent: assessment.urgent,
      referral: assessment.referral,
    },
    contact:
      values.contact_ok === 'yes'
        ? { name: values.contact_name, method: values.contact_method, value: values.contact_value, safeToLeaveMessage: values.safe_message === 'yes' }
        : undefined,
  });
}

const spanish = JSON.parse(readFileSync(path.join(SCENARIO_DIR, 'casada-ciudadana-sin-inspeccion.json'), 'utf8')) as Scenario;

const NO_LABEL = createTexts().translator('en').t(NO_LABEL_KEY);

describe('staff summary', () => {
  it('summarizes a Spanish intake in English, with the language clearly marked', () => {
    const record = recordOf(spanish);
    const { text, json } = summarize(record, en);
    expect(json).toMatchObject({ reference: 'PU-TEST2-SUMMY', language: 'es', languageName: 'Spanish', urgent: false, createdAt: record.createdAt });
    expect(text).toContain('Language used: Spanish');
    expect(text).toContain('PU-TEST2-SUMMY');
    expect(text).toContain('2026-03-01T12:00:00.000Z');
    // English labels, not the Spanish ones the person saw
    expect(text).toContain('How you entered: Without inspection');
    expect(text).toContain('legally married');
    expect(text).not.toMatch(/Casad|Sí\b|ciudadan/);
    expect(json.findings.map((f) => f.code)).toEqual(spanish.expect.findings);
    expect(json.findings[0]).toMatchObject({ code: 'MARRIAGE_USC_EWI', title: en.t('findings:MARRIAGE_USC_EWI.title'), severity: record.assessment.findings[0]!.severity });
    expect(text).toContain(en.t('findings:MARRIAGE_USC_EWI.title'));
    // contact block
    expect(json.contact).toEqual({ name: 'Ale', method: 'text', methodLabel: en.t('questions:contact_method.options.text'), value: '+1 555 010 2345', safeToLeaveMessage: false });
    expect(text).toMatch(/Name to use: Ale/);
    expect(text).toMatch(/Safe to leave a message: NO/);
    expect(text).not.toContain(NO_LABEL);
  });

  it('names sensitive answers plainly for staff, and marks them', () => {
    const abused = JSON.parse(readFileSync(path.join(SCENARIO_DIR, 'abused-spouse-of-citizen.json'), 'utf8')) as Scenario;
    const { text, json } = summarize(recordOf(abused), en);
    expect(json.urgent).toBe(true);
    expect(text).toContain('*** URGENT ***');
    expect(text).toContain('Language used: English');
    const abuse = json.answers.find((a) => a.question === 'partner_abuse')!;
    expect(abuse).toMatchObject({ sensitive: true, code: 'yes', answer: 'Yes', label: 'Abuse or control by spouse or partner' });
    expect(text).toContain('[SENSITIVE] Abuse or control by spouse or partner: Yes');
    expect(json.findings.find((f) => f.code === 'ABUSE_SAFETY')).toMatchObject({ severity: 'urgent' });
    expect(text).toMatch(/\[URGENT\] Your safety comes first \(ABUSE_SAFETY\)/);
  });

  it('renders every question id, answer code and finding code without a missing key', () => {
    const answers: Record<string, string> = {};
    for (const id of questionIds) if (questionById(id).kind === 'choice') answers[id] = valuesOf(id)[0]!;
    const base = recordOf(spanish);
    const records: IntakeRecord[] = [];
    // every value of every choice question, one record per value index
    const widest = Math.max(...questionIds.map((id) => valuesOf(id).length));
    for (let i = 0; i < widest; i++) {
      const a = { ...answers };
      for (const id of questionIds) {
        const vs = valuesOf(id);
        if (vs.length) a[id] = vs[i % vs.length]!;
      }
      records.push({ ...base, answers: a });
    }
    records.push({
      ...base,
      assessment: {
        ...base.assessment,
        findings: findingCodes.map((code) => ({ code, severity: 'info', because: ['detained', 'fear'] })),
      },
    });
    for (const method of valuesOf('contact_method')) records.push({ ...base, contact: { ...base.contact!, method } });
    for (const r of records) {
      const { text, json } = summarize(r, en);
      expect(text).not.toContain(NO_LABEL);
      expect(JSON.stringify(json)).not.toContain(NO_LABEL);
    }
    const all = summarize(records[records.length - 1 - valuesOf('contact_method').length]!, en).json;
    expect(all.findings.map((f) => f.code)).toEqual([...findingCodes]);
    for (const f of all.findings) expect(f.title).toBe(en.t(`findings:${f.code}.title` as never));
  });

  it('shows a code it has no English label for, rather than failing', () => {
    const r = { ...recordOf(spanish), answers: { entry: 'teleported', retired_question: 'x' } };
    const { text } = summarize(r, en);
    expect(text).toContain(`teleported ${NO_LABEL}`);
    expect(text).toContain(`retired_question ${NO_LABEL}`);
  });

  it('refuses a non-English translator', () => {
    expect(() => summarize(recordOf(spanish), texts.translator('es'))).toThrow(/English/);
  });
});
