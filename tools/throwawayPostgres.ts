/**
 * A throwaway PostgreSQL cluster from TypeScript: scripts/test-postgres.sh, the one provisioner of
 * the tests, the soak and the benchmark, run synchronously (its progress goes to stderr, or is kept
 * quiet).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export interface ThrowawayPostgresOptions {
  /** The cluster's folder (a new temporary one unless given). */
  dir?: string;
  /** fsync, synchronous_commit and full_page_writes on, as in production. */
  durable?: boolean;
  /** Keep the script's progress off stderr. */
  quiet?: boolean;
}

export class ThrowawayPostgres {
  private constructor(
    private readonly run: (...args: string[]) => string,
    readonly dir: string,
    readonly url: string,
  ) {}

  /** Starts a cluster with `root`'s scripts/test-postgres.sh (installing PostgreSQL with apt-get if missing). */
  static start(root: string, options: ThrowawayPostgresOptions = {}): ThrowawayPostgres {
    const script = path.join(root, 'scripts/test-postgres.sh');
    const run = (...args: string[]) =>
      execFileSync('bash', [script, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', options.quiet ? 'pipe' : 'inherit'] }).trim();
    const dir = run('start', ...(options.dir ? [options.dir] : []), ...(options.durable ? ['--durable'] : []));
    return new ThrowawayPostgres(run, dir, run('url', dir));
  }

  /** Stops the server and keeps its data. */
  pause(): void {
    this.run('pause', this.dir);
  }

  /** Starts a paused server again, on the same port. */
  resume(): void {
    this.run('resume', this.dir);
  }

  /** Stops the server and removes its folder. */
  stop(): void {
    this.run('stop', this.dir);
  }
}
