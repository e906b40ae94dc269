/** Soak: 200 conversations with 10 SIGKILLs at seeded moments, on the embedded store and on PostgreSQL (see test/faults/crash). */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildOnce } from '../support/childServer';
import { crashRun } from '../support/crashRun';
import { freshDatabase, pgUrl } from '../support/postgres';
import { loadScenarios, SCENARIO_DIR } from '../support/scenarios';
import { SOAK_SEED, writePart } from './summary';

const CONVERSATIONS = 200;
const KILLS = 10;
const scenarios = [...loadScenarios(SCENARIO_DIR), ...loadScenarios(path.resolve(__dirname, '../scenarios'))].filter((s) => !s.switchAt && !s.backAt);

let build: string;
beforeAll(() => {
  build = buildOnce();
}, 300_000);

async function soak(name: string, env: Record<string, string>, seed: number): Promise<void> {
  const outcome = await crashRun({ build, env, scenarios, conversations: CONVERSATIONS, kills: KILLS, seed, gapMs: [500, 4_000] });
  const failureLines = [...outcome.failures];
  if (outcome.kills !== KILLS) failureLines.push(`only ${outcome.kills} kills happened before the run ended`);
  if (outcome.records !== CONVERSATIONS) failureLines.push(`${outcome.records} records for ${CONVERSATIONS} intakes`);
  writePart({
    name,
    cases: CONVERSATIONS,
    failures: failureLines.length,
    failureLines: failureLines.slice(0, 20),
    seconds: outcome.seconds,
    details: { seed, kills: outcome.kills, reconnects: outcome.reconnects, records: outcome.records, deliveries: outcome.deliveries },
  });
  expect(failureLines).toEqual([]);
}

test('SIGKILLs on the embedded store', () => soak('crash-sqlite', { DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'puente-soak-crash-')) }, SOAK_SEED), 3_600_000);

const url = pgUrl();
(url ? describe : describe.skip)('PostgreSQL', () => {
  const database = freshDatabase(url ?? '', 'puente_crash');
  test('SIGKILLs on PostgreSQL', () =>
    soak('crash-postgres', { DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'puente-soak-crash-pg-')), DATABASE_URL: database(), ENCRYPTION_KEYS: `s1:${Buffer.alloc(32, 3).toString('base64')}` }, SOAK_SEED + 1), 3_600_000);
});
