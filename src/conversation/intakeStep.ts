/**
 * Where an intake stands, in ids only: the step it waits on, the questions answered on its path,
 * and what an expired session says about the intake it held (for the drop-off counts).
 */
import {
  pruneAnswers,
  questionIds,
  restore,
  resumeStateOf,
  stateOf,
  type IntakeAnswers,
  type IntakeSnapshot,
  type IntakeStateValue,
  type Locale,
  type QuestionId,
} from '../../dialogs/intake';
import { sessionSchema } from '../storage';
import type { IntakeStep } from './observer';

/**
 * The step an intake in `state` is waiting on; `undefined` once it was sent or ended. `snapshot`
 * gives the question asked and where a pending restart would return to.
 */
export function stepOf(state: IntakeStateValue, snapshot: IntakeSnapshot): IntakeStep | undefined {
  switch (state) {
    case 'asking':
      return snapshot.context.current;
    case 'reviewing':
      return 'review';
    case 'confirmingRestart':
      // A restart not yet confirmed: the intake still waits where the restart interrupted it.
      return stepOf(resumeStateOf(snapshot), snapshot);
    default:
      return undefined;
  }
}

/** Ids of the questions answered on the intake's current path, in catalogue order. */
export function answeredQuestions(answers: IntakeAnswers): QuestionId[] {
  const kept = pruneAnswers(answers);
  return questionIds.filter((id) => kept[id] !== undefined);
}

/** What the purge learns from an expired session, as ids (never answers). */
export type ExpiredIntake =
  /** Unfinished: where it stopped, what was answered before, and the day of the last message. */
  | { kind: 'abandoned'; question: IntakeStep; answered: QuestionId[]; locale: Locale; lastActive: Date }
  /** Sent to staff before it expired (the session is kept so `delete` can find the record). */
  | { kind: 'sent' }
  /** Not readable (a removed key, another version): nothing can be said about it. */
  | { kind: 'unreadable' };

/**
 * Reads an expired session's stored value (as the purge hands it over) into an {@link ExpiredIntake}.
 * `fallbackLastActive` stands in when the session's own time is unusable.
 */
export function expiredIntake(value: unknown, fallbackLastActive: Date): ExpiredIntake {
  const parsed = sessionSchema.safeParse(value);
  const snapshot = parsed.success ? restore(parsed.data.intake) : null;
  if (!parsed.success || !snapshot) return { kind: 'unreadable' };
  const question = stepOf(stateOf(snapshot), snapshot);
  const lastActive = new Date(parsed.data.updatedAt);
  if (question === undefined) return { kind: 'sent' };
  return {
    kind: 'abandoned',
    question,
    answered: answeredQuestions(snapshot.context.answers),
    locale: snapshot.context.locale,
    lastActive: Number.isNaN(lastActive.getTime()) ? fallbackLastActive : lastActive,
  };
}
