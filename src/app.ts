/**
 * Builds a running Puente from a configuration: the composition used by `main.ts` and by tests that
 * need the real HTTP endpoint on a free loopback port.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { IntakeBot } from './bot';
import { createAdapter, type ChannelOverrides } from './channels/adapter';
import { DEFAULT_WEBCHAT_LIMITS, type WebChatLimits } from './channels/webChat';
import { TOKEN_KEY_INFO, webChatTokens } from './channels/webChatToken';
import type { AppConfig, OrgProfile } from './config';
import { loadOrgProfile } from './config';
import { contentReview } from './content/review';
import { expiredIntake, hashId, observeAll, TurnQueue, TurnTimings, type TurnDeps } from './conversation';
import { LOG_HASH_KEY_INFO, setLogHashKey } from './conversation/logHash';
import { createTexts, type Texts } from './i18n';
import { createServer } from './server/app';
import { createLogger, type Logger } from './server/logger';
import type { HttpTimeouts } from './server/httpTimeouts';
import { MessageLimiter, type MessageLimits } from './server/messageLimits';
import { clientAddress, perMinute, RateLimiter } from './server/rateLimit';
import { defaultWebRoot } from './server/static';
import { DailyCounter } from './staff/dailyCounts';
import { registerDashboardRoutes } from './staff/dashboard';
import { registerInboxRoutes } from './staff/inbox';
import { staffStyle } from './staff/inboxHtml';
import type { StaffSignIn } from './staff/signIn';
import { StaffSessions, type StaffSessionLimits } from './staff/staffSessions';
import { registerStaffRoutes, staffGuard } from './staff/staffApi';
import { WebhookSender, type WebhookTiming } from './staff/webhook';
import { AlertSender, type AlertTiming } from './staff/alerts';
import { handoff } from './staff/outbox';
import { countingLogger, createMetrics, type Metrics } from './server/metrics';
import { listenMetrics, type MetricsListener } from './server/metricsEndpoint';
import { Cipher } from './storage/cipher';
import { openStorage } from './storage/openStorage';
import { BackendRevocations } from './storage/sealedStores';
import {
  MemoryBackend,
  timed,
  timedCounts,
  timedRecordStore,
  timedSessionStore,
  type Backend,
  type CountsBackend,
  type OutboxBackend,
  type ExpiredSession,
  type RecordStore,
  type SessionStore,
} from './storage';
import { RecognizerThread } from './threads/recognizerThread';

export interface PuenteOverrides {
  now?: () => Date;
  /** Replace the configured store (tests): both stores, and optionally the backend for readiness. */
  sessions?: SessionStore;
  records?: RecordStore;
  /** The daily aggregates (default: the store's backend; with replaced stores, a memory backend). */
  counts?: CountsBackend;
  log?: Logger;
  profile?: OrgProfile;
  texts?: Texts;
  /** Webhook timing (tests: short retries), the jitter source, and how long a new outbox row is held. */
  webhook?: { timing?: Partial<WebhookTiming>; random?: () => number; holdMs?: number };
  /**
   * Alert timing (tests: short retries), the jitter source, and the outbox to send from when the
   * stores are replaced (the backend under the test's record store).
   */
  alerts?: { timing?: Partial<AlertTiming>; random?: () => number; outbox?: OutboxBackend };
  /** Web chat: rate limits, the token clock (ms), and the folder of the page (default <package>/web). */
  webChat?: { limits?: Partial<WebChatLimits>; clock?: () => number; webRoot?: string };
  /** Bot Framework plumbing a test cannot reach for real (outgoing tokens) and the auth time limit. */
  channels?: ChannelOverrides;
  /** /api/messages rate limits (default: from the configuration) and their clock (ms). */
  messages?: { limits?: Partial<MessageLimits>; clock?: () => number };
  /** Slow-client timeouts of the HTTP server (tests: short ones). */
  http?: Partial<HttpTimeouts>;
  /** The staff inbox: session limits (tests: short ones) and the sign-in (tests without a provider). */
  staff?: { sessions?: Partial<StaffSessionLimits>; signIn?: Pick<StaffSignIn, 'start' | 'finish'> };
}

export interface RunningPuente {
  url: string;
  port: number;
  log: Logger;
  texts: Texts;
  sessions: SessionStore;
  records: RecordStore;
  backend?: Backend;
  metrics: Metrics;
  /** The daily aggregates of the staff dashboard (`settled()` waits for pending writes). */
  counts: DailyCounter;
  /** The separate /metrics listener, when METRICS_PORT is set. */
  metricsUrl?: string;
  /** The webhook sender, when WEBHOOK_URL is configured. */
  webhook?: WebhookSender;
  /** The urgent e-mail alert sender, when SMTP_URL and ALERT_EMAILS are configured. */
  alerts?: AlertSender;
  /** Turn timings for the benchmark, when BENCH_TIMINGS is on. */
  timings?: TurnTimings;
  /** Deletes expired sessions and records past their retention, and ended staff sessions; returns the counts. */
  purge(): Promise<{ sessions: number; records: number; counts: number; staffSessions: number }>;
  close(): Promise<void>;
}

export async function startPuente(config: AppConfig, overrides: PuenteOverrides = {}): Promise<RunningPuente> {
  // First, so the date and number models are built on their own thread while everything else starts.
  const recognizer = RecognizerThread.start({ idleMs: config.threadIdleMs });
  try {
    return await start(config, overrides, recognizer);
  } catch (err) {
    await recognizer.stop();
    throw err;
  }
}

async function start(config: AppConfig, overrides: PuenteOverrides, recognizer: RecognizerThread): Promise<RunningPuente> {
  const now = overrides.now ?? (() => new Date());
  // Every warning and error logged is also counted by code in /metrics.
  const metrics = createMetrics({ now: () => now().getTime() });
  const log = countingLogger(overrides.log ?? createLogger(config.logLevel), metrics);
  const profile = overrides.profile ?? loadOrgProfile(config.orgProfilePath);
  const texts = overrides.texts ?? createTexts();
  // design.md §7: an invalid review date stops start-up; a past one is a warning for staff.
  const review = contentReview(texts.contentReviewed, now(), texts.contentReviewedBy);
  if (review.stale) {
    log.warn(
      { code: 'CONTENT_STALE', reviewed: review.reviewed, staleAfter: review.staleAfter },
      'the legal content in locales/ is past its 60-day review window: an immigration attorney must review it again',
    );
  }
  if (review.signOffPending) {
    log.warn(
      { code: 'CONTENT_NOT_SIGNED_OFF', reviewed: review.reviewed },
      'no immigration attorney has signed the wording off yet (meta.json reviewedBy): do not deploy it for real use',
    );
  }

  const storage =
    overrides.sessions && overrides.records
      ? null
      : await openStorage(
          config,
          () => now().getTime(),
          (err) => log.warn({ code: 'STORE_CONNECTION_ERROR', name: err.name, pg: (err as { code?: string }).code }, 'store connection error'),
          {
            outboxHoldMs: overrides.webhook?.holdMs,
            onVacuumError: (err) => log.warn({ code: 'STORE_VACUUM_FAILED', name: err.name, pg: (err as { code?: string }).code }, 'VACUUM after a delete failed'),
          },
        );
  // Whatever started so far is stopped if start-up fails later (a port in use, a bad profile…):
  // the store, its threads and the timers, so the process can exit and a test can go on.
  const undo: (() => unknown)[] = [];
  if (storage) undo.push(() => storage.backend.close());
  try {
    if (storage?.keys.source === 'created') {
      log.warn({ code: 'KEY_FILE_CREATED', file: storage.keys.file }, 'no ENCRYPTION_KEYS configured: created a local key file; back it up, and set ENCRYPTION_KEYS in production');
    }
    // Log hashes of conversation ids are keyed (HMAC) with a key derived from the encryption keys.
    if (storage) setLogHashKey(new Cipher(storage.keys.ring).deriveKey(LOG_HASH_KEY_INFO));
    // Every store call is timed for /metrics (puente_store_duration_seconds).
    const sessions = timedSessionStore(overrides.sessions ?? storage!.sessions, metrics.store);
    const records = timedRecordStore(overrides.records ?? storage!.records, metrics.store);
    const backend = storage?.backend;
    // Daily aggregates for the staff dashboard: written after the turn, best-effort (dailyCounts.ts).
    const countStore = timedCounts(overrides.counts ?? backend ?? new MemoryBackend(), metrics.store);
    const counts = new DailyCounter({ store: countStore, now, log });

    // The webhook (optional): sends finished intakes from the outbox, including any left from before a restart.
    const webhook =
      config.webhook && backend
        ? new WebhookSender({
            target: config.webhook,
            outbox: backend,
            records,
            en: texts.translator('en'),
            log,
            now: () => now().getTime(),
            timing: { timeoutMs: config.webhook.timeoutMs, ...overrides.webhook?.timing },
            random: overrides.webhook?.random,
            observe: metrics.deliveries,
          })
        : undefined;
    if (webhook && backend) metrics.watchOutbox('webhook', () => backend.outboxStats('webhook'));
    if (config.webhook && !backend) log.warn({ code: 'WEBHOOK_DISABLED' }, 'webhook configured but the stores were replaced (tests): not sending');

    // Urgent alerts by e-mail (optional): reference and link only, from the same outbox.
    const alertOutbox = backend ?? overrides.alerts?.outbox;
    const alerts =
      config.alerts && alertOutbox
        ? new AlertSender({
            config: config.alerts,
            outbox: alertOutbox,
            records,
            en: texts.translator('en'),
            log,
            now: () => now().getTime(),
            timing: overrides.alerts?.timing,
            random: overrides.alerts?.random,
            observe: metrics.alerts,
          })
        : undefined;
    if (alerts && alertOutbox) metrics.watchOutbox('alert', () => alertOutbox.outboxStats('alert'));
    if (config.alerts && !alertOutbox) log.warn({ code: 'ALERTS_DISABLED' }, 'alerts configured but the stores were replaced (tests): not sending');

    // Staff sessions (the inbox) are sealed with the records' keys; stores supplied by a test: a key for this process.
    const storeCipher = storage ? new Cipher(storage.keys.ring) : new Cipher({ current: 'process', keys: new Map([['process', randomBytes(32)]]) });
    const staffSessions = config.staffSignIn
      ? new StaffSessions(backend ?? new MemoryBackend(), storeCipher, () => now().getTime(), overrides.staff?.sessions)
      : undefined;

    const purge = async () => {
      // An expired session that was never sent is an abandoned intake: counted by the step it stopped
      // at (on the day of its last message), then forgotten with the session.
      let unreadable = 0;
      const onExpired = (session: ExpiredSession) => {
        const intake = expiredIntake(session.value, new Date(session.expiresAt - config.sessionTtlMs));
        if (intake.kind === 'unreadable') unreadable++;
        if (intake.kind !== 'abandoned') return;
        metrics.countAbandoned(intake.question);
        counts.abandoned(intake);
      };
      const expired = storage ? await timed('session_purge', metrics.store, () => storage.sessions.purge(onExpired)) : 0;
      const cutoff = new Date(now().getTime() - config.recordTtlMs);
      const old = await records.purge(cutoff);
      // The dashboard's daily counts go after the same retention as records (days before the cutoff's day).
      const counted = backend ? await backend.purgeDailyCounts(cutoff.toISOString().slice(0, 10)) : 0;
      const staffEnded = staffSessions ? await staffSessions.purge() : 0;
      if (expired || old || counted) log.info({ code: 'PURGED', sessions: expired, records: old, countDays: counted, unreadable }, 'retention purge');
      return { sessions: expired, records: old, counts: counted, staffSessions: staffEnded };
    };
    await purge();
    const purgeTimer = setInterval(() => {
      purge().catch((err: unknown) => log.warn({ code: 'PURGE_FAILED', name: (err as Error)?.name }, 'retention purge failed'));
    }, config.purgeIntervalMs);
    purgeTimer.unref();
    undo.push(() => clearInterval(purgeTimer));

    // One set of turn dependencies (and one TurnQueue) for /api/messages and the web chat.
    const timings = config.benchTimings ? new TurnTimings() : undefined;
    const observe = observeAll(metrics.turns, counts.observer, timings);
    const turns: TurnDeps = { sessions, records, texts, profile, log, now, queue: new TurnQueue(), observe, handoff: handoff([webhook, alerts].filter((s) => s !== undefined)), recognizer };
    const bot = new IntakeBot(turns);
    const adapter = createAdapter(config, log, texts.apology, hashId, overrides.channels);
    // Web chat tokens are signed with a key derived from the current encryption key, so every
    // instance sharing ENCRYPTION_KEYS accepts them. Stores supplied by a test: a key for this process.
    const tokenKey = storeCipher.deriveKey(TOKEN_KEY_INFO);
    // One pair of numbers for both routes: per client address and per conversation, per minute.
    const configured = {
      perAddress: perMinute(config.rateLimits.perAddressPerMinute),
      perConversation: perMinute(config.rateLimits.perConversationPerMinute),
    };
    const messageLimits = new MessageLimiter({
      limits: { ...configured, ...overrides.messages?.limits },
      anonymous: !config.botFramework,
      trustProxyHops: config.trustProxyHops,
      now: overrides.messages?.clock,
    });
    const webRoot = overrides.webChat?.webRoot ?? defaultWebRoot(__dirname);
    const server = createServer({
      messageLimits,
      httpTimeouts: overrides.http,
      adapter,
      bot,
      anonymous: !config.botFramework,
      log,
      ready: async () => {
        await backend?.ping();
      },
      content: () => contentReview(texts.contentReviewed, now(), texts.contentReviewedBy),
      // /metrics on the main port only when configured so (config/env.ts: with METRICS_TOKEN).
      metrics: config.metrics.listen === 'main' ? { render: metrics.render, contentType: metrics.contentType, token: config.metrics.token } : undefined,
      timeRequest: timings ? (ms) => timings.request(ms) : undefined,
      webChat: {
        turns,
        tokens: webChatTokens(tokenKey),
        revocations: new BackendRevocations(backend ?? new MemoryBackend()),
        log,
        clock: overrides.webChat?.clock,
        limits: { ...DEFAULT_WEBCHAT_LIMITS, ...configured, ...overrides.webChat?.limits },
        trustProxyHops: config.trustProxyHops,
      },
      page: {
        webRoot,
        frameAncestors: config.frameAncestors,
        log,
        // The privacy notice says the configured retention, never a fixed number.
        sessionDays: config.sessionTtlMs / 86_400_000,
        recordDays: config.recordTtlMs / 86_400_000,
      },
    });

    // The staff API (/api/staff/*): only with STAFF_API_TOKEN configured; otherwise 404.
    registerStaffRoutes(server, { token: config.staffApiToken, records, en: texts.translator('en'), log, now });
    // The staff inbox and the funnel dashboard (/staff), behind the organization's sign-in.
    if (config.staffSignIn && staffSessions) {
      const staffSignInLimiter = new RateLimiter({ ...perMinute(config.rateLimits.perAddressPerMinute), now: overrides.messages?.clock });
      registerInboxRoutes(server, {
        config: config.staffSignIn,
        sessions: staffSessions,
        records,
        counts: countStore,
        settled: () => counts.settled(),
        en: texts.translator('en'),
        style: staffStyle(readFileSync(path.join(webRoot, 'staff', 'staff.css'), 'utf8')),
        log,
        now,
        signIn: overrides.staff?.signIn,
        limitAddress: (req) => staffSignInLimiter.hit(clientAddress(req, config.trustProxyHops)),
      });
    }
    // The dashboard's data for machine clients (/api/staff/stats, /api/staff/charts), behind the API token.
    if (config.staffApiToken) {
      registerDashboardRoutes(server, {
        guard: staffGuard(config.staffApiToken, log),
        counts: countStore,
        en: texts.translator('en'),
        log,
        now,
        settled: () => counts.settled(),
      });
    }

    undo.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const listen = config.metrics.listen;
    let metricsListener: MetricsListener | undefined;
    if (typeof listen === 'object') {
      metricsListener = await listenMetrics(listen.host, listen.port, { metrics, token: config.metrics.token, log }).catch(async (err: unknown) => {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        throw err;
      });
    } else if (listen === 'off') {
      log.info({ code: 'METRICS_OFF' }, '/metrics is off: set METRICS_TOKEN or METRICS_PORT to serve it');
    }
    webhook?.start();
    alerts?.start();
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    return {
      url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
      port,
      log,
      texts,
      sessions,
      records,
      backend,
      metrics,
      counts,
      metricsUrl: metricsListener?.url,
      webhook,
      alerts,
      timings,
      purge,
      close: async () => {
        clearInterval(purgeTimer);
        await webhook?.stop();
        await alerts?.stop();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await metricsListener?.close();
        await counts.settled();
        await recognizer.stop();
        await backend?.close();
      },
    };
  } catch (err) {
    for (const step of undo.reverse()) await Promise.resolve().then(step).catch(() => undefined);
    throw err;
  }
}
