/**
 * What a turn reports about itself, for metrics and the benchmark: phase timings and intake
 * milestones, as codes and ids only (never text, answers or contact details). Every member is
 * optional; a turn with no observer measures nothing.
 */
import type { Locale, QuestionId } from '../../dialogs/intake';

/** The parts of a turn, in order (design.md §2). */
export type TurnPhase = 'load' | 'understand' | 'transition' | 'evaluate' | 'render' | 'save';

/** How a conversation's intake ended without being sent (exit, delete, declined consent). */
export type IntakeEnd = 'exited' | 'deleted' | 'declined';

export interface TurnObserver {
  /** Time spent in one phase of a turn, in milliseconds. */
  phase?(phase: TurnPhase, ms: number): void;
  /** A turn completed: the machine state it left, the question now asked (if any), its duration. */
  turn?(info: { state: string; question?: QuestionId; locale: Locale; ms: number }): void;
  /** A new intake began (the greeting was sent). */
  intakeStarted?(info: { locale: Locale }): void;
  /** An intake was submitted: its finding codes, urgency and language. */
  intakeFinished?(info: { findings: readonly string[]; urgent: boolean; locale: Locale }): void;
  /** An intake ended unsent; `question` is the one it was waiting on, when there was one. */
  intakeEnded?(info: { how: IntakeEnd; question?: QuestionId }): void;
}
