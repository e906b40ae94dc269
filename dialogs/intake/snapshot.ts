/**
 * Turning the machine's snapshot into stored JSON and back. A stored snapshot is untrusted: it is
 * checked with zod, and anything of an unknown machine version or shape is refused (`null`), so the
 * caller restarts the intake politely instead of crashing the turn. A snapshot of an earlier machine
 * version is upgraded (design.md §5): a person who comes back days later keeps their answers.
 */
import { createActor, type ActorScope, type EventFromLogic, type SnapshotFrom } from 'xstate';
import { z } from 'zod';
import { intakeAnswersSchema, type QuestionId } from './answers';
import { locales, type Locale } from './commands';
import { intakeMachine, MACHINE_VERSION, type IntakeContext, type IntakeEvent, type IntakeStateValue } from './intakeMachine';
import { nextQuestion, pruneAnswers } from './flow';
import { questionById, questionIds } from './questions';

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
  z.object({ kind: z.literal('readingRejected') }),
]);

const contextSchema = z.object({
  locale: z.enum(locales),
  answers: intakeAnswersSchema,
  current: questionId,
  history: z.array(questionId).max(questionIds.length),
  misses: z.number().int().min(0).max(1000),
  notice: notice.nullable(),
  resume: z.enum(['asking', 'reviewing', 'submitted']),
  pending: z.string().max(100).optional(),
}) satisfies z.ZodType<IntakeContext>;

/** Resting states only: `routing` and `resuming` are passed through within a single transition. */
const restingState = z.enum(['asking', 'confirming', 'reviewing', 'confirmingRestart', 'submitted', 'declined', 'exited', 'deleted']);

/**
 * Machine versions a stored snapshot may carry. Version 1 (spec v2) has the same context shape; every
 * v1 answer code kept its meaning in v3, so its answers are all still valid codes (intake-spec §3).
 */
const EARLIER_VERSIONS = [1] as const;

export const persistedIntakeSchema = z.object({
  machineVersion: z.union([z.literal(MACHINE_VERSION), ...EARLIER_VERSIONS.map((v) => z.literal(v))]),
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
  const { value, context } = checked.machineVersion === MACHINE_VERSION ? checked : upgrade(checked);
  return intakeMachine.resolveState({ value, context });
}

/**
 * An intake saved by an earlier machine continues under this one. Answers to questions that no
 * longer apply are dropped; a question the new version adds to the path (fear outside the US,
 * former_when) is asked when reached, and an intake that was at the review step is asked it before
 * the review is shown again. Finished and ended intakes stay as they were.
 */
export function upgrade(old: PersistedIntake): Pick<PersistedIntake, 'value' | 'context'> {
  const answers = pruneAnswers(old.context.answers);
  const history = old.context.history.filter((q) => answers[q] !== undefined || q === old.context.current);
  const context: IntakeContext = { ...old.context, answers, history, misses: 0 };
  const waiting = old.value === 'confirmingRestart' ? old.context.resume : old.value;
  if (waiting !== 'asking' && waiting !== 'reviewing') return { value: old.value, context };
  const next = nextQuestion(answers);
  const stillAsked = waiting === 'asking' && answers[old.context.current] === undefined && applies(old.context.current, answers);
  const current = stillAsked ? old.context.current : (next ?? old.context.current);
  const resume = next === null && !stillAsked ? 'reviewing' : 'asking';
  if (old.value === 'confirmingRestart') return { value: old.value, context: { ...context, current, resume } };
  return { value: resume, context: { ...context, current } };
}

function applies(question: QuestionId, answers: PersistedIntake['context']['answers']): boolean {
  return questionById(question).when(answers);
}
