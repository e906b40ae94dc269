/**
 * Sending a confirmed intake: evaluate the answers, store the record for staff under its reference,
 * and show the result. Staff are told of it only once the session is saved (handleTurn's `finish`).
 */
import { pruneAnswers, type IntakeSnapshot, type QuestionId } from '../../dialogs/intake';
import { evaluate } from '../evaluator';
import { renderResult } from '../render';
import type { Turn } from './handleTurn';
import { answeredQuestions } from './intakeStep';
import { buildRecord } from './record';
import { newReference, submissionReference } from './reference';
import { referencedBySession } from './session';

export interface Submission {
  reference: string;
  /** This turn wrote the record (rather than finding the one an interrupted attempt wrote). */
  created: boolean;
  /** What the observer hears of the finished intake (codes only). */
  finished: { findings: readonly string[]; urgent: boolean; answered: readonly QuestionId[] };
}

/**
 * Evaluates and stores the intake confirmed at review, and adds the result to the turn's replies.
 * Every attempt of one confirmation (same session version) writes the same record at most once.
 */
export async function submitIntake(turn: Turn, snapshot: IntakeSnapshot): Promise<Submission> {
  const { deps, input, eTag, conv, clock } = turn;
  const today = deps.now();
  const assessment = evaluate(pruneAnswers(snapshot.context.answers), today);
  const reference = eTag ? submissionReference(input.conversationId, eTag) : newReference();
  clock.lap('evaluate');
  let created = false;
  if (!eTag || !(await deps.records.get(reference))) {
    await deps.records.save(buildRecord(reference, snapshot, assessment, today));
    created = true;
  }
  clock.lap('save');
  deps.log.info(
    // Finding codes stay out of logs: some (CRIMINAL_HISTORY, ABUSE_SAFETY) reveal a sensitive answer.
    { conv, event: 'intake.finished', findings: assessment.findings.length, urgent: assessment.urgent },
    'intake finished',
  );
  const finished = { findings: assessment.findings.map((f) => f.code), urgent: assessment.urgent, answered: answeredQuestions(snapshot.context.answers) };
  turn.replies.push(...renderResult(deps.texts.translator(snapshot.context.locale), deps.profile, assessment, reference));
  clock.lap('render');
  return { reference, created, finished };
}

/**
 * Undoes a submission whose session could not be saved (the turn is retried from a fresh read): the
 * record it wrote must not linger, unless a session points to it: the turn that won may be another
 * attempt of this same confirmation (same reference), whose session now refers to the record.
 * Unknown (the store did not answer): kept.
 */
export async function withdrawSubmission({ deps, input }: Turn, submission: Submission): Promise<void> {
  if (submission.created && !(await referencedBySession(deps.sessions, input.conversationId, submission.reference))) {
    await deps.records.delete(submission.reference);
  }
}
