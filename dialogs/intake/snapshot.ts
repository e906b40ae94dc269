/**
 * Turning the machine's snapshot into stored JSON and back. A stored snapshot is untrusted: it is
 * checked with zod, and anything of another machine version or shape is refused (`null`), so the
 * caller restarts the intake politely instead of crashing the turn.
 */
import { createActor, type ActorScope, type EventFromLogic, type SnapshotFrom } from 'xstate';
import { z } from 'zod';
import { intakeAnswersSchema, type QuestionId } from './answers';
import { locales, type Locale } from './commands';
import { intakeMachine, MACHINE_VERSION, type IntakeContext, type IntakeEvent, type IntakeStateValue } from './intakeMachine';
import { questionIds } from './questions';

export type IntakeSnapshot = SnapshotFrom<typeof intakeMachine>;

const questionId = z.enum(questionIds as [QuestionId, ...QuestionId[]]);
const missReason = z.enum(['noMatch', 'empty', 'invalidName', 'invalidPhone', 'invalidEmail']);
const notice = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('greeting') }),
  z.object({ kind: z.literal('reask'), reason: missReason, offerHelp: z.boolean() }),
  z.object({ kind: z.literal('help') }),
  z.object({ kind: z.literal('backAtStart') }),
  z.object({ kind: z.literal('languageChanged') }),
  z.object({ kind: z.literal('restartCancelled') }),
  z.object({ kind: z.literal('restartDone') }),
  z.object({ kind: z.literal('reviewChange') }),
  z.object({ kind: z.literal('finishedAlready') }),
]);

const contextSchema = z.object({
  locale: z.enum(locales),
  answers: intakeAnswersSchema,
  current: questionId,
  history: z.array(questionId).max(questionIds.length),
  misses: z.number().int().min(0).max(1000),
  notice: notice.nullable(),
  resume: z.enum(['asking', 'reviewing', 'submitted']),
}) satisfies z.ZodType<IntakeContext>;

/** Resting states only: `routing` and `resuming` are passed through within a single transition. */
const restingState = z.enum(['asking', 'reviewing', 'confirmingRestart', 'submitted', 'declined', 'exited', 'deleted']);

export const persistedIntakeSchema = z.object({
  machineVersion: z.literal(MACHINE_VERSION),
  value: restingState,
  context: contextSchema,
});
export type PersistedIntake = z.infer<typeof persistedIntakeSchema>;

/**
 * The scope the machine computes its transitions in: an actor that is never started (so nothing
 * runs, nothing is spawned) and an action executor that drops every action — the machine has only
 * `assign`s, which the transition itself resolves. xstate's own pure `transition()` and
 * `initialTransition()` build exactly such an inert scope, but a new one on every call, and building
 * its actor computes a throwaway initial snapshot (with no input, so the context factory throws and
 * the error is caught): four fifths of a step's cost. One inert scope per process gives the same
 * snapshots.
 */
const inert: ActorScope<IntakeSnapshot, EventFromLogic<typeof intakeMachine>> = (() => {
  const self = createActor(intakeMachine, { input: { locale: 'en' } });
  const nothing = () => undefined;
  return { self, id: '', sessionId: '', system: self.system, logger: nothing, defer: nothing, emit: nothing, stopChild: nothing, actionExecutor: nothing };
})();

export function startIntake(locale: Locale): IntakeSnapshot {
  return intakeMachine.getInitialSnapshot(inert, { locale });
}

/** The snapshot after `event`: pure, like xstate's `transition(intakeMachine, snapshot, event)`. */
export function step(snapshot: IntakeSnapshot, event: IntakeEvent): IntakeSnapshot {
  return intakeMachine.transition(snapshot, event, inert);
}

export function stateOf(snapshot: IntakeSnapshot): IntakeStateValue {
  return snapshot.value as IntakeStateValue;
}

export function persist(snapshot: IntakeSnapshot): PersistedIntake {
  return { machineVersion: MACHINE_VERSION, value: stateOf(snapshot) as PersistedIntake['value'], context: snapshot.context };
}

/** Rehydrates a stored snapshot, or returns `null` if it is unreadable or of another version. */
export function restore(stored: unknown): IntakeSnapshot | null {
  const parsed = persistedIntakeSchema.safeParse(stored);
  return parsed.success ? restoreChecked(parsed.data) : null;
}

/** Rehydrates a snapshot already checked against `persistedIntakeSchema` (e.g. as part of a stored session). */
export function restoreChecked(checked: PersistedIntake): IntakeSnapshot {
  return intakeMachine.resolveState({ value: checked.value, context: checked.context });
}
