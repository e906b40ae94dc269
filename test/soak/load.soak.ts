/**
 * Soak: 200 concurrent full intakes, three rounds in a row (600 intakes), against the server in its
 * own process, on the embedded store and on PostgreSQL. Memory is compared from before the first
 * round (after a warm-up) to after the last, after forced garbage collections in the server.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { openStorage } from '../../src/storage/openStorage';
import { buildOnce, EXPECTED_START_WARNINGS, startChild, type ChildServer } from '../support/childServer';
import { checkRecords, runIntakes, warmUp, type Played } from '../support/loadRun';
import { freshDatabase, pgUrl } from '../support/postgres';
import { loadScenarios, SCENARIO_DIR } from '../support/scenarios';
import { mb, writePart } from './summary';

const CONCURRENT = 200;
const ROUNDS = 3;
const MB = 1024 * 1024;
const scenarios = [...loadScenarios(SCENARIO_DIR), ...loadScenarios(path.resolve(__dirname, '../scenarios'))];

let build: string;
beforeAll(() => {
  build = buildOnce();
}, 300_000);

async function soak(name: string, env: Record<string, string>): Promise<void> {
  const started = Date.now();
  const failureLines: string[] = [];
  let server: ChildServer | undefined = await startChild(build, { RATE_LIMIT_PER_ADDRESS: '1000000', ...env });
  const played: Played[] = [];
  const rounds: number[] = [];
  try {
    await warmUp(server.url, scenarios, CONCURRENT);
    const before = await server.memory();
    for (let r = 0; r < ROUNDS; r++) {
      const run = await runIntakes(server.url, scenarios, CONCURRENT);
      failureLines.push(...run.failures);
      played.push(...run.played);
      rounds.push(run.ms / 1000);
    }
    const after = await server.memory();
    for (const p of server.problems) if (!EXPECTED_START_WARNINGS.has(String(p.code))) failureLines.push(`logged ${String(p.code)}`);
    await server.stop();
    server = undefined;
    const storage = await openStorage(loadConfig({ LOG_LEVEL: 'silent', ...env }), Date.now, () => undefined);
    try {
      failureLines.push(...(await checkRecords(storage.records, played, CONCURRENT)));
    } finally {
      await storage.backend.close();
    }
    if (after.rss - before.rss >= 50 * MB) failureLines.push(`RSS grew ${Math.round((after.rss - before.rss) / MB)} MB`);
    if (after.heapUsed - before.heapUsed >= 50 * MB) failureLines.push(`heap grew ${Math.round((after.heapUsed - before.heapUsed) / MB)} MB`);
    if (after.external - before.external >= 50 * MB) failureLines.push(`external memory grew ${Math.round((after.external - before.external) / MB)} MB`);
    writePart({
      name,
      cases: CONCURRENT * ROUNDS,
      failures: failureLines.length,
      failureLines: failureLines.slice(0, 20),
      memoryMB: { before: mb(before), after: mb(after) },
      seconds: (Date.now() - started) / 1000,
      details: { concurrent: CONCURRENT, rounds: ROUNDS, roundSeconds: rounds, intakesPerSecond: Math.round((CONCURRENT * ROUNDS) / rounds.reduce((a, b) => a + b, 0)) },
    });
    expect(failureLines).toEqual([]);
  } finally {
    await server?.kill();
  }
}

test('load on the embedded store', () => soak('load-sqlite', { DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'puente-soak-')) }), 3_600_000);

const url = pgUrl();
(url ? describe : describe.skip)('PostgreSQL', () => {
  const database = freshDatabase(url ?? '', 'puente_soak');
  test('load on PostgreSQL', () =>
    soak('load-postgres', { DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'puente-soak-pg-')), DATABASE_URL: database(), ENCRYPTION_KEYS: `s1:${Buffer.alloc(32, 3).toString('base64')}` }), 3_600_000);
});
