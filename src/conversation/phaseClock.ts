/**
 * Splits a turn's time into its phases (design.md §2) for a TurnObserver. `lap(phase)` adds the time
 * since the previous lap to that phase; `report()` then tells the observer once per phase that ran,
 * so a phase entered twice in a turn (two store writes) is still one figure. Time between laps that
 * no phase claims (logging, bookkeeping) is not reported. Without an observer of phases the clock is
 * a shared no-op, and a turn reads no timer.
 */
import type { TurnObserver, TurnPhase } from './observer';

export interface PhaseClock {
  lap(phase: TurnPhase): void;
  report(): void;
}

const ORDER: readonly TurnPhase[] = ['load', 'understand', 'transition', 'evaluate', 'render', 'save'];
const INDEX: Readonly<Record<TurnPhase, number>> = { load: 0, understand: 1, transition: 2, evaluate: 3, render: 4, save: 5 };

const SILENT: PhaseClock = { lap: () => undefined, report: () => undefined };

export function phaseClock(observer: TurnObserver | undefined): PhaseClock {
  if (!observer?.phase) return SILENT;
  const sums = new Float64Array(ORDER.length);
  const ran = new Uint8Array(ORDER.length);
  let last = performance.now();
  return {
    lap(phase) {
      const now = performance.now();
      const i = INDEX[phase];
      sums[i]! += now - last;
      ran[i] = 1;
      last = now;
    },
    report() {
      for (let i = 0; i < ORDER.length; i++) if (ran[i]) observer.phase!(ORDER[i]!, sums[i]!);
    },
  };
}
