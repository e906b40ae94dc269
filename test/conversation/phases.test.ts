/**
 * What a turn tells an observer about its parts (load, understand, transition, evaluate, render,
 * save): which parts ran, each at most once per turn, and nothing but phase names and durations.
 */
import path from 'node:path';
import { loadOrgProfile } from '../../src/config';
import { handleTurn, TurnTimings, type TurnDeps, type TurnObserver, type TurnPhase } from '../../src/conversation';
import { createTexts } from '../../src/i18n';
import { memoryStores } from '../support/memoryStores';

const texts = createTexts();
const profile = loadOrgProfile(path.resolve(__dirname, '../../config/organization.example.json'));
const silent = { info: () => undefined, warn: () => undefined };

/**
 * A turn observer over a clock that moves 1 ms each time it is read: a phase's figure is then the
 * number of laps it claimed (1, or 2 for a phase entered twice), and the turn's the number of reads.
 */
function observed(): { deps: TurnDeps; turns: TurnPhase[][]; ms: Partial<Record<TurnPhase, number>>[]; turnMs: number[] } {
  let clock = 0;
  jest.spyOn(performance, 'now').mockImplementation(() => ++clock);
  const turns: TurnPhase[][] = [];
  const ms: Partial<Record<TurnPhase, number>>[] = [];
  const turnMs: number[] = [];
  let current: TurnPhase[] = [];
  let currentMs: Partial<Record<TurnPhase, number>> = {};
  const observe: TurnObserver = {
    phase: (phase, took) => {
      current.push(phase);
      currentMs[phase] = took;
    },
    turn: (t) => {
      turns.push(current);
      ms.push(currentMs);
      turnMs.push(t.ms);
      current = [];
      currentMs = {};
    },
  };
  const { sessions, records } = memoryStores();
  return { deps: { sessions, records, texts, profile, log: silent, now: () => new Date('2026-11-23T12:00:00Z'), observe }, turns, ms, turnMs };
}

afterEach(() => jest.restoreAllMocks());

const INTAKE = ['English', 'yes', 'in the US', 'no', 'no', 'no', 'no', 'no', 'no', 'married', 'US citizen', 'no', 'no', 'with a tourist visa', 'expired', 'since 2019', 'no', 'no', 'no', 'no', 'no', 'confirm'];

describe('turn phases', () => {
  it('reports the parts of a greeting turn and of an answer, each once', async () => {
    const { deps, turns, ms, turnMs } = observed();
    await handleTurn({ conversationId: 'c1', kind: 'start' }, deps);
    await handleTurn({ conversationId: 'c1', kind: 'message', text: 'English' }, deps);
    expect(turns[0]).toEqual(['load', 'transition', 'render', 'save']);
    expect(turns[1]).toEqual(['load', 'understand', 'transition', 'render', 'save']);
    // One lap a phase, but the greeting's render, which is claimed twice (both in one figure).
    expect(ms).toEqual([
      { load: 1, transition: 1, render: 2, save: 1 },
      { load: 1, understand: 1, transition: 1, render: 1, save: 1 },
    ]);
    // A turn's figure: its phases, and the read before the phase clock starts.
    expect(turnMs).toEqual([5 + 2, 5 + 2]);
  });

  it('reports evaluate only on the turn that submits the intake, with its two store writes as one save', async () => {
    const { deps, turns, ms, turnMs } = observed();
    await handleTurn({ conversationId: 'c2', kind: 'start' }, deps);
    for (const text of INTAKE) await handleTurn({ conversationId: 'c2', kind: 'message', text }, deps);
    const submitted = turns.at(-1)!;
    expect(submitted).toEqual(['load', 'understand', 'transition', 'evaluate', 'render', 'save']);
    expect(turns.slice(0, -1).every((t) => !t.includes('evaluate'))).toBe(true);
    for (const t of turns) expect(new Set(t).size).toBe(t.length);
    expect(ms.at(-1)).toEqual({ load: 1, understand: 1, transition: 1, evaluate: 1, render: 1, save: 2 });
    expect(turnMs.at(-1)).toBe(7 + 2);
  });

  it('reports the store write of a quick exit', async () => {
    const { deps, turns } = observed();
    await handleTurn({ conversationId: 'c3', kind: 'start' }, deps);
    await handleTurn({ conversationId: 'c3', kind: 'message', text: 'exit' }, deps);
    expect(turns[1]).toEqual(expect.arrayContaining(['load', 'understand', 'transition', 'save']));
  });

  it('adds up turns, phases and requests in TurnTimings, so two snapshots subtract', async () => {
    const timings = new TurnTimings();
    const { sessions, records } = memoryStores();
    const deps: TurnDeps = { sessions, records, texts, profile, log: silent, now: () => new Date(), observe: timings };
    await handleTurn({ conversationId: 'c4', kind: 'start' }, deps);
    const before = timings.snapshot();
    await handleTurn({ conversationId: 'c4', kind: 'message', text: 'español' }, deps);
    timings.request(2.5);
    const after = timings.snapshot();
    expect(before.turns).toBe(1);
    expect(after.turns - before.turns).toBe(1);
    expect(after.requests).toBe(1);
    expect(after.requestMs).toBe(2.5);
    expect(after.phases.understand.count - before.phases.understand.count).toBe(1);
    expect(after.phases.evaluate.count).toBe(0);
    const phaseMs = Object.values(after.phases).reduce((n, p) => n + p.ms, 0);
    expect(phaseMs).toBeLessThanOrEqual(after.turnMs + 1e-6);
  });

  it('measures nothing without an observer of phases', async () => {
    const { sessions, records } = memoryStores();
    const out = await handleTurn({ conversationId: 'c5', kind: 'start' }, { sessions, records, texts, profile, log: silent, now: () => new Date() });
    expect(out.replies.at(-1)!.channelData?.question).toBe('language');
  });
});
