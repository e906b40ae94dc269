/**
 * Turning the machine's snapshot into stored JSON and back. A stored snapshot is untrusted: it is
 * checked with zod, and anything of an unknown machine version or shape is refused (`null`), so the
 * caller restarts the intake politely instead of crashing the turn. A snapshot of an earlier machine
 * version is upgraded (design.md §5): a person who comes back days later keeps their answers.
 */
import { createActor, type ActorScope, type AnyStateNode, type EventFromLogic, type SnapshotFrom, type StateValue } from 'xstate';
import { z } from 'zod';
import type { QuestionId } from './answers';
import type { Locale } from './commands';
import { nextQuestion, pruneAnswers } from './flow';
import { intakeMachine, MACHINE_VERSION, type IntakeContext, type IntakeEvent, type IntakeStateValue } from './intakeMachine';
import { intakeContextSchema, intakeStateSchema, resumeStateSchema, type ResumeState } from './intakeSchemas';
import { questionById } from './questions';

export type IntakeSnapshot = SnapshotFrom<typeof intakeMachine>;

/** Every node of the chart, by depth-first walk. */
function nodesOf(node: AnyStateNode): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap(nodesOf)];
}
const chartNodes = nodesOf(intakeMachine.root);

/** The chart's node of each resting state (the innermost state of that name). */
const nodeOfState = new Map(
  intakeStateSchema.options.map((name) => {
    const node = chartNodes.find((n) => n.key === name && Object.keys(n.states).length === 0);
    if (!node) throw new Error(`the intake chart has no state ${name}`);
    return [name, node] as const;
  }),
);

/** The history state that remembers where a cancelled restart returns, and what it may remember. */
const resumeHistory = chartNodes.find((n) => n.type === 'history')!;
const resumable = resumeHistory.parent!;
/** The child of `resumable` holding a resting state: where a restart left from it is remembered. */
function resumeNodeOf(state: ResumeState): AnyStateNode {
  let node = nodeOfState.get(state)!;
  while (node.parent !== resumable) node = node.parent!;
  return node;
}
/**
 * What a shallow history state can remember: a child of its parent. `routing` is remembered too when
 * an answer ends the intake (consent refused) from it; that intake is final and never resumes.
 */
const resumeIds = Object.values(resumable.states)
  .filter((n) => n.type !== 'history')
  .map((n) => n.id) as [string, ...string[]];

/**
 * The history state's memory as xstate persists it (`getPersistedSnapshot`: the remembered node by
 * id), narrowed to the one history state and the nodes it can remember.
 */
const historyValueSchema = z
  .object({ [resumeHistory.id]: z.tuple([z.object({ id: z.enum(resumeIds) }).strict()]) })
  .partial()
  .strict();

/**
 * A stored snapshot of this machine version. `value` is the resting state's name (not xstate's
 * nested value, so the stored form does not follow the chart's nesting), `historyValue` is xstate's.
 */
const currentIntakeSchema = z.object({
  machineVersion: z.literal(MACHINE_VERSION),
  value: intakeStateSchema,
  context: intakeContextSchema,
  historyValue: historyValueSchema,
});

/**
 * A snapshot stored by an earlier machine. Version 1 (spec v2) and version 2 (spec v3) share this
 * shape: flat states and a `resume` field saying where a cancelled restart returns. Every v1 answer
 * code kept its meaning in v3, so its answers are all still valid codes (intake-spec §3).
 */
const earlierIntakeSchema = z.object({
  machineVersion: z.union([z.literal(1), z.literal(2)]),
  value: intakeStateSchema,
  context: intakeContextSchema.extend({ resume: resumeStateSchema }),
});
type EarlierIntake = z.infer<typeof earlierIntakeSchema>;

export const persistedIntakeSchema = z.discriminatedUnion('machineVersion', [currentIntakeSchema, earlierIntakeSchema]);
export type PersistedIntake = z.infer<typeof persistedIntakeSchema>;
/** What `persist` writes: a snapshot of this machine version. */
export type CurrentIntake = z.infer<typeof currentIntakeSchema>;

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

/** The resting state's name: the innermost state of the snapshot's (nested) value. */
export function stateOf(snapshot: IntakeSnapshot): IntakeStateValue {
  let value: StateValue = snapshot.value;
  while (typeof value !== 'string') value = Object.values(value)[0] as StateValue;
  return value as IntakeStateValue;
}

/** Where a cancelled restart would return: the state the history state remembers (the question if none). */
export function resumeStateOf(snapshot: IntakeSnapshot): ResumeState {
  const remembered = snapshot.historyValue[resumeHistory.id]?.[0];
  return resumeStateSchema.options.find((state) => resumeNodeOf(state) === remembered) ?? 'asking';
}

export function persist(snapshot: IntakeSnapshot): CurrentIntake {
  const { historyValue } = intakeMachine.getPersistedSnapshot(snapshot) as unknown as Pick<CurrentIntake, 'historyValue'>;
  return { machineVersion: MACHINE_VERSION, value: stateOf(snapshot), context: snapshot.context, historyValue };
}

/** Rehydrates a stored snapshot, or returns `null` if it is unreadable or of another version. */
export function restore(stored: unknown): IntakeSnapshot | null {
  const parsed = persistedIntakeSchema.safeParse(stored);
  return parsed.success ? restoreChecked(parsed.data) : null;
}

/**
 * Rehydrates a snapshot already checked against `persistedIntakeSchema` (e.g. as part of a stored
 * session), as `createActor(intakeMachine, { snapshot })` would: through the machine's own
 * `restoreSnapshot`, which revives the history state's memory from the persisted ids.
 */
export function restoreChecked(checked: PersistedIntake): IntakeSnapshot {
  const { value, context, historyValue } = checked.machineVersion === MACHINE_VERSION ? checked : fromEarlier(checked);
  const node = nodeOfState.get(value)!;
  const persisted = {
    status: node.type === 'final' ? 'done' : 'active',
    value: node.path.slice(0, -1).reduceRight<StateValue>((inner, key) => ({ [key]: inner }), node.key),
    context,
    historyValue,
    children: {},
  };
  return intakeMachine.restoreSnapshot(persisted as never, inert) as IntakeSnapshot;
}

/**
 * A snapshot of an earlier version, in this version's form. A version 1 intake is first brought up
 * to version 2 (`upgrade`); a version 2 intake is only reshaped: its `resume` field, which counts only
 * while a restart waits for confirmation, becomes the history state's memory.
 */
function fromEarlier(old: EarlierIntake): CurrentIntake {
  const { value, context } = old.machineVersion === 1 ? upgrade(old) : old;
  const { resume, ...rest } = context;
  const historyValue = value === 'confirmingRestart' ? { [resumeHistory.id]: [{ id: resumeNodeOf(resume).id }] as [{ id: string }] } : {};
  return { machineVersion: MACHINE_VERSION, value, context: rest, historyValue };
}
/**
 * An intake saved by an earlier machine continues under this one. Answers to questions that no
 * longer apply are dropped; a question the new version adds to the path (fear outside the US,
 * former_when) is asked when reached, and an intake that was at the review step is asked it before
 * the review is shown again. Finished and ended intakes stay as they were.
 */
export function upgrade(old: EarlierIntake): Pick<EarlierIntake, 'value' | 'context'> {
  const answers = pruneAnswers(old.context.answers);
  const history = old.context.history.filter((q) => answers[q] !== undefined || q === old.context.current);
  const context: EarlierIntake['context'] = { ...old.context, answers, history, misses: 0 };
  const waiting = old.value === 'confirmingRestart' ? old.context.resume : old.value;
  if (waiting !== 'asking' && waiting !== 'reviewing') return { value: old.value, context };
  const next = nextQuestion(answers);
  const stillAsked = waiting === 'asking' && answers[old.context.current] === undefined && applies(old.context.current, answers);
  const current = stillAsked ? old.context.current : (next ?? old.context.current);
  const resume = next === null && !stillAsked ? 'reviewing' : 'asking';
  if (old.value === 'confirmingRestart') return { value: old.value, context: { ...context, current, resume } };
  return { value: resume, context: { ...context, current } };
}

function applies(question: QuestionId, answers: IntakeContext['answers']): boolean {
  return questionById(question).when(answers);
}
