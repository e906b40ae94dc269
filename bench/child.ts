/**
 * Servers under test run as child processes on 127.0.0.1, one at a time, so the generator's own
 * work never counts as theirs. Their memory and CPU are read from /proc (Linux); elsewhere those
 * figures are null.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from './client';

/** USER_HZ: the unit of utime/stime in /proc/<pid>/stat (100 on Linux for every architecture's user ABI). */
const CLOCK_TICKS = 100;

/** A free TCP port on 127.0.0.1 (asked of the kernel, then released for the child to take). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Resident memory of a process now, in MB (MiB). */
export const rssMb = (pid: number): number | null => statusField(pid, 'VmRSS');
/** The highest resident memory of a process since it started, in MB (MiB). */
export const peakRssMb = (pid: number): number | null => statusField(pid, 'VmHWM');

/** CPU seconds (user + system, every thread) a process has used so far. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (2nd field) is in parentheses and may hold spaces: count fields after it.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(rest[11]) + Number(rest[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

export interface TargetSpec {
  name: string;
  /** The compiled entry to run with node. */
  script: string;
  /** Node flags before the script (Puente's own, src/config/runtime.ts). */
  nodeArgs?: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  port: number;
  /** Answers 200 when the server can take turns. */
  readyPath: string;
  ipc?: boolean;
}

export class TargetProcess {
  private output = '';
  private exited: Promise<number | null>;
  private exitCode: number | null | undefined;

  private constructor(
    readonly spec: TargetSpec,
    readonly child: ChildProcess,
    /** performance.now() just before the spawn. */
    readonly spawnedAt: number,
  ) {
    const keep = (d: Buffer) => {
      this.output = (this.output + d.toString()).slice(-4000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) =>
      child.once('exit', (code) => {
        this.exitCode = code;
        resolve(code);
      }),
    );
    live.add(this);
  }

  static spawn(spec: TargetSpec): TargetProcess {
    const spawnedAt = performance.now();
    const child = spawn(process.execPath, [...(spec.nodeArgs ?? []), spec.script], {
      cwd: spec.cwd,
      env: { ...spec.env, PORT: String(spec.port), HOST: '127.0.0.1' },
      stdio: spec.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
    });
    return new TargetProcess(spec, child, spawnedAt);
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** The last few KB the process wrote (for error messages). */
  get lastOutput(): string {
    return this.output.trim();
  }

  /** Polls `readyPath` until it answers 200; resolves with ms since the spawn. */
  async waitReady(client: Client, timeoutMs = 30_000): Promise<number> {
    const deadline = this.spawnedAt + timeoutMs;
    while (performance.now() < deadline) {
      if (this.exitCode !== undefined) throw new Error(`${this.spec.name} exited (${this.exitCode}) before it was ready: ${this.lastOutput}`);
      try {
        const res = await client.request('GET', this.spec.readyPath);
        if (res.status === 200) return performance.now() - this.spawnedAt;
      } catch {
        // not listening yet
      }
      await sleep(5);
    }
    throw new Error(`${this.spec.name} was not ready within ${timeoutMs} ms: ${this.lastOutput}`);
  }

  /** Waits until the process uses under 5% of a core over 250 ms (start-up work done), at most `timeoutMs`. */
  async settle(timeoutMs = 5000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    let last = cpuSeconds(this.pid);
    while (performance.now() < deadline && last !== null) {
      await sleep(250);
      const now = cpuSeconds(this.pid);
      if (now === null) return;
      if (now - last < 0.0125) return;
      last = now;
    }
  }

  /** Sends a message over the IPC channel and resolves with the first reply. */
  ask<T>(message: string, timeoutMs = 5000): Promise<T> {
    return new Promise((resolve, reject) => {
      if (!this.child.send) return reject(new Error(`${this.spec.name} has no IPC channel`));
      const timer = setTimeout(() => reject(new Error(`${this.spec.name} did not answer ${message}`)), timeoutMs);
      this.child.once('message', (reply) => {
        clearTimeout(timer);
        resolve(reply as T);
      });
      this.child.send(message);
    });
  }

  /** SIGTERM, then SIGKILL after 5 s; resolves when the process is gone. */
  async stop(): Promise<void> {
    if (this.exitCode === undefined) {
      this.child.kill('SIGTERM');
      const killer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
      await this.exited;
      clearTimeout(killer);
    }
    live.delete(this);
  }
}

/** Children still running, killed if the benchmark itself exits early. */
const live = new Set<TargetProcess>();
process.once('exit', () => {
  for (const t of live) t.child.kill('SIGKILL');
});
