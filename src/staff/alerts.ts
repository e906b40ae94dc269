/**
 * Urgent alerts by e-mail (issue 21): each urgent intake sends one e-mail to ALERT_EMAILS through
 * SMTP_URL, from the same durable outbox as the webhook (`outbox.ts`), so it is retried and never
 * lost across a restart.
 *
 * E-mail crosses servers staff do not control and sits in mailboxes for years, so an alert carries
 * the reference and a link to the inbox (PUBLIC_URL/staff/intakes/<reference>) and nothing else: no
 * answers, no finding codes, no contact details. The sender reads the record only to know that it
 * still exists (a record deleted before its alert went out is not announced).
 *
 * - smtp:// upgrades with STARTTLS when the server offers it; smtps:// is TLS from the start.
 * - Every attempt of one alert carries the same Message-ID, derived from the delivery id, so a repeat
 *   after a lost acknowledgement (the server accepted, then the connection or Puente died) can be
 *   recognized by the mail system or by staff.
 * - Logs carry the delivery id and a reason code, never addresses, the SMTP server's text or the
 *   message.
 */
import { createTransport, type Transporter } from 'nodemailer';
import type { AlertConfig } from '../config';
import type { Translator } from '../i18n';
import type { RecordStore } from '../storage';
import { errorName, OutboxSender, reportOutcomes, type Courier, type KindSenderDeps, type OutboxTiming } from './outbox';

export interface AlertTiming extends OutboxTiming {
  /** How long one e-mail may take, connecting included (default 30 s; the lease, 60 s, is longer). */
  timeoutMs: number;
}

/**
 * Defaults: lease 60 s, poll 5 s, 10 rows per round, retries from 5 s doubling up to 15 minutes (an
 * urgent alert is not left an hour between tries once the mail server is back).
 */
export const DEFAULT_ALERT_TIMING: AlertTiming = {
  timeoutMs: 30_000,
  leaseMs: 60_000,
  pollMs: 5_000,
  retryBaseMs: 5_000,
  retryMaxMs: 15 * 60_000,
  batch: 10,
};

export interface AlertDeps extends KindSenderDeps<AlertTiming> {
  config: AlertConfig;
  /** Asked only whether the record still exists. */
  records: Pick<RecordStore, 'get'>;
  /** English translator: staff read the alert in English. */
  en: Translator;
}

/** Where an alert links: the intake in the staff inbox. */
export function alertLink(publicUrl: string, reference: string): string {
  return `${publicUrl}/staff/intakes/${encodeURIComponent(reference)}`;
}

/** The same on every attempt of one alert: `<alert.<delivery id>@<PUBLIC_URL host>>`. */
export function alertMessageId(deliveryId: string, publicUrl: string): string {
  return `<alert.${deliveryId}@${new URL(publicUrl).hostname}>`;
}

export class AlertSender extends OutboxSender<true> {
  constructor(deps: AlertDeps) {
    const timing = { ...DEFAULT_ALERT_TIMING, ...deps.timing };
    const transport = createTransport({
      url: deps.config.smtpUrl,
      connectionTimeout: timing.timeoutMs,
      greetingTimeout: timing.timeoutMs,
      socketTimeout: timing.timeoutMs,
    });
    super(alertCourier(deps, transport, timing.timeoutMs, deps.now ?? Date.now), { outbox: deps.outbox, timing, now: deps.now, observe: deps.observe, random: deps.random });
  }
}

function alertCourier(deps: AlertDeps, transport: Transporter, timeoutMs: number, now: () => number): Courier<true> {
  const { config, en, log } = deps;
  return {
    kind: 'alert',
    read: async (row) => ((await deps.records.get(row.reference)) === null ? null : true),
    send: async (row) => {
      const reference = row.reference;
      try {
        const info = await transport.sendMail({
          from: config.from,
          to: config.to,
          subject: en.t('staff:alert.subject', { reference }),
          text: en.t('staff:alert.text', { reference, link: alertLink(config.publicUrl, reference) }),
          messageId: alertMessageId(row.id, config.publicUrl),
          date: new Date(now()),
          priority: 'high',
          // RFC 3834: out-of-office replies and the like stay silent.
          headers: { 'Auto-Submitted': 'auto-generated' },
          signal: AbortSignal.timeout(timeoutMs),
        });
        const rejected = (info as { rejected?: unknown[] }).rejected?.length ?? 0;
        if (rejected > 0) log.warn({ code: 'ALERT_RECIPIENTS_REJECTED', delivery: row.id, rejected }, 'the SMTP server refused some ALERT_EMAILS addresses; the others got the alert');
        return { ok: true };
      } catch (err) {
        return { ok: false, reason: smtpReason(err) };
      }
    },
    report: {
      sent: (row, attempt) => log.info({ code: 'ALERT_SENT', delivery: row.id, attempt }, 'urgent alert accepted by the SMTP server'),
      ...reportOutcomes(log, {
        // A 5xx reply will not heal by itself (a refused sender or recipients, failed authentication).
        permanent: (reason) => /^SMTP_5\d\d$/.test(reason),
        failed: { code: 'ALERT_FAILED', message: 'urgent alert not sent; will retry' },
        rejected: { code: 'ALERT_REJECTED' },
        gone: { code: 'ALERT_RECORD_GONE', message: 'record deleted before its alert; nothing sent' },
        unavailable: { code: 'ALERT_OUTBOX_UNAVAILABLE', message: 'alert outbox not reachable; retrying on the next round' },
        releaseFailed: { code: 'ALERT_RELEASE_FAILED', message: 'could not release an alert; it is sent after the hold' },
      }),
    },
  };
}

/** A failed send as a code: the SMTP reply code when the server answered, otherwise what went wrong. */
function smtpReason(err: unknown): string {
  const { code, responseCode } = (err ?? {}) as { code?: unknown; responseCode?: unknown };
  if (typeof responseCode === 'number' && responseCode >= 400 && responseCode < 600) return `SMTP_${responseCode}`;
  switch (code) {
    case 'ETIMEDOUT':
    case 'EABORT':
      return 'TIMEOUT';
    case 'ECONNECTION':
    case 'ESOCKET':
    case 'EDNS':
      return 'NETWORK';
    case 'ETLS':
      return 'TLS';
    case 'EAUTH':
    case 'ENOAUTH':
      return 'AUTH';
    default:
      return errorName(err) === 'TimeoutError' || errorName(err) === 'AbortError' ? 'TIMEOUT' : 'SMTP_ERROR';
  }
}
