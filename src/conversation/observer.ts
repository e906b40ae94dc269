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

/** Where an intake can stop: a question of the catalogue (intake-spec §3), or the review step. */
export type IntakeStep = QuestionId | 'review';

export interface TurnObserver {
  /** Time spent in one phase of a turn, in milliseconds. */
  phase?(phase: TurnPhase, ms: number): void;
  /** A turn completed: the machine state it left, the question now asked (if any), its duration. */
  turn?(info: { state: string; question?: QuestionId; locale: Locale; ms: number }): void;
  /** A new intake began (the greeting was sent). */
  intakeStarted?(info: { locale: Locale }): void;
  /**
   * An intake was submitted: its finding codes, urgency and language, and the ids of the questions
   * on its path (the drop-off funnel counts how far intakes got; never the answers themselves).
   */
  intakeFinished?(info: { findings: readonly string[]; urgent: boolean; locale: Locale; answered: readonly QuestionId[] }): void;
  /**
   * An intake ended unsent; `question` is the step it was waiting on (absent when there was none,
   * e.g. `delete` after sending), `answered` the ids of the questions answered before.
   */
  intakeEnded?(info: { how: IntakeEnd; question?: IntakeStep; answered: readonly QuestionId[] }): void;
}

type Member = keyof TurnObserver;
const MEMBERS: readonly Member[] = ['phase', 'turn', 'intakeStarted', 'intakeFinished', 'intakeEnded'];

/**
 * One observer telling several (metrics, daily counts, the benchmark), in order. A member is
 * present only when one of them has it, so a turn measures nothing nobody listens to.
 */
export function observeAll(...observers: readonly (TurnObserver | undefined)[]): TurnObserver {
  const present = observers.filter((o): o is TurnObserver => o !== undefined);
  const all: Record<string, (...args: never[]) => void> = {};
  for (const member of MEMBERS) {
    const listeners = present.filter((o) => o[member]);
    if (listeners.length === 0) continue;
    all[member] = (...args: never[]) => {
      for (const o of listeners) (o[member] as (...a: never[]) => void).apply(o, args);
    };
  }
  return all as TurnObserver;
}
