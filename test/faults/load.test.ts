/**
 * Load (issue 8): 200 conversations at once, each a full intake from the shared and project
 * scenarios, against the real server in its own process, on the embedded store and on PostgreSQL.
 * 0 errors, 0 lost answers (every intake ends with the expected findings, and its record holds
 * exactly the scenario's answers), and the server's memory after the run within 50 MB of before.
 * Memory is read in the server process after forced garbage collections, with the baseline taken
 * after a warm-up round of the same size and 10 s of idleness (see warmUp and ChildServer.memory:
 * one-time growth and space V8 keeps for a while after a burst are not leaks). Loopback only; every loop is bounded; the longer runs are in `npm run soak`.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { openStorage } from '../../src/storage/openStorage';
import { buildOnce, EXPECTED_START_WARNINGS, startChild, type ChildServer } from '../support/childServer';
import { checkRecords, runIntakes, warmUp } from '../support/loadRun';
import { describeWithPostgres, freshDatabase } from '../support/postgres';
import { loadScenarios, SCENARIO_DIR } from '../support/scenarios';

const MB = 1024 * 1024;
/** Conversations at once. PostgreSQL runs fewer here to keep CI short; `npm run soak` runs 200 on both, several times. */
const SIZES = { sqlite: 200, postgres: 60 };
const scenarios = [...loadScenarios(SCENARIO_DIR), ...loadScenarios(path.resolve(__dirname, '../scenarios'))];

let build: string;
beforeAll(() => {
  build = buildOnce();
}, 180_000);

async function loadRun(env: Record<string, string>, conversations: number) {
  let server: ChildServer | undefined;
  try {
    server = await startChild(build, { RATE_LIMIT_PER_ADDRESS: '1000000', ...env });
    await warmUp(server.url, scenarios, conversations);
    const before = await server.memory();
    const run = await runIntakes(server.url, scenarios, conversations);
    const after = await server.memory();
    // The server's own log: no warning or error during the run.
    const problems = server.problems.filter((p) => !EXPECTED_START_WARNINGS.has(String(p.code)));
    await server.stop();
    server = undefined;

    const storage = await openStorage(loadConfig({ LOG_LEVEL: 'silent', ...env }), Date.now, () => undefined);
    try {
      const stored = await checkRecords(storage.records, run.played, conversations);
      return { run, before, after, problems, stored };
    } finally {
      await storage.backend.close();
    }
  } finally {
    await server?.kill();
  }
}

function expectHealthy(r: Awaited<ReturnType<typeof loadRun>>, label: string) {
  const summary = {
    label,
    conversations: r.run.conversations,
    seconds: r.run.ms / 1000,
    rssMB: [r.before.rss / MB, r.after.rss / MB].map((x) => Math.round(x)),
    heapMB: [r.before.heapUsed / MB, r.after.heapUsed / MB].map((x) => Math.round(x)),
    externalMB: [r.before.external / MB, r.after.external / MB].map((x) => Math.round(x)),
  };
  console.log(JSON.stringify(summary));
  expect(r.run.failures).toEqual([]);
  expect(r.run.played).toHaveLength(r.run.conversations);
  expect(r.problems).toEqual([]);
  expect(r.stored).toEqual([]);
  expect(r.after.rss - r.before.rss).toBeLessThan(50 * MB);
  expect(r.after.heapUsed - r.before.heapUsed).toBeLessThan(50 * MB);
  expect(r.after.external - r.before.external).toBeLessThan(50 * MB);
}

test(`${SIZES.sqlite} concurrent intakes on the embedded store: no error, nothing lost, no leak`, async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'puente-load-'));
  expectHealthy(await loadRun({ DATA_DIR: dataDir }, SIZES.sqlite), 'sqlite');
}, 300_000);

describeWithPostgres('on PostgreSQL', (url) => {
  const database = freshDatabase(url, 'puente_load');
  test(`${SIZES.postgres} concurrent intakes on PostgreSQL: no error, nothing lost, no leak`, async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'puente-load-pg-'));
    const env = { DATA_DIR: dataDir, DATABASE_URL: database(), ENCRYPTION_KEYS: `l1:${Buffer.alloc(32, 5).toString('base64')}` };
    expectHealthy(await loadRun(env, SIZES.postgres), 'postgres');
  }, 300_000);
});
