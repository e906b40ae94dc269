/**
 * The servers under test ("subjects"): the echo baselines, Puente on SQLite and on PostgreSQL, and
 * other builds of Puente (--compare). How each is started as a child process (entry, Node flags,
 * environment, its own data folder or database), and the throwaway PostgreSQL they use.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import { BotConversation, freePort, HttpClient, ServerProcess, ThrowawayPostgres, type ServerSpec } from '../tools';
import { ArgsError, type BenchOptions } from './args';
import { progress } from './output';

export type Store = 'sqlite' | 'postgres';
/**
 * What is measured in a round: a baseline, Puente on one of its stores, or another build of Puente
 * (`puente-sqlite@<label>`, from --compare).
 */
export type Subject = 'restify-echo' | 'bot-echo' | 'bot-echo-reused' | `puente-${Store}` | `puente-sqlite@${string}`;

export const isPuente = (s: Subject): boolean => s.startsWith('puente-');
export const storeOf = (s: Subject): Store | undefined => (s.startsWith('puente-postgres') ? 'postgres' : s.startsWith('puente-sqlite') ? 'sqlite' : undefined);
export const buildOf = (s: Subject): string | undefined => (s.includes('@') ? s.slice(s.indexOf('@') + 1) : undefined);

export class Subjects {
  private readonly keys = `bench:${randomBytes(32).toString('base64')}`;
  private pg: { url: string; cluster?: ThrowawayPostgres; databases: number } | undefined;
  private readonly tempDirs: string[] = [];
  /** --compare builds by label (the folder's name, made unique). */
  private readonly builds = new Map<string, string>();

  /**
   * `root`: the package (its node_modules, scripts and scenario folders); `built`: the compiled
   * tree holding src/main.js and bench/.
   */
  constructor(
    private readonly o: BenchOptions,
    private readonly root: string,
    private readonly built: string,
  ) {
    for (const dir of o.compare) {
      const full = path.resolve(this.root, dir);
      if (!existsSync(path.join(full, 'src/main.js'))) throw new ArgsError(`--compare ${dir}: no src/main.js there (build it with tsc -p bench/tsconfig.json --outDir ${dir})`);
      let label = path.basename(full);
      while (this.builds.has(label)) label += "'";
      this.builds.set(label, full);
    }
  }

  /** The --compare builds' labels. */
  get labels(): string[] {
    return [...this.builds.keys()];
  }

  /** The folder of a --compare subject's build. */
  buildDir(subject: Subject): string | undefined {
    const label = buildOf(subject);
    return label === undefined ? undefined : this.builds.get(label);
  }

  /** Whether Puente also runs on PostgreSQL. */
  get hasPostgres(): boolean {
    return this.pg !== undefined;
  }

  /** The subjects measured in each round, in order. */
  get list(): Subject[] {
    const list: Subject[] = [];
    for (const t of this.o.targets) {
      if (t === 'page') continue;
      if (t === 'puente') {
        list.push('puente-sqlite');
        for (const label of this.labels) list.push(`puente-sqlite@${label}`);
        if (this.pg) list.push('puente-postgres');
      } else list.push(t);
    }
    return list;
  }

  tempDir(prefix: string): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
    this.tempDirs.push(dir);
    return dir;
  }

  /**
   * How a build of Puente is started: its src/config/runtime.js (none before that file existed,
   * no RUNTIME_ENV before the malloc settings were added).
   */
  private runtime(subject: Subject): { NODE_FLAGS?: readonly string[]; RUNTIME_ENV?: Readonly<Record<string, string>> } {
    if (!isPuente(subject)) return {};
    const build = buildOf(subject);
    const file = path.join(build ? this.builds.get(build)! : this.built, 'src/config/runtime.js');
    if (!existsSync(file)) return {};
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the build under test's own settings
    return require(file) as { NODE_FLAGS?: readonly string[]; RUNTIME_ENV?: Readonly<Record<string, string>> };
  }

  private entry(subject: Subject): string {
    if (subject === 'restify-echo') return path.join(__dirname, 'targets/restifyEcho.js');
    if (subject === 'bot-echo' || subject === 'bot-echo-reused') return path.join(__dirname, 'targets/botEcho.js');
    const build = buildOf(subject);
    return path.join(build ? this.builds.get(build)! : this.built, 'src/main.js');
  }

  /**
   * A clean environment: nothing of the caller's Puente settings leaks into a server under test.
   * NODE_PATH also names this package's node_modules, for compiled trees outside it (--compare).
   */
  private baseEnv(): NodeJS.ProcessEnv {
    const keep = ['PATH', 'TZ', 'LANG', 'HOME'];
    const env: NodeJS.ProcessEnv = Object.fromEntries(keep.filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]]));
    env.NODE_PATH = [process.env.NODE_PATH, path.join(this.root, 'node_modules')].filter(Boolean).join(path.delimiter);
    return env;
  }

  /** Settings of the servers timed for memory: helper threads stop after `--threads-idle` s without use. */
  memoryEnv(): NodeJS.ProcessEnv {
    return { THREADS_IDLE_SECONDS: String(this.o.threadsIdleSeconds) };
  }

  private async puenteEnv(store: Store, dataDir: string, extra: NodeJS.ProcessEnv = {}): Promise<NodeJS.ProcessEnv> {
    return {
      ...this.baseEnv(),
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      // Every simulated person comes from 127.0.0.1, which stands for hundreds of addresses here: the
      // per-address limit is raised out of the way (still checked on every request); the
      // per-conversation limit keeps its default, as a person has it.
      RATE_LIMIT_PER_ADDRESS: '1000000',
      DATA_DIR: dataDir,
      ENCRYPTION_KEYS: this.keys,
      ...(store === 'postgres' ? { DATABASE_URL: await this.freshDatabase() } : {}),
      ...extra,
    };
  }

  async spec(subject: Subject, extra: NodeJS.ProcessEnv = {}, dataDir?: string): Promise<ServerSpec> {
    const port = await freePort();
    const store = storeOf(subject);
    const runtime = this.runtime(subject);
    return {
      name: subject,
      script: this.entry(subject),
      nodeArgs: runtime.NODE_FLAGS ?? [],
      cwd: this.root,
      port,
      readyPath: '/readyz',
      env: store
        ? { ...(await this.puenteEnv(store, dataDir ?? this.tempDir('puente-bench-'), extra)), ...runtime.RUNTIME_ENV }
        : { ...this.baseEnv(), ...(subject === 'bot-echo-reused' ? { BOT_ECHO_REUSE_CLIENTS: 'true' } : {}) },
      ipc: extra.BENCH_TIMINGS === 'true',
    };
  }

  /** Starts a server and resolves once /readyz answers and one turn has gone through. */
  async start(spec: ServerSpec): Promise<ServerProcess> {
    const target = ServerProcess.spawn(spec);
    const client = new HttpClient(spec.port, { sockets: 1, timeoutMs: 30_000 });
    try {
      await target.waitReady(client);
      await new BotConversation(client, 'en-US').start();
    } catch (err) {
      await target.stop();
      throw err;
    } finally {
      client.close();
    }
    return target;
  }

  async openPostgres(): Promise<void> {
    const p = this.o.postgres;
    if (p === 'off') return;
    if (typeof p === 'object') {
      this.pg = { url: p.url, databases: 0 };
      return;
    }
    progress('starting a throwaway PostgreSQL (scripts/test-postgres.sh)');
    // A benchmark of a durable store: fsync, synchronous_commit and full_page_writes on, as in
    // production (the tests' clusters run with them off).
    const cluster = ThrowawayPostgres.start(this.root, { durable: true });
    process.once('exit', () => this.closePostgresSync());
    this.pg = { url: cluster.url, cluster, databases: 0 };
    const { rows } = await this.admin((c) => c.query<{ fsync: string }>('SHOW fsync'));
    progress(`PostgreSQL ready (fsync=${rows[0]?.fsync ?? '?'})`);
  }

  private async admin<T>(run: (c: PgClient) => Promise<T>): Promise<T> {
    const client = new PgClient({ connectionString: this.pg!.url });
    await client.connect();
    try {
      return await run(client);
    } finally {
      await client.end();
    }
  }

  /** A new empty database for each Puente process on the throwaway cluster; the given URL as is otherwise. */
  private async freshDatabase(): Promise<string> {
    if (!this.pg) throw new Error('PostgreSQL is not set up');
    if (!this.pg.cluster) return this.pg.url;
    const name = `bench_${process.pid}_${++this.pg.databases}`;
    await this.admin((c) => c.query(`CREATE DATABASE ${name}`));
    const u = new URL(this.pg.url);
    u.pathname = `/${name}`;
    return u.toString();
  }

  private closePostgresSync(): void {
    if (!this.pg?.cluster) return;
    try {
      this.pg.cluster.stop();
    } catch {
      // best effort: the folder is a temporary one
    }
    this.pg.cluster = undefined;
  }

  /** Stops the throwaway PostgreSQL and removes the temporary folders. */
  close(): void {
    this.closePostgresSync();
    for (const d of this.tempDirs) rmSync(d, { recursive: true, force: true });
  }
}
