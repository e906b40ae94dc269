/**
 * Prometheus metrics (`GET /metrics`, design.md §4). Every label value is a code or an id from the
 * spec (question ids, finding codes, log codes, languages), never text or an answer of a person.
 * One registry per running app, so several apps in one process (tests) do not mix their counts.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Logger } from 'pino';
import type { IntakeStep, TurnObserver } from '../conversation';
import type { DeliveryKind, OutboxStats, StoreTimer } from '../storage';
import type { DeliveryObserver } from '../staff/outbox';

/**
 * Findings that say something about a person beyond their case's shape: a criminal record, abuse or
 * violence, fear of persecution, a past deportation, detention, entry without inspection. A scrape
 * (or a dashboard built on it) next to a finish time points at one person, so these are counted
 * together under one label, SENSITIVE; staff see them per intake through the staff API only.
 */
export const SENSITIVE_FINDINGS: ReadonlySet<string> = new Set([
  'DETAINED',
  'DETENTION_SAFETY',
  'REMOVAL_ORDER',
  'PRIOR_REMOVAL',
  'ABUSE_SAFETY',
  'ABUSE_SAFETY_OUTSIDE',
  'SAFETY_RESOURCES',
  'SAFETY_RESOURCES_OUTSIDE',
  'OUTSIDE_US_SAFETY',
  'CRIMINAL_HISTORY',
  'VAWA_POSSIBLE',
  'U_VISA_POSSIBLE',
  'ASYLUM_DEADLINE',
  'ASYLUM_LATE',
  'ASYLUM_INFO',
  'MARRIAGE_USC_EWI',
  'EXPEDITED_REMOVAL_RISK',
]);

/** The `code` label of a finding in /metrics. */
export function findingLabel(code: string): string {
  return SENSITIVE_FINDINGS.has(code) ? 'SENSITIVE' : code;
}

/** A log code: upper-case letters, digits and underscores (anything else is counted as OTHER). */
const CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

export interface Metrics {
  readonly registry: Registry;
  readonly turns: TurnObserver;
  readonly deliveries: DeliveryObserver;
  /** The urgent e-mail alerts, as `deliveries` for the webhook. */
  readonly alerts: DeliveryObserver;
  /** Counts one logged warning or error by its code. */
  countCode(level: 'warn' | 'error' | 'fatal', code: unknown): void;
  /** Counts an intake that expired unfinished (found by the retention purge), by the step it stopped at. */
  countAbandoned(question: IntakeStep): void;
  /** Times store calls (`puente_store_duration_seconds{op,outcome}`). */
  readonly store: StoreTimer;
  /** Adds the outbox gauges of one kind, read from `stats` at each scrape (only when that kind is configured). */
  watchOutbox(kind: DeliveryKind, stats: () => Promise<OutboxStats>): void;
  /** Text for `GET /metrics`. */
  render(): Promise<string>;
  readonly contentType: string;
}

/** The names and help of each outbox kind's gauges. */
const OUTBOX_GAUGES: Record<DeliveryKind, Record<'pending' | 'oldest', { name: string; help: string }>> = {
  webhook: {
    pending: { name: 'puente_webhook_pending', help: 'Finished intakes not yet accepted by the webhook receiver' },
    oldest: { name: 'puente_webhook_oldest_pending_seconds', help: 'Age of the oldest intake still waiting for webhook delivery (0 when none)' },
  },
  alert: {
    pending: { name: 'puente_alerts_pending', help: 'Urgent intakes whose e-mail alert the SMTP server has not accepted yet' },
    oldest: { name: 'puente_alerts_oldest_pending_seconds', help: 'Age of the oldest urgent intake still waiting for its e-mail alert (0 when none)' },
  },
};

export interface MetricsDeps {
  now?: () => number;
}

export function createMetrics(deps: MetricsDeps = {}): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'puente_' });
  const now = deps.now ?? Date.now;

  const turnsTotal = new Counter({ name: 'puente_turns_total', help: 'Conversation turns answered', registers: [registry] });
  const turnSeconds = new Histogram({
    name: 'puente_turn_duration_seconds',
    help: 'Time to answer one turn (load, understand, step, render, save)',
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const errors = new Counter({ name: 'puente_errors_total', help: 'Logged warnings and errors, by code', labelNames: ['code', 'level'], registers: [registry] });
  const started = new Counter({ name: 'puente_intakes_started_total', help: 'Intakes started (greeting sent)', labelNames: ['language'], registers: [registry] });
  const finished = new Counter({ name: 'puente_intakes_finished_total', help: 'Intakes sent to staff', labelNames: ['language', 'urgent'], registers: [registry] });
  const ended = new Counter({
    name: 'puente_intakes_ended_total',
    help: 'Intakes ended without being sent (exit, delete, declined), by the question they were waiting on',
    labelNames: ['how', 'question'],
    registers: [registry],
  });
  const abandoned = new Counter({
    name: 'puente_intakes_abandoned_total',
    help: 'Unfinished intakes that expired (SESSION_TTL_DAYS after their last message), by the question they stopped at; counted by the instance that purged them',
    labelNames: ['question'],
    registers: [registry],
  });
  const storeSeconds = new Histogram({
    name: 'puente_store_duration_seconds',
    help: 'Time of one store call, by operation and outcome',
    labelNames: ['op', 'outcome'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  // Two store calls a turn: each (op, outcome) pair's child is looked up once, not its labels hashed per call.
  const storeChildren = new Map<string, ReturnType<typeof storeSeconds.labels>>();
  const storeChild = (op: string, outcome: string) => {
    const key = `${op} ${outcome}`;
    let child = storeChildren.get(key);
    if (!child) storeChildren.set(key, (child = storeSeconds.labels({ op, outcome })));
    return child;
  };
  const findings = new Counter({ name: 'puente_findings_total', help: 'Findings in sent intakes, by code', labelNames: ['code'], registers: [registry] });
  const delivered = new Counter({ name: 'puente_webhook_deliveries_total', help: 'Webhook deliveries accepted by the receiver', labelNames: ['urgent'], registers: [registry] });
  const failed = new Counter({
    name: 'puente_webhook_failures_total',
    help: 'Webhook delivery attempts that failed (retried later), by reason',
    labelNames: ['reason'],
    registers: [registry],
  });
  const alertsSent = new Counter({ name: 'puente_alerts_sent_total', help: 'Urgent e-mail alerts accepted by the SMTP server', registers: [registry] });
  const alertFailures = new Counter({
    name: 'puente_alerts_failures_total',
    help: 'Urgent e-mail alert attempts that failed (retried later), by reason',
    labelNames: ['reason'],
    registers: [registry],
  });
  const watchOutbox = (kind: DeliveryKind, read: () => Promise<OutboxStats>) => {
    let last: Promise<OutboxStats> | null = null;
    // Both gauges are read from one query per scrape.
    const stats = () => (last ??= read().finally(() => setTimeout(() => (last = null), 0).unref()));
    const { pending, oldest } = OUTBOX_GAUGES[kind];
    new Gauge({
      ...pending,
      registers: [registry],
      async collect() {
        this.set((await stats()).pending);
      },
    });
    new Gauge({
      ...oldest,
      registers: [registry],
      async collect() {
        const s = await stats();
        this.set(s.oldestPendingAt === null ? 0 : Math.max(0, (now() - s.oldestPendingAt) / 1000));
      },
    });
  };

  return {
    registry,
    contentType: registry.contentType,
    render: () => registry.metrics(),
    watchOutbox,
    countCode(level, code) {
      errors.inc({ code: typeof code === 'string' && CODE.test(code) ? code : 'OTHER', level });
    },
    countAbandoned: (question) => abandoned.inc({ question }),
    store: (op, seconds, outcome) => storeChild(op, outcome).observe(seconds),
    turns: {
      turn: ({ ms }) => {
        turnsTotal.inc();
        turnSeconds.observe(ms / 1000);
      },
      intakeStarted: ({ locale }) => started.inc({ language: locale }),
      intakeFinished: (info) => {
        finished.inc({ language: info.locale, urgent: String(info.urgent) });
        for (const code of info.findings) findings.inc({ code: findingLabel(code) });
      },
      intakeEnded: ({ how, question }) => ended.inc({ how, question: question ?? 'none' }),
    },
    deliveries: {
      delivered: ({ urgent }) => delivered.inc({ urgent: String(urgent) }),
      failed: ({ reason }) => failed.inc({ reason }),
    },
    alerts: {
      delivered: () => alertsSent.inc(),
      failed: ({ reason }) => alertFailures.inc({ reason }),
    },
  };
}

/**
 * The logger, with every warning and error also counted by its `code` in the metrics, whatever the
 * log level (a silenced logger still counts).
 */
export function countingLogger(log: Logger, metrics: Pick<Metrics, 'countCode'>): Logger {
  const levels = new Set(['warn', 'error', 'fatal']);
  return new Proxy(log, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof prop !== 'string' || !levels.has(prop) || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const first = args[0];
        const code = first && typeof first === 'object' ? (first as { code?: unknown }).code : undefined;
        metrics.countCode(prop as 'warn' | 'error' | 'fatal', code);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
