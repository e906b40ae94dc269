/**
 * Persisting and restoring the machine's snapshot (snapshot.ts): every state and notice the machine
 * can reach survives the store, the history state's memory included, and sessions stored by earlier
 * machine versions continue exactly as the machine that stored them would have continued.
 */
import { createActor } from 'xstate';
import {
  intakeMachine,
  MACHINE_VERSION,
  missReasonSchema,
  noticeSchema,
  intakeStateSchema,
  persist,
  questionIds,
  restore,
  resumeStateOf,
  reviewItems,
  startIntake,
  stateOf,
  step,
  valuesOf,
  type IntakeEvent,
  type IntakeSnapshot,
} from '../../dialogs/intake';
import v2Sessions from './fixtures/v2Sessions.json';

/**
 * Concrete events of each type the chart reacts to (`intakeMachine.events`), for a snapshot. A new
 * event type fails the exploration below until it is given events here.
 */
function eventsOf(type: string, s: IntakeSnapshot): IntakeEvent[] {
  const q = s.context.current;
  const values = [...valuesOf(q).slice(0, 2), 'not_sure', 'Sam', '555 010 0199', 'x'];
  switch (type) {
    case 'answer.given':
    case 'answer.tentative':
      return values.map((value) => ({ type, value }));
    case 'answer.open':
      return [{ type, followUp: 'married_check' }];
    case 'answer.invalid':
      return missReasonSchema.options.map((reason) => ({ type, reason }));
    case 'language.switch':
      return [{ type, locale: s.context.locale === 'en' ? 'es' : 'en' }];
    case 'review.change':
      return [...reviewItems(s.context.answers).slice(0, 2), questionIds.at(-1)!].map((question) => ({ type, question }));
    case 'help.requested':
    case 'back.requested':
    case 'restart.requested':
    case 'restart.confirmed':
    case 'restart.cancelled':
    case 'exit.requested':
    case 'delete.requested':
    case 'reading.confirmed':
    case 'reading.rejected':
    case 'review.confirmed':
      return [{ type }];
    default:
      throw new Error(`no test events for ${type}`);
  }
}

/**
 * Every snapshot the machine reaches, one per distinct (state, notice, question, restart memory):
 * a breadth-first walk over the chart's own events from a new intake.
 */
function reachable(): IntakeSnapshot[] {
  const key = (s: IntakeSnapshot) => JSON.stringify([stateOf(s), s.context.notice, s.context.current, resumeStateOf(s), s.context.pending !== undefined]);
  const seen = new Map<string, IntakeSnapshot>();
  const queue = [startIntake('en')];
  while (queue.length > 0) {
    const s = queue.shift()!;
    if (seen.has(key(s))) continue;
    seen.set(key(s), s);
    if (s.status !== 'active') continue;
    for (const type of intakeMachine.events) for (const e of eventsOf(type, s)) queue.push(step(s, e));
  }
  return [...seen.values()];
}

/** A snapshot as the store keeps it: JSON. */
const stored = (s: IntakeSnapshot) => JSON.parse(JSON.stringify(persist(s)));

describe('persisting every reachable snapshot', () => {
  const all = reachable();

  it('reaches every resting state and every notice kind and reason the stored-snapshot schema allows, and nothing else', () => {
    expect(new Set(all.map(stateOf))).toEqual(new Set(intakeStateSchema.options));
    const kinds = noticeSchema.options.map((o) => o.shape.kind.value);
    expect(new Set(all.map((s) => s.context.notice?.kind ?? null))).toEqual(new Set([...kinds, null]));
    const reasons = all.flatMap((s) => (s.context.notice?.kind === 'reask' ? [s.context.notice.reason] : []));
    expect(new Set(reasons)).toEqual(new Set(missReasonSchema.options));
    // A cancelled restart can return to every state it can interrupt.
    const waiting = all.filter((s) => stateOf(s) === 'confirmingRestart');
    expect(new Set(waiting.map(resumeStateOf))).toEqual(new Set(['asking', 'reviewing', 'submitted']));
  });

  it('restores each one as it was, as xstate restores its own persisted snapshot (createActor with { snapshot })', () => {
    for (const s of all) {
      const back = restore(stored(s));
      expect(back).not.toBeNull();
      const theirs = createActor(intakeMachine, { snapshot: intakeMachine.getPersistedSnapshot(s), input: { locale: 'en' } }).getSnapshot();
      for (const r of [back!, theirs]) {
        expect({ value: r.value, status: r.status, context: r.context }).toEqual({ value: s.value, status: s.status, context: s.context });
        expect(resumeStateOf(r)).toBe(resumeStateOf(s));
      }
      expect(intakeMachine.getPersistedSnapshot(back!)).toEqual(intakeMachine.getPersistedSnapshot(theirs));
    }
  });

  it('continues each restored one exactly as the one never stored (one per state, notice and restart memory)', () => {
    const kinds = new Map(all.filter((x) => x.status === 'active').map((x) => [JSON.stringify([stateOf(x), x.context.notice, resumeStateOf(x)]), x]));
    for (const s of kinds.values()) {
      const back = restore(stored(s))!;
      for (const type of intakeMachine.events) {
        for (const e of eventsOf(type, s)) expect(persist(step(back, e))).toEqual(persist(step(s, e)));
      }
    }
  });
});

describe('where a cancelled restart returns', () => {
  it('is remembered by the history state, and survives the store', () => {
    let s = startIntake('en');
    for (const v of ['en', 'yes', 'outside_us', 'none', 'no', 'no', 'no', 'no', 'no']) s = step(s, { type: 'answer.given', value: v });
    expect(stateOf(s)).toBe('reviewing');
    s = step(s, { type: 'restart.requested' });
    const saved = stored(s);
    expect(saved).toMatchObject({ machineVersion: MACHINE_VERSION, value: 'confirmingRestart', historyValue: { 'intake.resumable.resume': [{ id: 'intake.resumable.reviewing' }] } });
    expect(saved.context).not.toHaveProperty('resume');
    const back = step(restore(saved)!, { type: 'restart.cancelled' });
    expect(stateOf(back)).toBe('reviewing');
    expect(back.context.notice).toEqual({ kind: 'restartCancelled' });
  });

  it('refuses a history memory that names a state outside the part a restart interrupts', () => {
    const saved = stored(step(startIntake('en'), { type: 'restart.requested' }));
    const bad = (id: string) => ({ ...saved, historyValue: { 'intake.resumable.resume': [{ id }] } });
    expect(restore(bad('intake.resumable.question'))).not.toBeNull();
    expect(restore(bad('intake.declined'))).toBeNull();
    expect(restore(bad('intake.resumable.question.confirming'))).toBeNull();
    expect(restore({ ...saved, historyValue: { 'intake.other': [{ id: 'intake.resumable.reviewing' }] } })).toBeNull();
    expect(restore({ ...saved, context: { ...saved.context, resume: 'reviewing' }, historyValue: undefined })).toBeNull();
  });
});

/**
 * Sessions stored by the version 2 machine (at 7ffad5d), each with what that machine did next on a
 * range of events; a restored one must do the same (its `resume` field is now the history state's).
 */
describe('a session saved by the version 2 machine continues as it would have', () => {
  const outcome = (s: IntakeSnapshot) => ({ value: stateOf(s), context: JSON.parse(JSON.stringify(s.context)) });

  it.each(v2Sessions.map((f) => [f.name, f] as const))('%s', (_name, fixture) => {
    expect(fixture.stored.machineVersion).toBe(2);
    const s = restore(fixture.stored);
    expect(s).not.toBeNull();
    const { resume: _resume, ...context } = fixture.stored.context;
    expect(outcome(s!)).toEqual({ value: fixture.stored.value, context });
    for (const probe of fixture.then) {
      const next = step(s!, probe.event as IntakeEvent);
      expect({ event: probe.event, ...outcome(next) }).toEqual({ event: probe.event, value: probe.value, context: probe.context });
      if ('afterCancel' in probe) expect(outcome(step(next, { type: 'restart.cancelled' }))).toEqual(probe.afterCancel);
    }
  });
});
