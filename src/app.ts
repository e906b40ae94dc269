/**
 * Builds a running Puente from a configuration: the composition used by `main.ts` and by tests that
 * need the real HTTP endpoint on a free loopback port.
 */
import type { AddressInfo } from 'node:net';
import { IntakeBot } from './bot';
import { createAdapter } from './channels/adapter';
import type { AppConfig, OrgProfile } from './config';
import { loadOrgProfile } from './config';
import { hashId } from './conversation';
import { createTexts, type Texts } from './i18n';
import { createServer } from './server/app';
import { createLogger, type Logger } from './server/logger';
import { warmUpRecognizers } from './understand';
import { MemoryRecordStore, MemorySessionStore, type RecordStore, type SessionStore } from './storage';

export interface PuenteOverrides {
  now?: () => Date;
  sessions?: SessionStore;
  records?: RecordStore;
  log?: Logger;
  profile?: OrgProfile;
  texts?: Texts;
}

export interface RunningPuente {
  url: string;
  port: number;
  log: Logger;
  texts: Texts;
  sessions: SessionStore;
  records: RecordStore;
  close(): Promise<void>;
}

export async function startPuente(config: AppConfig, overrides: PuenteOverrides = {}): Promise<RunningPuente> {
  const log = overrides.log ?? createLogger(config.logLevel);
  const profile = overrides.profile ?? loadOrgProfile(config.orgProfilePath);
  const texts = overrides.texts ?? createTexts();
  const memorySessions = overrides.sessions ? null : new MemorySessionStore(config.sessionTtlMs);
  const sessions = overrides.sessions ?? memorySessions!;
  const records = overrides.records ?? new MemoryRecordStore();
  const sweep = memorySessions ? setInterval(() => memorySessions.sweep(), 60_000) : null;
  sweep?.unref();

  const bot = new IntakeBot({ sessions, records, texts, profile, log, now: overrides.now ?? (() => new Date()) });
  const adapter = createAdapter(config, log, texts.apology, hashId);
  const server = createServer({ adapter, bot, anonymous: !config.botFramework, log, ready: async () => undefined });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  // Build the date and number models once, right after listening, rather than on someone's first
  // typed date (which would otherwise wait a second or more).
  const warm = setTimeout(() => warmUpRecognizers(), 0);
  warm.unref();
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    port,
    log,
    texts,
    sessions,
    records,
    close: () =>
      new Promise<void>((resolve) => {
        if (sweep) clearInterval(sweep);
        server.close(() => resolve());
      }),
  };
}
