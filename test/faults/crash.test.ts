/**
 * Crash safety (issue 8): SIGKILL the server at seeded random moments during a load run and restart
 * it on the same data and port. Every conversation can continue and finishes with its expected
 * findings; no record is half-written (every record is readable and holds its scenario's answers,
 * one per intake); no webhook delivery is lost or duplicated (one accepted delivery per record, a
 * reference never under two idempotency keys). A small run here; `npm run soak` runs more
 * conversations and kills, on the embedded store and on PostgreSQL.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildOnce } from '../support/childServer';
import { crashRun } from '../support/crashRun';
import { loadScenarios, SCENARIO_DIR } from '../support/scenarios';

const SEED = 6_112_026;
/** Scenarios a client can replay by question id alone (no language switch or "back" at a given point). */
const scenarios = [...loadScenarios(SCENARIO_DIR), ...loadScenarios(path.resolve(__dirname, '../scenarios'))].filter((s) => !s.switchAt && !s.backAt);

let build: string;
beforeAll(() => {
  build = buildOnce();
}, 180_000);

test(`SIGKILL at random moments (seed ${SEED}): every intake finishes, every record whole, every delivery once`, async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'puente-crash-'));
  const outcome = await crashRun({ build, env: { DATA_DIR: dataDir }, scenarios, conversations: 30, kills: 3, seed: SEED, gapMs: [300, 1_500] });
  console.log(JSON.stringify(outcome));
  expect(outcome.failures).toEqual([]);
  expect(outcome.kills).toBe(3);
  expect(outcome.records).toBe(30);
  expect(outcome.deliveries).toBe(30);
}, 300_000);
