/**
 * Real processes: kill the server with SIGKILL in the middle of an intake, start it again on the
 * same DATA_DIR, and the person continues at the same question with every answer kept.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Conversation, questionOf, type Activity } from '../support/harness';

const ROOT = path.resolve(__dirname, '../..');
let outDir: string;
let dataDir: string;

beforeAll(() => {
  outDir = mkdtempSync(path.join(os.tmpdir(), 'puente-build-'));
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'puente-data-'));
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', outDir], { cwd: ROOT });
}, 120_000);

/** Starts `node main.js` on a free port and resolves with its URL once it listens. */
function startProcess(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [path.join(outDir, 'src/main.js')], {
    cwd: ROOT,
    env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules'), PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]! });
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

const killed = (child: ChildProcess) => new Promise<void>((resolve) => {
  child.once('exit', () => resolve());
  child.kill('SIGKILL');
});

test('an intake survives SIGKILL of the server', async () => {
  const first = await startProcess();
  const c1 = new Conversation(first.url, 'es-US');
  await c1.start();
  let acts: Activity[] = [];
  for (const t of ['español', 'sí', 'aquí', 'no', 'no', 'no']) acts = await c1.say(t);
  expect(questionOf(acts)).toBe('ice_contact');
  await killed(first.child);

  const second = await startProcess();
  try {
    // same conversation id, new process: it continues where it was, in Spanish
    const c2 = Object.assign(new Conversation(second.url, 'es-US'), { id: c1.id, user: c1.user });
    acts = await c2.say('ayuda');
    expect(questionOf(acts)).toBe('ice_contact');
    expect(acts.every((a) => a.locale === 'es-US')).toBe(true);
    for (const t of ['no', 'no', 'no', 'soltera', 'no', 'con visa', 'vigente', '3 años', 'no', 'no', 'no', 'no', 'no']) acts = await c2.say(t);
    expect(questionOf(acts)).toBe('review');
    const review = acts.find((a) => a.channelData?.question === 'review')!;
    expect(review.channelData?.progress).toEqual({ answered: 19, total: 19 });
    expect(review.text).toContain('En Estados Unidos');
  } finally {
    await killed(second.child);
  }
}, 90_000);
