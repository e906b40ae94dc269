/**
 * Puente as a real child process (`node dist/src/main.js`, built once per source version): for the
 * load and crash tests, which measure the server's memory on its own and kill it with SIGKILL. The
 * process is started by tools/'s launcher, the benchmark's too (see tools/index.ts).
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, HttpClient, ServerProcess } from '../../tools';

export { freePort };

const ROOT = path.resolve(__dirname, '../..');

function treeHash(): string {
  const h = createHash('sha256');
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|json)$/.test(name)) h.update(p).update(readFileSync(p));
    }
  };
  for (const d of ['src', 'dialogs', 'locales', 'config']) walk(path.join(ROOT, d));
  h.update(readFileSync(path.join(ROOT, 'tsconfig.build.json')));
  return h.digest('hex').slice(0, 16);
}

/**
 * Compiles src/ into a folder named after a hash of the sources, once: several test files (and
 * parallel jest workers) share it. Built in a temporary folder and renamed, so nobody sees half a build.
 */
export function buildOnce(): string {
  const out = path.join(os.tmpdir(), `puente-build-${treeHash()}`);
  if (existsSync(path.join(out, 'src/main.js'))) return out;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'puente-build-tmp-'));
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', tmp], { cwd: ROOT });
  try {
    renameSync(tmp, out);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another worker renamed its build first
  }
  return out;
}

export interface Memory {
  rss: number;
  heapUsed: number;
  /** Memory of Buffers and other objects outside the JavaScript heap. */
  external: number;
}

export interface ChildServer {
  child: ChildProcess;
  url: string;
  port: number;
  /** Log lines at warn level or above (JSON objects). */
  problems: Record<string, unknown>[];
  /** Memory after forced garbage collections around `settleMs` of idleness (default 10 s: V8 gives back space grown for a burst about 8 s after the last collection). */
  memory(settleMs?: number): Promise<Memory>;
  /** SIGKILL, and wait for the process to be gone. */
  kill(): Promise<void>;
  /** SIGTERM (a clean stop), and wait. */
  stop(): Promise<void>;
}

/**
 * Warnings every development start-up logs on purpose: a new local key file, and wording that no
 * attorney has signed off yet (meta.json in each locale). Anything else at warn level is a problem.
 */
export const EXPECTED_START_WARNINGS: ReadonlySet<string> = new Set(['KEY_FILE_CREATED', 'CONTENT_NOT_SIGNED_OFF']);

/**
 * Starts the built server with `env` on `port` (a free one unless given) and resolves once
 * /healthz answers. Logs at warn level and above are collected in `problems`.
 */
export async function startChild(build: string, env: Record<string, string>, port?: number): Promise<ChildServer> {
  const p = port ?? (await freePort());
  const server = ServerProcess.spawn({
    name: 'puente',
    script: path.join(build, 'src/main.js'),
    nodeArgs: ['--expose-gc', '-r', path.join(ROOT, 'test/soak/gcProbe.cjs')],
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_PATH: path.join(ROOT, 'node_modules'), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'development', ...env },
    port: p,
    readyPath: '/healthz',
    ipc: true,
  });
  const problems: Record<string, unknown>[] = [];
  let buffer = '';
  server.child.stdout!.on('data', (d: Buffer) => {
    buffer += d.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const l of lines) {
      if (!l.startsWith('{')) continue;
      const entry = JSON.parse(l) as Record<string, unknown>;
      if (Number(entry.level) >= 40) problems.push(entry);
    }
  });
  try {
    await server.waitReady(new HttpClient(p), 60_000);
  } catch (err) {
    await server.kill();
    throw err;
  }
  return {
    child: server.child,
    url: `http://127.0.0.1:${p}`,
    port: p,
    problems,
    memory: async (settleMs = 10_000) => {
      const { memory: m } = await server.ask<{ memory: Memory }>({ memory: true, settleMs }, settleMs + 60_000);
      return { rss: m.rss, heapUsed: m.heapUsed, external: m.external };
    },
    kill: () => server.kill(),
    stop: () => server.stop(null),
  };
}
