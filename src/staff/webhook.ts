/**
 * The webhook (design.md §6): each finished intake is POSTed to the organization's receiver, signed
 * with HMAC-SHA256, from a durable outbox in the same store as the records.
 *
 * - The outbox row is written in the same transaction as the record (`SealedRecordStore`), so a
 *   finished intake always has a pending delivery, whatever happens to the process afterwards. The
 *   row holds no content: the payload is built from the (sealed) record when it is sent.
 * - A sender claims due rows with a lease (several instances on one PostgreSQL never send the same
 *   row at once), POSTs, and marks the row delivered on a 2xx. Anything else (connection refused, a
 *   timeout, 5xx, 4xx, a redirect) counts one failed attempt and the row is retried with exponential
 *   backoff and jitter, without a limit, until the record itself is purged.
 * - Every attempt of a delivery carries the same idempotency key, so a receiver that got a copy but
 *   whose answer was lost (a crash between its 2xx and our bookkeeping) can drop the repeat.
 *
 * Headers of every POST:
 *   Content-Type: application/json
 *   Idempotency-Key: <delivery id>           the same on every attempt of one delivery
 *   X-Puente-Event: intake.finished
 *   X-Puente-Timestamp: <unix seconds>       reject when more than 5 minutes from your clock
 *   X-Puente-Signature: sha256=<hex>         HMAC-SHA256(secret, `${timestamp}.${raw body}`)
 *   X-Puente-Urgent: true | false            page someone when true
 */
import { createHmac } from 'node:crypto';
import type { Logger } from 'pino';
import type { Translator } from '../i18n';
import type { DeliveryRow, OutboxBackend, RecordStore } from '../storage';
import { toExported } from './export';
import { summarize } from './summary';

export interface WebhookTarget {
  url: string;
  secret: string;
}

export interface WebhookTiming {
  /** How long one POST may take (default 10 s). */
  timeoutMs: number;
  /** How long a claimed row is reserved for this sender (default 60 s; longer than a POST). */
  leaseMs: number;
  /** How often due rows are looked for besides the nudge after each intake (default 5 s). */
  pollMs: number;
  /** First retry delay; doubled on each failure (default 5 s) up to `retryMaxMs` (default 1 h). */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Rows claimed per round (default 10). */
  batch: number;
}

export const DEFAULT_WEBHOOK_TIMING: WebhookTiming = {
  timeoutMs: 10_000,
  leaseMs: 60_000,
  pollMs: 5_000,
  retryBaseMs: 5_000,
  retryMaxMs: 60 * 60_000,
  batch: 10,
};

/** Told of each outcome, as codes (metrics). */
export interface DeliveryObserver {
  delivered(info: { urgent: boolean }): void;
  failed(info: { reason: string }): void;
}

export interface WebhookDeps {
  target: WebhookTarget;
  outbox: OutboxBackend;
  records: RecordStore;
  /** English translator: the payload carries the staff summary in English. */
  en: Translator;
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
  now?: () => number;
  timing?: Partial<WebhookTiming>;
  observe?: DeliveryObserver;
  /** Random in [0, 1): the backoff jitter (tests make it fixed). */
  random?: () => number;
}

export const SIGNATURE_HEADER = 'x-puente-signature';
export const TIMESTAMP_HEADER = 'x-puente-timestamp';

/** `sha256=<hex>` over `${timestamp}.${body}`: what a receiver recomputes to check a delivery. */
export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

/** Delay before the attempt after `failures` failed ones: base·2^(failures−1), capped, ±20 % jitter. */
export function backoffMs(failures: number, timing: Pick<WebhookTiming, 'retryBaseMs' | 'retryMaxMs'>, random: () => number = Math.random): number {
  const exp = Math.min(timing.retryMaxMs, timing.retryBaseMs * 2 ** Math.min(Math.max(failures - 1, 0), 30));
  return Math.max(1, Math.round(exp * (0.8 + 0.4 * random())));
}

type Outcome = { ok: true } | { ok: false; reason: string };

export class WebhookSender {
  private readonly timing: WebhookTiming;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  /** Another round was asked for while one was running. */
  private again = false;
  private stopped = false;

  constructor(private readonly deps: WebhookDeps) {
    this.timing = { ...DEFAULT_WEBHOOK_TIMING, ...deps.timing };
    this.now = deps.now ?? Date.now;
  }

  /** Starts polling for due deliveries (and sends any left over from before a restart). */
  start(): void {
    this.stopped = false;
    this.kick();
    this.timer = setInterval(() => this.kick(), this.timing.pollMs);
    this.timer.unref();
  }

  /** The turn that finished this intake saved its session: send now rather than after the hold. */
  submitted(reference: string): void {
    if (this.stopped) return;
    this.deps.outbox.releaseDeliveries(reference, this.now()).then(
      () => this.kick(),
      (err: unknown) => this.deps.log.warn({ code: 'WEBHOOK_RELEASE_FAILED', name: (err as Error)?.name }, 'could not release a delivery; it is sent after the hold'),
    );
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
    do {
      this.again = false;
      try {
        const claimed = await this.deps.outbox.claimDeliveries('webhook', this.now(), this.now() + this.timing.leaseMs, this.timing.batch);
        for (const row of claimed) {
          if (this.stopped) break;
          await this.deliver(row);
        }
        // A full batch: there may be more due right now.
        if (claimed.length === this.timing.batch) this.again = true;
      } catch (err) {
        this.deps.log.warn({ code: 'WEBHOOK_OUTBOX_UNAVAILABLE', name: (err as Error)?.name }, 'webhook outbox not reachable; retrying on the next round');
        return;
      }
    } while (this.again && !this.stopped);
  }

  private async deliver(row: DeliveryRow): Promise<void> {
    const attempt = row.attempts + 1;
    let outcome: Outcome;
    const record = await this.deps.records.get(row.reference).catch(() => undefined);
    if (record === null) {
      // Deleted between the claim and now (by staff or by the person): nothing left to send.
      this.deps.log.info({ code: 'WEBHOOK_RECORD_GONE', delivery: row.id }, 'record deleted before delivery; nothing sent');
      return;
    }
    if (record === undefined) {
      outcome = { ok: false, reason: 'RECORD_READ_FAILED' };
    } else {
      const sentAt = new Date(this.now());
      const body = JSON.stringify({
        event: 'intake.finished',
        deliveryId: row.id,
        attempt,
        sentAt: sentAt.toISOString(),
        urgent: row.urgent,
        record: toExported(record),
        summary: summarize(record, this.deps.en),
      });
      outcome = await this.post(row, body, sentAt);
    }
    if (outcome.ok) {
      await this.deps.outbox.deliverySucceeded(row.id, this.now());
      this.deps.observe?.delivered({ urgent: row.urgent });
      this.deps.log.info({ code: 'WEBHOOK_DELIVERED', delivery: row.id, attempt, urgent: row.urgent }, 'intake delivered to the webhook');
      return;
    }
    const delay = backoffMs(attempt, this.timing, this.deps.random);
    await this.deps.outbox.deliveryFailed(row.id, this.now() + delay, outcome.reason);
    this.deps.observe?.failed({ reason: outcome.reason });
    // A 4xx other than 408/429 will not heal by itself (wrong secret or URL): an error, not a warning.
    const permanent = /^HTTP_4\d\d$/.test(outcome.reason) && outcome.reason !== 'HTTP_408' && outcome.reason !== 'HTTP_429';
    this.deps.log[permanent ? 'error' : 'warn'](
      { code: permanent ? 'WEBHOOK_REJECTED' : 'WEBHOOK_FAILED', reason: outcome.reason, delivery: row.id, attempt, retryInSeconds: Math.round(delay / 1000) },
      'webhook delivery failed; will retry',
    );
  }

  private async post(row: DeliveryRow, body: string, sentAt: Date): Promise<Outcome> {
    const timestamp = String(Math.floor(sentAt.getTime() / 1000));
    try {
      const res = await fetch(this.deps.target.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timing.timeoutMs),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Puente-Webhook/1',
          'idempotency-key': row.id,
          'x-puente-event': 'intake.finished',
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: signature(this.deps.target.secret, timestamp, body),
          'x-puente-urgent': String(row.urgent),
        },
        body,
      });
      // The answer's body is not needed; releasing it frees the connection.
      await res.body?.cancel().catch(() => undefined);
      return res.status >= 200 && res.status < 300 ? { ok: true } : { ok: false, reason: `HTTP_${res.status}` };
    } catch (err) {
      const name = (err as Error)?.name;
      return { ok: false, reason: name === 'TimeoutError' || name === 'AbortError' ? 'TIMEOUT' : 'NETWORK' };
    }
  }
}
