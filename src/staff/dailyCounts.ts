/**
 * Daily aggregates for the staff dashboard (issue 10): the turn's milestones and the purge's expired
 * intakes become counts per UTC day, metric and key in the store, so the numbers survive restarts and
 * are the same from every instance on one PostgreSQL. Keys are codes and ids from the spec (language,
 * question id, finding code); nothing here identifies a person or holds an answer.
 *
 * Writing is best-effort and off the person's reply path: an observer call only starts the write; a
 * failure is logged with a code (and so counted in /metrics) and never reaches the turn.
 */
import type { QuestionId } from '../../dialogs/intake';
import type { IntakeStep, TurnObserver } from '../conversation';
import type { CountIncrement, CountsBackend } from '../storage';

/**
 * The metrics kept per day, and what their key is:
 * `started`, `finished`, `urgent` (finished and urgent): language · `finding`: finding code ·
 * `reached`: a step an ended intake got to · `exited`, `deleted`, `declined`, `abandoned`: the step
 * where an unsent intake stopped (`abandoned`: it expired unfinished, counted on its last day).
 */
export const COUNT_METRICS = ['started', 'finished', 'urgent', 'finding', 'reached', 'exited', 'deleted', 'declined', 'abandoned'] as const;
export type CountMetric = (typeof COUNT_METRICS)[number];

/** How an unsent intake stopped, as a metric. */
export const STOP_METRICS = ['exited', 'deleted', 'declined', 'abandoned'] as const satisfies readonly CountMetric[];
export type StopMetric = (typeof STOP_METRICS)[number];

/** The UTC day of a moment, `YYYY-MM-DD`. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

export interface DailyCounterDeps {
  store: CountsBackend;
  now: () => Date;
  log: { warn(obj: Record<string, unknown>, msg: string): void };
}

/** An intake that expired unfinished, as the purge reports it. */
export interface AbandonedIntake {
  question: IntakeStep;
  answered: readonly QuestionId[];
  lastActive: Date;
}

const one = (metric: CountMetric, key: string): CountIncrement => ({ metric, key, n: 1 });

/** The steps an ended intake reached: the questions answered on its path, and the step it ended at. */
function reached(answered: readonly QuestionId[], last: IntakeStep): CountIncrement[] {
  const steps = new Set<IntakeStep>(answered);
  steps.add(last);
  return [...steps].map((step) => one('reached', step));
}

export class DailyCounter {
  /** Tells the counter a turn's milestones (compose it with the metrics with `observeAll`). */
  readonly observer: TurnObserver;
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly deps: DailyCounterDeps) {
    this.observer = {
      intakeStarted: ({ locale }) => this.add(deps.now(), [one('started', locale)]),
      intakeFinished: ({ locale, urgent, findings, answered }) =>
        this.add(deps.now(), [
          one('finished', locale),
          ...(urgent ? [one('urgent', locale)] : []),
          ...[...new Set(findings)].map((code) => one('finding', code)),
          ...reached(answered, 'review'),
        ]),
      intakeEnded: ({ how, question, answered }) => {
        // No step: the intake had been sent already (a `delete` afterwards), and was counted then.
        if (question !== undefined) this.add(deps.now(), [one(how, question), ...reached(answered, question)]);
      },
    };
  }

  /** An unfinished intake expired: counted on the day of its last message, where it stopped. */
  abandoned(intake: AbandonedIntake): void {
    this.add(intake.lastActive, [one('abandoned', intake.question), ...reached(intake.answered, intake.question)]);
  }

  /** Resolves once every write started so far has finished (written, or failed and logged). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private add(at: Date, increments: CountIncrement[]): void {
    const write = this.deps.store
      .addDailyCounts(utcDay(at), increments)
      .catch((err: unknown) => {
        this.deps.log.warn({ code: 'DAILY_COUNTS_FAILED', name: (err as Error)?.name }, 'daily counts not written');
      })
      .finally(() => this.pending.delete(write));
    this.pending.add(write);
  }
}
