/**
 * The one launcher of servers as child processes on 127.0.0.1, for the benchmark (each server under
 * test, so the generator's work never counts as theirs) and for the tests that kill Puente or read
 * its memory on its own. Memory and CPU are read from /proc (Linux); elsewhere those figures are null.
 */
import { spawn, type ChildProcess, type Serializable } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Requester } from './httpClient';

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

export interface ServerSpec {
  name: string;
  /** The compiled entry to run with node. */
  script: string;
  /** Node flags before the script (Puente's own, src/config/runtime.ts). */
  nodeArgs?: readonly string[];
  cwd: string;
  /** The whole environment of the child (HOST defaults to 127.0.0.1; PORT is `port`). */
  env: NodeJS.ProcessEnv;
  port: number;
  /** Answers 200 when the server can take turns. */
  readyPath: string;
  ipc?: boolean;
}

export class ServerProcess {
  private output = '';
  private readonly exited: Promise<number | null>;
  private exitCode: number | null | undefined;

  private constructor(
    readonly spec: ServerSpec,
    readonly child: ChildProcess,
    /** performance.now() just before the spawn. */
    readonly spawnedAt: number,
  ) {
    // Always drained: a full pipe would block the server's synchronous logging.
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

  static spawn(spec: ServerSpec): ServerProcess {
    const spawnedAt = performance.now();
    const child = spawn(process.execPath, [...(spec.nodeArgs ?? []), spec.script], {
      cwd: spec.cwd,
      env: { HOST: '127.0.0.1', ...spec.env, PORT: String(spec.port) },
      stdio: spec.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
    });
    return new ServerProcess(spec, child, spawnedAt);
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Whether the process has exited. */
  get gone(): boolean {
    return this.exitCode !== undefined;
  }

  /** The last few KB the process wrote (for error messages). */
  get lastOutput(): string {
    return this.output.trim();
  }

  /** Polls `readyPath` through `client` until it answers 200; resolves with ms since the spawn. */
  async waitReady(client: Requester, timeoutMs = 30_000): Promise<number> {
    const deadline = this.spawnedAt + timeoutMs;
    while (performance.now() < deadline) {
      if (this.gone) throw new Error(`${this.spec.name} exited (${this.exitCode}) before it was ready: ${this.lastOutput}`);
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
  ask<T>(message: Serializable, timeoutMs = 5000): Promise<T> {
    return new Promise((resolve, reject) => {
      if (!this.child.send) return reject(new Error(`${this.spec.name} has no IPC channel`));
      const timer = setTimeout(() => reject(new Error(`${this.spec.name} did not answer ${typeof message === 'string' ? message : JSON.stringify(message)}`)), timeoutMs);
      this.child.once('message', (reply) => {
        clearTimeout(timer);
        resolve(reply as T);
      });
      this.child.send(message);
    });
  }

  /** SIGKILL; resolves when the process is gone. */
  async kill(): Promise<void> {
    if (!this.gone) this.child.kill('SIGKILL');
    await this.exited;
    live.delete(this);
  }

  /**
   * SIGTERM (a clean stop), then SIGKILL after `killAfterMs` (never with null); resolves when the
   * process is gone.
   */
  async stop(killAfterMs: number | null = 5000): Promise<void> {
    if (!this.gone) {
      this.child.kill('SIGTERM');
      const killer = killAfterMs === null ? undefined : setTimeout(() => this.child.kill('SIGKILL'), killAfterMs);
      await this.exited;
      clearTimeout(killer);
    }
    live.delete(this);
  }
}

/** Children still running, killed if the process that started them exits early. */
const live = new Set<ServerProcess>();
process.once('exit', () => {
  for (const t of live) t.child.kill('SIGKILL');
});
