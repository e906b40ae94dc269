/**
 * Chooses and opens the store from the configuration: PostgreSQL when DATABASE_URL is set (several
 * instances share it), otherwise the embedded SQLite file in DATA_DIR.
 */
import path from 'node:path';
import type { AppConfig } from '../config';
import type { Backend } from './backend';
import { Cipher } from './cipher';
import { keysFromFile, type LoadedKeys } from './keyFile';
import type * as Postgres from './postgresBackend';
import { SealedRecordStore, SealedSessionStore } from './sealedStores';
import { SqliteBackend } from './sqliteBackend';

export const SQLITE_FILE_NAME = 'puente.db';
/** A new outbox row waits this long unless its turn releases it (see SealedRecordStore). */
export const DEFAULT_OUTBOX_HOLD_MS = 10_000;

export interface OpenedStorage {
  backend: Backend;
  sessions: SealedSessionStore;
  records: SealedRecordStore;
  keys: LoadedKeys;
}

export function loadKeys(config: AppConfig): LoadedKeys {
  if (config.encryption) return { ring: { current: config.encryption.current, keys: config.encryption.keys }, source: 'env' };
  return keysFromFile(config.dataDir);
}

/**
 * @param onBackendError told of errors on idle PostgreSQL connections (logged by the caller; the
 *   pool replaces the connection by itself).
 */
/** The PostgreSQL backend and its driver, loaded only when DATABASE_URL is set (a few MB an embedded-store instance does not need). */
function postgres(): typeof Postgres {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberate lazy load, see above
  return require('./postgresBackend') as typeof Postgres;
}

export async function openStorage(
  config: AppConfig,
  now: () => number = Date.now,
  onBackendError?: (err: Error) => void,
  recordOptions: { outboxHoldMs?: number; onVacuumError?: (err: Error) => void } = {},
): Promise<OpenedStorage> {
  const keys = loadKeys(config);
  const cipher = new Cipher(keys.ring);
  const backend: Backend = config.databaseUrl
    ? await postgres().PostgresBackend.connect(config.databaseUrl, { max: config.databasePoolSize, onError: onBackendError, onVacuumError: recordOptions.onVacuumError })
    : SqliteBackend.open(path.join(config.dataDir, SQLITE_FILE_NAME), { threadIdleMs: config.threadIdleMs });
  return {
    backend,
    sessions: new SealedSessionStore(backend, cipher, config.sessionTtlMs, now),
    // With a webhook configured, every record gets its outbox row in the same transaction; with
    // alerts configured, every urgent record gets one more.
    records: new SealedRecordStore(backend, cipher, {
      now,
      outbox:
        config.webhook || config.alerts
          ? { holdMs: recordOptions.outboxHoldMs ?? DEFAULT_OUTBOX_HOLD_MS, webhook: Boolean(config.webhook), alerts: Boolean(config.alerts) }
          : undefined,
    }),
    keys,
  };
}
