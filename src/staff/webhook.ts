/**
 * The webhook (design.md §6): each finished intake is POSTed to the organization's receiver, signed
 * with HMAC-SHA256, from a durable outbox in the same store as the records.
 *
 * - The outbox row is written in the same transaction as the record (`SealedRecordStore`), so a
 *   finished intake always has a pending delivery, whatever happens to the process afterwards. The
 *   row holds no content: the payload is built from the (sealed) record when it is sent.
 * - The outbox loop (`outbox.ts`, shared with the e-mail alerts) claims due rows with a lease and
 *   retries failures with backoff; this file POSTs one row. A 2xx marks it delivered. Anything else
 *   (connection refused, a timeout, 5xx, 4xx, a redirect) counts one failed attempt and the row is
 *   retried with exponential backoff and jitter, without a limit, until the record itself is purged.
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
import type { Translator } from '../i18n';
import type { DeliveryRow, IntakeRecord, RecordStore } from '../storage';
import { toExported } from './export';
import { errorName, OutboxSender, reportOutcomes, type Courier, type KindSenderDeps, type Outcome, type OutboxTiming } from './outbox';
import { summarize } from './summary';

export { backoffMs } from './outbox';

export interface WebhookTarget {
  url: string;
  secret: string;
}

export interface WebhookTiming extends OutboxTiming {
  /** How long one POST may take (default 10 s; the lease, 60 s, is longer). */
  timeoutMs: number;
}

/** Defaults: lease 60 s, poll 5 s, retries from 5 s doubling up to 1 h, 10 rows per round. */
export const DEFAULT_WEBHOOK_TIMING: WebhookTiming = {
  timeoutMs: 10_000,
  leaseMs: 60_000,
  pollMs: 5_000,
  retryBaseMs: 5_000,
  retryMaxMs: 60 * 60_000,
  batch: 10,
};

export interface WebhookDeps extends KindSenderDeps<WebhookTiming> {
  target: WebhookTarget;
  records: RecordStore;
  /** English translator: the payload carries the staff summary in English. */
  en: Translator;
}

export const SIGNATURE_HEADER = 'x-puente-signature';
export const TIMESTAMP_HEADER = 'x-puente-timestamp';

/** `sha256=<hex>` over `${timestamp}.${body}`: what a receiver recomputes to check a delivery. */
export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

export class WebhookSender extends OutboxSender<IntakeRecord> {
  constructor(deps: WebhookDeps) {
    const timing = { ...DEFAULT_WEBHOOK_TIMING, ...deps.timing };
    super(webhookCourier(deps, timing.timeoutMs, deps.now ?? Date.now), { outbox: deps.outbox, timing, now: deps.now, observe: deps.observe, random: deps.random });
  }
}

function webhookCourier(deps: WebhookDeps, timeoutMs: number, now: () => number): Courier<IntakeRecord> {
  const { log } = deps;
  return {
    kind: 'webhook',
    read: (row) => deps.records.get(row.reference),
    send: (row, record, attempt) => {
      const sentAt = new Date(now());
      const body = JSON.stringify({
        event: 'intake.finished',
        deliveryId: row.id,
        attempt,
        sentAt: sentAt.toISOString(),
        urgent: row.urgent,
        record: toExported(record),
        summary: summarize(record, deps.en),
      });
      return post(deps.target, timeoutMs, row, body, sentAt);
    },
    report: {
      sent: (row, attempt) => log.info({ code: 'WEBHOOK_DELIVERED', delivery: row.id, attempt, urgent: row.urgent }, 'intake delivered to the webhook'),
      ...reportOutcomes(log, {
        // A 4xx other than 408/429 will not heal by itself (wrong secret or URL): an error, not a warning.
        permanent: (reason) => /^HTTP_4\d\d$/.test(reason) && reason !== 'HTTP_408' && reason !== 'HTTP_429',
        failed: { code: 'WEBHOOK_FAILED', message: 'webhook delivery failed; will retry' },
        rejected: { code: 'WEBHOOK_REJECTED' },
        gone: { code: 'WEBHOOK_RECORD_GONE', message: 'record deleted before delivery; nothing sent' },
        unavailable: { code: 'WEBHOOK_OUTBOX_UNAVAILABLE', message: 'webhook outbox not reachable; retrying on the next round' },
        releaseFailed: { code: 'WEBHOOK_RELEASE_FAILED', message: 'could not release a delivery; it is sent after the hold' },
      }),
    },
  };
}

async function post(target: WebhookTarget, timeoutMs: number, row: DeliveryRow, body: string, sentAt: Date): Promise<Outcome> {
  const timestamp = String(Math.floor(sentAt.getTime() / 1000));
  try {
    const res = await fetch(target.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Puente-Webhook/1',
        'idempotency-key': row.id,
        'x-puente-event': 'intake.finished',
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: signature(target.secret, timestamp, body),
        'x-puente-urgent': String(row.urgent),
      },
      body,
    });
    // The answer's body is not needed; releasing it frees the connection.
    await res.body?.cancel().catch(() => undefined);
    return res.status >= 200 && res.status < 300 ? { ok: true } : { ok: false, reason: `HTTP_${res.status}` };
  } catch (err) {
    const name = errorName(err);
    return { ok: false, reason: name === 'TimeoutError' || name === 'AbortError' ? 'TIMEOUT' : 'NETWORK' };
  }
}
