/**
 * Turning the machine's snapshot into stored JSON and back. A stored snapshot is untrusted: it is
 * checked with zod, and anything of another machine version or shape is refused (`null`), so the
 * caller restarts the intake politely instead of crashing the turn.
 */
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
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

export function startIntake(locale: Locale): IntakeSnapshot {
  return initialTransition(intakeMachine, { locale })[0];
}

export function step(snapshot: IntakeSnapshot, event: IntakeEvent): IntakeSnapshot {
  return transition(intakeMachine, snapshot, event)[0];
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
  if (!parsed.success) return null;
  return intakeMachine.resolveState({ value: parsed.data.value, context: parsed.data.context });
}
