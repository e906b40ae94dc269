/**
 * `npm run bench` end to end, tiny: builds Puente and the benchmark, runs every phase with a handful
 * of turns, and checks that it completes without errors and prints well-formed JSON lines. No
 * figure is judged here: speed is measured by the benchmark itself, never by a test.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
let outDir: string;

beforeAll(() => {
  outDir = mkdtempSync(path.join(os.tmpdir(), 'puente-bench-build-'));
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'bench/tsconfig.json', '--outDir', outDir], { cwd: ROOT });
}, 180_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

function bench(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(outDir, 'bench/run.js'), ...args], {
      cwd: ROOT,
      env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

test('a tiny bench run completes with no errors and prints one JSON object per line', async () => {
  const pg = process.env.TEST_DATABASE_URL;
  const { code, stdout, stderr } = await bench([
    ...['--concurrency', '2', '--warmup', '0.2', '--duration', '0.8', '--rounds', '1'],
    ...['--soak-intakes', '4', '--soak-quiet', '2', '--threads-idle', '1', '--startups', '1', '--breakdown', '--page-runs', '1', '--max-seconds', '300'],
    ...(pg ? ['--database-url', pg] : ['--no-postgres']),
  ]);
  expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });
  const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  const kinds = lines.map((l) => l.kind);
  expect(kinds[0]).toBe('machine');
  for (const k of ['startup', 'target', 'breakdown', 'soak', 'targets']) expect(kinds).toContain(k);

  const targets = lines.filter((l) => l.kind === 'target');
  expect(targets.map((t) => `${t.target}${t.store ? `/${t.store}` : ''}`)).toEqual(['restify-echo', 'bot-echo', 'puente/sqlite', ...(pg ? ['puente/postgres'] : [])]);
  for (const t of targets) {
    expect(t.errors).toBe(0);
    for (const f of ['turnsPerSec', 'p50Ms', 'p95Ms', 'p99Ms', 'peakRssMb', 'ratioToRestifyEcho', 'ratioToBotEcho', 'generatorCpuCores']) expect(typeof t[f]).toBe('number');
    expect(typeof t.generatorBottleneck).toBe('boolean');
  }

  const startup = lines.find((l) => l.kind === 'startup')!;
  expect(startup.errors).toBe(0);
  for (const f of ['readyzMs', 'readyToAnswerMs', 'dateTurnMs', 'startedRssMb', 'idleRssMb']) expect(typeof startup[f]).toBe('number');

  const breakdowns = lines.filter((l) => l.kind === 'breakdown');
  expect(breakdowns.length).toBe(pg ? 2 : 1);
  for (const b of breakdowns) {
    expect(b.errors).toBe(0);
    expect(Object.keys(b.perTurnMs as object)).toEqual(['adapter', 'load', 'understand', 'transition', 'evaluate', 'render', 'save', 'otherInTurn']);
  }

  const soak = lines.find((l) => l.kind === 'soak')!;
  expect(soak).toMatchObject({ intakes: 4, complete: true, errors: 0 });
  expect(typeof soak.growthMb).toBe('number');

  const verdict = lines.find((l) => l.kind === 'targets')!;
  for (const v of Object.values(verdict).filter((x) => typeof x === 'object')) expect(typeof (v as { met: unknown }).met).toBe('boolean');
}, 300_000);

test('refuses a bad option with the usage and exit code 64', async () => {
  const { code, stderr } = await bench(['--concurrency', 'lots']);
  expect(code).toBe(64);
  expect(stderr).toMatch(/--concurrency/);
  expect(stderr).toMatch(/npm run bench/);
});
