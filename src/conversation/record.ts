/** The record staff receive from a finished intake: answer codes, the assessment, contact if given. */
import { pruneAnswers, type IntakeSnapshot } from '../../dialogs/intake';
import type { Assessment } from '../evaluator';
import type { IntakeRecord } from '../storage';

/**
 * The record of a submitted intake. Free-text contact answers travel only in `contact`, and only
 * when the person agreed to be contacted; every other answer is its code.
 */
export function buildRecord(reference: string, snapshot: IntakeSnapshot, assessment: Assessment, createdAt: Date): IntakeRecord {
  const answers = pruneAnswers(snapshot.context.answers);
  const codes: Record<string, string> = {};
  for (const [k, v] of Object.entries(answers)) {
    if (k !== 'contact_name' && k !== 'contact_value' && v !== undefined) codes[k] = String(v);
  }
  const contact =
    answers.contact_ok === 'yes' && answers.contact_name && answers.contact_method && answers.contact_value
      ? {
          name: answers.contact_name,
          method: answers.contact_method,
          value: answers.contact_value,
          safeToLeaveMessage: answers.safe_message === 'yes',
        }
      : undefined;
  return {
    reference,
    createdAt: createdAt.toISOString(),
    language: snapshot.context.locale,
    answers: codes,
    assessment: {
      findings: assessment.findings.map((f) => ({ code: f.code, severity: f.severity, because: [...f.because] })),
      urgent: assessment.urgent,
      referral: assessment.referral,
    },
    ...(contact ? { contact } : {}),
  };
}
