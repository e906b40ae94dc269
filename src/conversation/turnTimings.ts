/**
 * Running totals of turn timings, for the benchmark's per-turn cost breakdown (`npm run bench --
 * --breakdown`). Only built when BENCH_TIMINGS is on: a production process never measures.
 * Sums and counts only, so two snapshots taken around a measured window subtract exactly.
 */
import type { TurnObserver, TurnPhase } from './observer';

export interface TimingTotals {
  /** Turns completed by handleTurn, and their summed duration (ms). */
  turns: number;
  turnMs: number;
  /** Bot Framework requests timed at the HTTP route (CloudAdapter and the bot layer included), and their sum (ms). */
  requests: number;
  requestMs: number;
  phases: Record<TurnPhase, { count: number; ms: number }>;
}

export class TurnTimings implements TurnObserver {
  private readonly totals: TimingTotals = {
    turns: 0,
    turnMs: 0,
    requests: 0,
    requestMs: 0,
    phases: {
      load: { count: 0, ms: 0 },
      understand: { count: 0, ms: 0 },
      transition: { count: 0, ms: 0 },
      evaluate: { count: 0, ms: 0 },
      render: { count: 0, ms: 0 },
      save: { count: 0, ms: 0 },
    },
  };

  phase(phase: TurnPhase, ms: number): void {
    const p = this.totals.phases[phase];
    p.count++;
    p.ms += ms;
  }

  turn(info: { ms: number }): void {
    this.totals.turns++;
    this.totals.turnMs += info.ms;
  }

  /** One request through the Bot Framework route, from after its shape check to the end of the adapter's work. */
  request(ms: number): void {
    this.totals.requests++;
    this.totals.requestMs += ms;
  }

  /** A copy of the totals so far. */
  snapshot(): TimingTotals {
    return structuredClone(this.totals);
  }
}
