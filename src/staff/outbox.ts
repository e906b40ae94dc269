/**
 * The sending loop of the durable outbox (design.md §6), shared by every kind of delivery: the
 * webhook (`webhook.ts`) and the urgent e-mail alerts (`alerts.ts`).
 *
 * - A round claims due rows of one kind with a lease (several instances on one PostgreSQL never send
 *   the same row at once), hands each to the kind's {@link Courier}, and marks it delivered when the
 *   attempt succeeds. A failure counts one attempt and the row is retried with exponential backoff
 *   and jitter, without a limit, until the record itself is purged.
 * - A record deleted between the claim and the attempt (by staff or by the person) is not sent at
 *   all: its rows went with it.
 * - Rounds run on a timer, after each intake's handoff, and at start-up (rows left over from before a
 *   restart). Only one round runs at a time per sender; a kick during a round asks for another.
 *
 * What is sent belongs to the courier, and so do the log codes (src/errors.ts) of each outcome: a
 * kind's success line is its own, the other outcomes are logged alike by `reportOutcomes`. Nothing
 * here reads or logs content.
 */
import type { Logger } from 'pino';
import type { LogCode } from '../errors';
import type { DeliveryKind, DeliveryRow, OutboxBackend } from '../storage';

export interface OutboxTiming {
  /** How long a claimed row is reserved for this sender (longer than one attempt). */
  leaseMs: number;
  /** How often due rows are looked for besides the nudge after each intake. */
  pollMs: number;
  /** First retry delay; doubled on each failure up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Rows claimed per round. */
  batch: number;
}

/** Told of each outcome, as codes (metrics). */
export interface DeliveryObserver {
  delivered(info: { urgent: boolean }): void;
  failed(info: { reason: string }): void;
}

/** One attempt's result; `reason` is a code (`HTTP_503`, `SMTP_550`, `NETWORK`…), never a message. */
export type Outcome = { ok: true } | { ok: false; reason: string };

/** One kind of delivery, as the loop drives it. */
export interface Courier<T> {
  readonly kind: DeliveryKind;
  /** What an attempt needs from the record; `null` when the record was deleted. Throws when the store does not answer. */
  read(row: DeliveryRow): Promise<T | null>;
  /** One attempt; reports failures as outcomes, never throws. */
  send(row: DeliveryRow, content: T, attempt: number): Promise<Outcome>;
  /** The logging of each outcome, with the kind's own codes and never content. */
  report: {
    sent(row: DeliveryRow, attempt: number): void;
    failed(row: DeliveryRow, attempt: number, reason: string, retryInMs: number): void;
    gone(row: DeliveryRow): void;
    unavailable(err: unknown): void;
    releaseFailed(err: unknown): void;
  };
}

export interface OutboxSenderDeps {
  outbox: OutboxBackend;
  timing: OutboxTiming;
  now?: () => number;
  observe?: DeliveryObserver;
  /** Random in [0, 1): the backoff jitter (tests make it fixed). */
  random?: () => number;
}

/** What every kind's sender takes besides its own: the outbox, a log, its timing (defaults filled in), the loop's clock, observer and jitter. */
export interface KindSenderDeps<Timing> extends Omit<OutboxSenderDeps, 'timing'> {
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
  timing?: Partial<Timing>;
}

/** Delay before the attempt after `failures` failed ones: base·2^(failures−1), capped, ±20 % jitter. */
export function backoffMs(failures: number, timing: Pick<OutboxTiming, 'retryBaseMs' | 'retryMaxMs'>, random: () => number = Math.random): number {
  const exp = Math.min(timing.retryMaxMs, timing.retryBaseMs * 2 ** Math.min(Math.max(failures - 1, 0), 30));
  return Math.max(1, Math.round(exp * (0.8 + 0.4 * random())));
}

/** The error's class name for a log line (its message may quote content or addresses). */
export const errorName = (err: unknown): string | undefined => (err as Error | undefined)?.name;

/** A line of a courier's report: its stable code (src/errors.ts) and message. */
interface ReportLine {
  code: LogCode;
  message: string;
}

/** What a kind says of each outcome but a success (which each kind logs with its own fields). */
export interface OutcomeLines {
  /** Whether a failure's reason will not heal by itself: logged as an error under `rejected`, not a warning. */
  permanent(reason: string): boolean;
  /** A failed attempt, retried with backoff (a warning). */
  failed: ReportLine;
  /** A failed attempt that will not heal by itself (an error, with the message of `failed`). */
  rejected: { code: LogCode };
  gone: ReportLine;
  unavailable: ReportLine;
  releaseFailed: ReportLine;
}

/**
 * The report of every outcome but `sent`, the same for every kind but its codes and messages: the
 * delivery id, the attempt, the reason code and retry delay, or an error's class name; never content.
 */
export function reportOutcomes(log: Pick<Logger, 'info' | 'warn' | 'error'>, lines: OutcomeLines): Omit<Courier<unknown>['report'], 'sent'> {
  return {
    failed: (row, attempt, reason, retryInMs) => {
      const permanent = lines.permanent(reason);
      log[permanent ? 'error' : 'warn'](
        { code: permanent ? lines.rejected.code : lines.failed.code, reason, delivery: row.id, attempt, retryInSeconds: Math.round(retryInMs / 1000) },
        lines.failed.message,
      );
    },
    gone: (row) => log.info({ code: lines.gone.code, delivery: row.id }, lines.gone.message),
    unavailable: (err) => log.warn({ code: lines.unavailable.code, name: errorName(err) }, lines.unavailable.message),
    releaseFailed: (err) => log.warn({ code: lines.releaseFailed.code, name: errorName(err) }, lines.releaseFailed.message),
  };
}

/**
 * The loop over one kind's rows; each kind's sender extends it with its courier, so every sender has
 * the same start/stop/kick/submitted/idle.
 */
export class OutboxSender<T> {
  private readonly now: () => number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  /** Another round was asked for while one was running. */
  private again = false;
  private stopped = false;

  constructor(
    private readonly courier: Courier<T>,
    private readonly deps: OutboxSenderDeps,
  ) {
    this.now = deps.now ?? Date.now;
  }

  /** Starts polling for due rows (and sends any left over from before a restart). */
  start(): void {
    this.stopped = false;
    this.kick();
    this.timer = setInterval(() => this.kick(), this.deps.timing.pollMs);
    this.timer.unref();
  }

  /**
   * The turn that finished this intake saved its session: its rows (of every kind) are made due now
   * rather than after the hold, and this sender looks at once. Resolves once that is done; a failed
   * release is logged, and the rows then go after their hold.
   */
  async submitted(reference: string): Promise<void> {
    if (this.stopped) return;
    try {
      await this.deps.outbox.releaseDeliveries(reference, this.now());
    } catch (err) {
      this.courier.report.releaseFailed(err);
      return;
    }
    this.kick();
  }

  /** Runs a round now, or right after the one in progress. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.rounds().finally(() => (this.running = null));
  }

  /** Stops polling and waits for the round in progress (claimed rows not sent return after their lease). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Resolves when no round is running (tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async rounds(): Promise<void> {
    const { timing, outbox } = this.deps;
    do {
      this.again = false;
      try {
        const claimed = await outbox.claimDeliveries(this.courier.kind, this.now(), this.now() + timing.leaseMs, timing.batch);
        for (const [i, row] of claimed.entries()) {
          if (this.stopped) {
            // Stopping (a restart, a deploy): the rows of this batch not attempted are handed back, so
            // the next sender sends them at once instead of after their lease.
            await Promise.all(claimed.slice(i).map((r) => outbox.returnDelivery(r.id)));
            break;
          }
          await this.deliver(row);
        }
        // A full batch: there may be more due right now.
        if (claimed.length === timing.batch) this.again = true;
      } catch (err) {
        this.courier.report.unavailable(err);
        return;
      }
    } while (this.again && !this.stopped);
  }

  private async deliver(row: DeliveryRow): Promise<void> {
    const attempt = row.attempts + 1;
    let outcome: Outcome;
    const content = await this.courier.read(row).catch(() => undefined);
    if (content === null) {
      // Deleted between the claim and now: nothing left to send (its rows went with it).
      this.courier.report.gone(row);
      return;
    }
    if (content === undefined) outcome = { ok: false, reason: 'RECORD_READ_FAILED' };
    else outcome = await this.courier.send(row, content, attempt);
    if (outcome.ok) {
      await this.deps.outbox.deliverySucceeded(row.id, this.now());
      this.deps.observe?.delivered({ urgent: row.urgent });
      this.courier.report.sent(row, attempt);
      return;
    }
    const delay = backoffMs(attempt, this.deps.timing, this.deps.random);
    await this.deps.outbox.deliveryFailed(row.id, this.now() + delay, outcome.reason);
    this.deps.observe?.failed({ reason: outcome.reason });
    this.courier.report.failed(row, attempt, outcome.reason, delay);
  }
}

/**
 * The turn's handoff to every sender over one outbox: one release makes the record's rows of every
 * kind due (the first sender does it, and logs a failure with its code), then the others look too.
 */
export function handoff(senders: readonly OutboxSender<unknown>[]): { submitted(reference: string): void } | undefined {
  const [first, ...rest] = senders;
  if (!first) return undefined;
  return {
    submitted: (reference) => {
      void first.submitted(reference).then(() => {
        for (const s of rest) s.kick();
      });
    },
  };
}
