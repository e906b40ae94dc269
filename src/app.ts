/**
 * Builds a running Puente from a configuration: the composition used by `main.ts` and by tests that
 * need the real HTTP endpoint on a free loopback port.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { IntakeBot } from './bot';
import { createAdapter } from './channels/adapter';
import type { WebChatLimits } from './channels/webChat';
import { TOKEN_KEY_INFO, webChatTokens } from './channels/webChatToken';
import type { AppConfig, OrgProfile } from './config';
import { loadOrgProfile } from './config';
import { hashId, TurnQueue, TurnTimings, type TurnDeps } from './conversation';
import { createTexts, type Texts } from './i18n';
import { createServer } from './server/app';
import { createLogger, type Logger } from './server/logger';
import { defaultWebRoot } from './server/static';
import { registerStaffRoutes } from './staff/staffApi';
import { Cipher } from './storage/cipher';
import { openStorage } from './storage/openStorage';
import type { Backend, RecordStore, SessionStore } from './storage';
import { RecognizerThread } from './understand/recognizerThread';

export interface PuenteOverrides {
  now?: () => Date;
  /** Replace the configured store (tests): both stores, and optionally the backend for readiness. */
  sessions?: SessionStore;
  records?: RecordStore;
  log?: Logger;
  profile?: OrgProfile;
  texts?: Texts;
  /** Web chat: rate limits, the token clock (ms), and the folder of the page (default <package>/web). */
  webChat?: { limits?: Partial<WebChatLimits>; clock?: () => number; webRoot?: string };
}

export interface RunningPuente {
  url: string;
  port: number;
  log: Logger;
  texts: Texts;
  sessions: SessionStore;
  records: RecordStore;
  backend?: Backend;
  /** Turn timings for the benchmark, when BENCH_TIMINGS is on. */
  timings?: TurnTimings;
  /** Deletes expired sessions and records past their retention; returns the counts. */
  purge(): Promise<{ sessions: number; records: number }>;
  close(): Promise<void>;
}

export async function startPuente(config: AppConfig, overrides: PuenteOverrides = {}): Promise<RunningPuente> {
  // First, so the date and number models are built on their own thread while everything else starts.
  const recognizer = RecognizerThread.start();
  try {
    return await start(config, overrides, recognizer);
  } catch (err) {
    await recognizer.stop();
    throw err;
  }
}

async function start(config: AppConfig, overrides: PuenteOverrides, recognizer: RecognizerThread): Promise<RunningPuente> {
  const log = overrides.log ?? createLogger(config.logLevel);
  const profile = overrides.profile ?? loadOrgProfile(config.orgProfilePath);
  const texts = overrides.texts ?? createTexts();
  const now = overrides.now ?? (() => new Date());

  const storage =
    overrides.sessions && overrides.records
      ? null
      : await openStorage(
          config,
          () => now().getTime(),
          (err) => log.warn({ code: 'STORE_CONNECTION_ERROR', name: err.name, pg: (err as { code?: string }).code }, 'store connection error'),
        );
  if (storage?.keys.source === 'created') {
    log.warn({ code: 'KEY_FILE_CREATED', file: storage.keys.file }, 'no ENCRYPTION_KEYS configured: created a local key file; back it up, and set ENCRYPTION_KEYS in production');
  }
  const sessions = overrides.sessions ?? storage!.sessions;
  const records = overrides.records ?? storage!.records;
  const backend = storage?.backend;

  const purge = async () => {
    const expired = storage ? await storage.sessions.purge() : 0;
    const old = await records.purge(new Date(now().getTime() - config.recordTtlMs));
    if (expired || old) log.info({ code: 'PURGED', sessions: expired, records: old }, 'retention purge');
    return { sessions: expired, records: old };
  };
  await purge();
  const purgeTimer = setInterval(() => {
    purge().catch((err: unknown) => log.warn({ code: 'PURGE_FAILED', name: (err as Error)?.name }, 'retention purge failed'));
  }, config.purgeIntervalMs);
  purgeTimer.unref();

  // One set of turn dependencies (and one TurnQueue) for /api/messages and the web chat.
  const timings = config.benchTimings ? new TurnTimings() : undefined;
  const turns: TurnDeps = { sessions, records, texts, profile, log, now, queue: new TurnQueue(), observe: timings, recognizer };
  const bot = new IntakeBot(turns);
  const adapter = createAdapter(config, log, texts.apology, hashId);
  // Web chat tokens are signed with a key derived from the current encryption key, so every
  // instance sharing ENCRYPTION_KEYS accepts them. Stores supplied by a test: a key for this process.
  const tokenKey = storage
    ? new Cipher(storage.keys.ring).deriveKey(TOKEN_KEY_INFO)
    : new Cipher({ current: 'process', keys: new Map([['process', randomBytes(32)]]) }).deriveKey(TOKEN_KEY_INFO);
  const server = createServer({
    adapter,
    bot,
    anonymous: !config.botFramework,
    log,
    ready: async () => {
      await backend?.ping();
    },
    timeRequest: timings ? (ms) => timings.request(ms) : undefined,
    webChat: {
      turns,
      tokens: webChatTokens(tokenKey),
      log,
      clock: overrides.webChat?.clock,
      limits: overrides.webChat?.limits,
      trustProxyHops: config.trustProxyHops,
    },
    page: {
      webRoot: overrides.webChat?.webRoot ?? defaultWebRoot(__dirname),
      frameAncestors: config.frameAncestors,
      log,
    },
  });

  // The staff API (/api/staff/*): only with STAFF_API_TOKEN configured; otherwise 404.
  registerStaffRoutes(server, { token: config.staffApiToken, records, en: texts.translator('en'), log, now });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    port,
    log,
    texts,
    sessions,
    records,
    backend,
    timings,
    purge,
    close: async () => {
      clearInterval(purgeTimer);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await recognizer.stop();
      await backend?.close();
    },
  };
}
