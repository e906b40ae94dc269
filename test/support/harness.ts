/** Starts the real Puente on a free loopback port and talks to it as a Bot Framework channel would. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPuente, type PuenteOverrides, type RunningPuente } from '../../src/app';
import { loadConfig } from '../../src/config';

/** /metrics needs METRICS_TOKEN or a port of its own (issue 19): test servers have this token unless `env` says otherwise. */
export const TEST_METRICS_TOKEN = 'test-metrics-token-0123456789abcdef';
/** fetch options that read /metrics of a test server. */
export const metricsAuth = { headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` } };

/**
 * The real server on a free port. Unless `env` says otherwise it uses the embedded SQLite store in a
 * fresh temporary DATA_DIR, exactly as `npm start` does. Every test talks from 127.0.0.1, so the
 * per-address rate limit is lifted unless `env` sets one (the limit tests do, test/faults/limits).
 */
export async function startTestServer(env: Record<string, string> = {}, overrides: PuenteOverrides = {}): Promise<RunningPuente> {
  const dataDir = env.DATA_DIR ?? mkdtempSync(path.join(os.tmpdir(), 'puente-test-'));
  const config = loadConfig(
    { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', RATE_LIMIT_PER_ADDRESS: '1000000', METRICS_TOKEN: TEST_METRICS_TOKEN, ...env, DATA_DIR: dataDir },
    process.cwd(),
  );
  return startPuente(config, overrides);
}

/**
 * A conversation over Bot Framework with a server, by its base URL (`new Conversation(url, locale)`):
 * the same class the benchmark's generator drives, from tools/ (see tools/index.ts).
 */
export { BotConversation as Conversation, questionOf, resultOf, textOf, type Activity } from '../../tools';
