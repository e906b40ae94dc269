/**
 * Every public scenario and our own personas (test/scenarios), played over the real HTTP endpoint:
 * once with our player (exact findings, urgent, referral, reply locale) and once with the shared
 * acceptance tool itself.
 */
import { execFile } from 'node:child_process';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { RunningPuente } from '../../src/app';
import { startTestServer } from '../support/harness';
import { loadScenarios, playScenario, SHARED } from '../support/scenarios';

const run = promisify(execFile);
const scenarios = [...loadScenarios(), ...loadScenarios(path.resolve(__dirname, '../scenarios'))];

let puente: RunningPuente;
beforeAll(async () => {
  puente = await startTestServer();
});
afterAll(() => puente.close());

describe('scenarios over /api/messages', () => {
  it('has scenarios to play', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(18);
  });

  it.each(scenarios.map((s) => [s.name, s] as const))('%s', async (_name, s) => {
    const { result } = await playScenario(puente.url, s);
    expect(new Set(result.findings.map((f) => f.code))).toEqual(new Set(s.expect.findings));
    expect(result.urgent).toBe(s.expect.urgent);
    expect(result.referral).toBe(s.expect.referral);
    expect(result.reference).toMatch(/^PU-[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$/);
  });

  it('passes the shared acceptance tool', async () => {
    // The tool runs only when started by its real path (it compares import.meta.url with argv[1]).
    const tool = realpathSync(path.join(SHARED, 'tools/play-scenarios.mjs'));
    const { stdout } = await run(process.execPath, [tool, puente.url, ...scenarios.map((s) => s.file)]);
    expect(stdout).toMatch(new RegExp(`${scenarios.length} passed, 0 failed`));
  }, 60_000);
});
