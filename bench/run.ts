/**
 * `npm run bench`: starts each server under test itself (child processes on 127.0.0.1, one at a
 * time), drives `concurrency` conversations through it with the same generator, and prints one JSON
 * line per result on stdout (progress goes to stderr):
 *
 * - `machine`: CPU model, cores, Node version, load average (the figures depend on them);
 * - `startup`: Puente restarted on a store holding conversations that wait on a Spanish date: ms from
 *   spawn to /readyz 200 and to a newcomer's first reply, the resumed Spanish date turn, RSS once the
 *   start-up work is done (date models loaded) and idle RSS (after `--soak-quiet` s without traffic,
 *   longer than `--threads-idle`, so the helper threads have given their memory back);
 * - `target`: per server (restify echo, botbuilder echo, Puente on SQLite, Puente on PostgreSQL): the
 *   median over rounds of turns/s and p50/p95/p99, errors, peak RSS, the ratios to both baselines, and
 *   the CPU of the server and of the generator (the generator-not-the-bottleneck check);
 * - `breakdown` (`--breakdown`): mean ms per turn in each part of a turn, from the server's timing hook;
 * - `soak`: idle RSS before `--soak-intakes` finished intakes (after `--soak-quiet` s without traffic),
 *   right after them, and after `--soak-quiet` s of quiet again;
 * - `targets`: issue 9's targets, each with its figure and whether it is met;
 * - `page` (target `page`, bench/page.ts): the chat page's first visit in chromium on a throttled
 *   network and CPU, per profile: ms to the first question on screen, bytes until idle, each with
 *   issue 20's target; and `webchat-minimal`: the size of Microsoft Web Chat's minimal bundle.
 *
 * Everything is bounded: time per phase, request timeouts, `--max-seconds` for the whole run.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client as PgClient } from 'pg';
import { ArgsError, parseArgs, USAGE, type BenchOptions } from './args';
import { runLoad, type LoadResult } from './load';
import { CHROMIUM, measurePage } from './page';
import { median, round } from './stats';
import { BotConversation, freePort, HttpClient, loadScenarios, peakRssMb, playUntil, rssMb, ServerProcess, type Scenario, type ServerSpec } from '../tools';

type Store = 'sqlite' | 'postgres';
/**
 * What is measured in a round: a baseline, Puente on one of its stores, or another build of Puente
 * (`puente-sqlite@<label>`, from --compare).
 */
type Subject = 'restify-echo' | 'bot-echo' | 'bot-echo-reused' | `puente-${Store}` | `puente-sqlite@${string}`;

const isPuente = (s: Subject): boolean => s.startsWith('puente-');
const storeOf = (s: Subject): Store | undefined => (s.startsWith('puente-postgres') ? 'postgres' : s.startsWith('puente-sqlite') ? 'sqlite' : undefined);
const buildOf = (s: Subject): string | undefined => (s.includes('@') ? s.slice(s.indexOf('@') + 1) : undefined);

/** The timing totals Puente's bench hook answers over IPC (src/conversation/turnTimings.ts). */
interface TimingTotals {
  turns: number;
  turnMs: number;
  requests: number;
  requestMs: number;
  phases: Record<string, { count: number; ms: number }>;
}

const PHASES = ['load', 'understand', 'transition', 'evaluate', 'render', 'save'] as const;

const out = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);
const progress = (msg: string) => process.stderr.write(`bench: ${msg}\n`);

class Bench {
  private readonly root = process.cwd();
  /** The compiled tree: <out>/bench/run.js next to <out>/src/main.js. */
  private readonly built = path.resolve(__dirname, '..');
  private readonly scenarios: Scenario[];
  private readonly keys = `bench:${randomBytes(32).toString('base64')}`;
  private pg: { url: string; dir?: string; databases: number } | undefined;
  private readonly tempDirs: string[] = [];
  /** performance.now() past which the run has overstayed --max-seconds. */
  private readonly deadline: number;

  constructor(private readonly o: BenchOptions) {
    this.deadline = performance.now() + o.maxSeconds * 1000;
    const dirs = o.scenarioDirs.length
      ? o.scenarioDirs.map((d) => path.resolve(this.root, d))
      : [path.resolve(this.root, '../shared/scenarios'), path.resolve(this.root, 'test/scenarios')].filter((d) => existsSync(d));
    this.scenarios = loadScenarios(dirs);
    for (const dir of o.compare) {
      const full = path.resolve(this.root, dir);
      if (!existsSync(path.join(full, 'src/main.js'))) throw new ArgsError(`--compare ${dir}: no src/main.js there (build it with tsc -p bench/tsconfig.json --outDir ${dir})`);
      let label = path.basename(full);
      while (this.builds.has(label)) label += "'";
      this.builds.set(label, full);
    }
    if (this.scenarios.length === 0) throw new ArgsError(`no scenario files in ${dirs.join(', ') || '(no folder found)'}`);
    progress(`${this.scenarios.length} scenarios from ${dirs.join(', ')}`);
  }

  private tempDir(prefix: string): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
    this.tempDirs.push(dir);
    return dir;
  }

  /** --compare builds by label (the folder's name, made unique). */
  private readonly builds = new Map<string, string>();

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
  private memoryEnv(): NodeJS.ProcessEnv {
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

  private async spec(subject: Subject, extra: NodeJS.ProcessEnv = {}, dataDir?: string): Promise<ServerSpec> {
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
  private async start(spec: ServerSpec): Promise<ServerProcess> {
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

  private load(target: ServerProcess, subject: Subject, extra: Partial<Parameters<typeof runLoad>[0]> = {}): Promise<LoadResult> {
    const warmupMs = this.o.warmupSeconds * 1000;
    const measureMs = this.o.durationSeconds * 1000;
    return runLoad({
      port: target.spec.port,
      pid: target.pid,
      concurrency: this.o.concurrency,
      mode: isPuente(subject) ? 'intake' : 'script',
      scenarios: this.scenarios,
      warmupMs,
      measureMs,
      limitMs: warmupMs + measureMs + 60_000,
      ...extra,
    });
  }

  // --- PostgreSQL --------------------------------------------------------------------------------

  private async openPostgres(): Promise<void> {
    const p = this.o.postgres;
    if (p === 'off') return;
    if (typeof p === 'object') {
      this.pg = { url: p.url, databases: 0 };
      return;
    }
    progress('starting a throwaway PostgreSQL (scripts/test-postgres.sh)');
    const script = path.join(this.root, 'scripts/test-postgres.sh');
    const dir = execFileSync('bash', [script, 'start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
    process.once('exit', () => this.closePostgresSync());
    const url = execFileSync('bash', [script, 'url', dir], { encoding: 'utf8' }).trim();
    this.pg = { url, dir, databases: 0 };
    // The test cluster runs with fsync, synchronous_commit and full_page_writes off; a benchmark of a
    // durable store turns them back on, as in production.
    await this.admin((c) => c.query('ALTER SYSTEM SET fsync = on').then(() => c.query('ALTER SYSTEM SET synchronous_commit = on')).then(() => c.query('ALTER SYSTEM SET full_page_writes = on')).then(() => c.query('SELECT pg_reload_conf()')));
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
    if (!this.pg.dir) return this.pg.url;
    const name = `bench_${process.pid}_${++this.pg.databases}`;
    await this.admin((c) => c.query(`CREATE DATABASE ${name}`));
    const u = new URL(this.pg.url);
    u.pathname = `/${name}`;
    return u.toString();
  }

  private closePostgresSync(): void {
    if (!this.pg?.dir) return;
    try {
      execFileSync('bash', [path.join(this.root, 'scripts/test-postgres.sh'), 'stop', this.pg.dir], { stdio: 'ignore' });
    } catch {
      // best effort: the folder is a temporary one
    }
    this.pg.dir = undefined;
  }

  // --- phases ----------------------------------------------------------------------------------

  private get subjects(): Subject[] {
    const list: Subject[] = [];
    for (const t of this.o.targets) {
      if (t === 'page') continue;
      if (t === 'puente') {
        list.push('puente-sqlite');
        for (const label of this.builds.keys()) list.push(`puente-sqlite@${label}`);
        if (this.pg) list.push('puente-postgres');
      } else list.push(t);
    }
    return list;
  }

  /**
   * Restarts Puente on a store where conversations wait on a Spanish date question. After each
   * restart: ms until /readyz answers 200, until a newcomer's first turn is answered (ready to
   * answer), then how long a resumed conversation's Spanish date answer takes (the date models are
   * the slowest thing a fresh process builds, so this is the worst turn right after a restart).
   */
  private async startup(subject: Subject): Promise<StartupLine> {
    const s =
      this.scenarios.find((x) => x.locale === 'es' && x.answers.hearing_when !== undefined && !x.answers.hearing_when.includes('{')) ??
      this.scenarios.find((x) => x.locale === 'es' && x.answers.time_in_us !== undefined);
    if (!s) throw new Error('no Spanish scenario with a typed date to time the start-up with');
    const question = s.answers.hearing_when !== undefined ? 'hearing_when' : 'time_in_us';
    const answer = s.answers[question]!;
    progress(`start-up of ${subject}: ${this.o.startups} restarts, then "${question}" of ${s.name}`);
    const dataDir = this.tempDir('puente-bench-startup-');
    const seedSpec = await this.spec(subject, this.memoryEnv(), dataDir);
    const seed = await this.start(seedSpec);
    const waiting: BotConversation[] = [];
    const seedClient = new HttpClient(seedSpec.port, { sockets: 1 });
    try {
      for (let i = 0; i < this.o.startups; i++) {
        const c = new BotConversation(seedClient, 'es-US');
        await playUntil(c, s, new Date(), question);
        waiting.push(c);
      }
    } finally {
      seedClient.close();
      await seed.stop();
    }
    const runs: { readyzMs: number; readyToAnswerMs: number; dateTurnMs: number; dateAnsweredMs: number; startedRssMb: number; idleRssMb: number }[] = [];
    let errors = 0;
    for (const c of waiting) {
      const spec = { ...seedSpec, port: await freePort() };
      const target = ServerProcess.spawn(spec);
      const probe = new HttpClient(spec.port, { sockets: 1 });
      const sinceSpawn = () => performance.now() - target.spawnedAt;
      try {
        const readyzMs = await target.waitReady(probe);
        // Someone new says hello...
        const greeting = await new BotConversation(probe, 'es-US').start();
        const readyToAnswerMs = sinceSpawn();
        if (!greeting.some((a) => a.channelData?.question === 'language')) errors++;
        // ...and someone who was half-way answers the date question in Spanish.
        const replies = await c.via(probe).say(answer);
        const dateAnsweredMs = sinceSpawn();
        if (!replies.some((a) => a.channelData?.question && a.channelData.question !== question)) errors++;
        // Once the start-up work (models built on a thread included) is done...
        await target.settle(20_000);
        const startedRssMb = rssMb(target.pid) ?? Number.NaN;
        // ...and idle: nobody has chatted for longer than the helper threads wait before stopping.
        await sleep(this.o.soakQuietSeconds * 1000);
        runs.push({ readyzMs, readyToAnswerMs, dateTurnMs: dateAnsweredMs - readyToAnswerMs, dateAnsweredMs, startedRssMb, idleRssMb: rssMb(target.pid) ?? Number.NaN });
      } finally {
        probe.close();
        await target.stop();
      }
    }
    const line: StartupLine = {
      kind: 'startup',
      store: 'sqlite',
      ...(buildOf(subject) ? { build: this.builds.get(buildOf(subject)!) } : {}),
      restarts: runs.length,
      readyzMs: round(median(runs.map((r) => r.readyzMs)), 0),
      readyToAnswerMs: round(median(runs.map((r) => r.readyToAnswerMs)), 0),
      dateTurn: `then a resumed conversation answers ${question} in Spanish ("${answer}")`,
      dateTurnMs: round(median(runs.map((r) => r.dateTurnMs)), 1),
      dateAnsweredMs: round(median(runs.map((r) => r.dateAnsweredMs)), 0),
      startedRssMb: round(median(runs.map((r) => r.startedRssMb)), 1),
      idleRssMb: round(median(runs.map((r) => r.idleRssMb)), 1),
      idleAfterSeconds: this.o.soakQuietSeconds,
      threadsIdleSeconds: this.o.threadsIdleSeconds,
      errors,
      runs: runs.map((r) => ({
        readyzMs: round(r.readyzMs, 0),
        readyToAnswerMs: round(r.readyToAnswerMs, 0),
        dateTurnMs: round(r.dateTurnMs, 1),
        startedRssMb: round(r.startedRssMb, 1),
        idleRssMb: round(r.idleRssMb, 1),
      })),
    };
    out({ ...line });
    return line;
  }

  /** One measured run of a subject on a fresh server, once its start-up work is done (CPU idle). */
  private async measure(subject: Subject): Promise<LoadResult> {
    const target = await this.start(await this.spec(subject));
    try {
      await target.settle();
      return await this.load(target, subject);
    } finally {
      await target.stop();
    }
  }

  private async rounds(): Promise<Map<Subject, LoadResult[]>> {
    const results = new Map<Subject, LoadResult[]>(this.subjects.map((s) => [s, []]));
    for (let r = 1; r <= this.o.rounds; r++) {
      for (const subject of this.subjects) {
        const res = await this.measure(subject);
        results.get(subject)!.push(res);
        progress(
          `round ${r}/${this.o.rounds} ${subject}: ${res.turnsPerSec.toFixed(0)} turns/s, p99 ${res.latency.p99Ms.toFixed(1)} ms, ` +
            `errors ${res.errors}, server ${res.server.cpuCores?.toFixed(2)} cores, generator ${res.generator.cpuCores.toFixed(2)} cores (loop ${(res.generator.elu * 100).toFixed(0)}%)`,
        );
        if (res.errorSamples.length) progress(`  errors: ${res.errorSamples.join(' | ')}`);
      }
    }
    return results;
  }

  private targetLine(subject: Subject, runs: LoadResult[], all: Map<Subject, LoadResult[]>): TargetLine {
    const ratio = (baseline: Subject) => {
      const base = all.get(baseline);
      if (!base) return null;
      return round(median(runs.map((r, i) => r.turnsPerSec / (base[i]?.turnsPerSec ?? Number.NaN))), 3);
    };
    const m = (f: (r: LoadResult) => number | null) => median(runs.map((r) => f(r) ?? Number.NaN));
    const generatorElu = Math.max(...runs.map((r) => r.generator.elu));
    return {
      kind: 'target',
      target: isPuente(subject) ? 'puente' : subject,
      ...(storeOf(subject) ? { store: storeOf(subject) } : {}),
      ...(buildOf(subject) ? { build: this.builds.get(buildOf(subject)!) } : {}),
      concurrency: this.o.concurrency,
      rounds: runs.length,
      secondsPerRound: this.o.durationSeconds,
      turnsPerSec: round(m((r) => r.turnsPerSec), 0),
      p50Ms: round(m((r) => r.latency.p50Ms), 2),
      p95Ms: round(m((r) => r.latency.p95Ms), 2),
      p99Ms: round(m((r) => r.latency.p99Ms), 2),
      p999Ms: round(m((r) => r.latency.p999Ms), 2),
      ...(isPuente(subject)
        ? {
            dateTurns: { share: round(m((r) => r.dateTurns.count / r.latency.count), 3), p50Ms: round(m((r) => r.dateTurns.p50Ms), 2), p99Ms: round(m((r) => r.dateTurns.p99Ms), 2) },
            otherTurns: { p50Ms: round(m((r) => r.otherTurns.p50Ms), 2), p99Ms: round(m((r) => r.otherTurns.p99Ms), 2) },
          }
        : {}),
      errors: runs.reduce((n, r) => n + r.errors, 0),
      peakRssMb: round(Math.max(...runs.map((r) => r.server.peakRssMb ?? Number.NaN)), 1),
      ratioToRestifyEcho: ratio('restify-echo'),
      ratioToBotEcho: ratio('bot-echo'),
      ...(all.has('bot-echo-reused') ? { ratioToBotEchoReused: ratio('bot-echo-reused') } : {}),
      serverCpuCores: round(m((r) => r.server.cpuCores), 2),
      serverCpuMsPerTurn: round(m((r) => r.server.cpuMsPerTurn), 3),
      generatorCpuCores: round(m((r) => r.generator.cpuCores), 2),
      generatorLoopUtilization: round(generatorElu, 2),
      // The generator is one Node event loop: busy nearly all the time, it (not the server) sets the pace.
      generatorBottleneck: generatorElu >= 0.9,
      rounds_turnsPerSec: runs.map((r) => round(r.turnsPerSec, 0)),
      rounds_p99Ms: runs.map((r) => round(r.latency.p99Ms, 2)),
    };
  }

  /**
   * Mean cost of each part of a turn, from the server's timing hook (BENCH_TIMINGS) over a measured
   * window. One conversation at a time: with turns interleaved, a part's clock would also run
   * while other turns' work executes, and the parts would no longer add up to a turn's cost.
   */
  private async breakdown(subject: Subject): Promise<void> {
    const store = storeOf(subject)!;
    const target = await this.start(await this.spec(subject, { BENCH_TIMINGS: 'true' }));
    await target.settle();
    let first: Promise<TimingTotals> | undefined;
    let last: Promise<TimingTotals> | undefined;
    try {
      const res = await this.load(target, subject, {
        concurrency: 1,
        onWindow: (edge) => {
          if (edge === 'begin') first = target.ask<TimingTotals>('bench:timings');
          else last = target.ask<TimingTotals>('bench:timings');
        },
      });
      if (!first || !last) throw new Error('the measured window did not run');
      const [a, b] = [await first, await last];
      const turns = b.turns - a.turns;
      const per = (ms: number) => round(ms / turns, 4);
      const phaseMs = (p: string) => (b.phases[p]?.ms ?? 0) - (a.phases[p]?.ms ?? 0);
      const phaseCount = (p: string) => (b.phases[p]?.count ?? 0) - (a.phases[p]?.count ?? 0);
      const turnMs = b.turnMs - a.turnMs;
      const requestMs = b.requestMs - a.requestMs;
      const inPhases = PHASES.reduce((sum, p) => sum + phaseMs(p), 0);
      const routeMs = requestMs / (b.requests - a.requests);
      out({
        kind: 'breakdown',
        store,
        ...(buildOf(subject) ? { build: this.builds.get(buildOf(subject)!) } : {}),
        concurrency: 1,
        turns,
        turnsPerSec: round(res.turnsPerSec, 0),
        errors: res.errors,
        perTurnMs: {
          adapter: per(requestMs - turnMs),
          ...Object.fromEntries(PHASES.map((p) => [p, per(phaseMs(p))])),
          otherInTurn: per(turnMs - inPhases),
        },
        perCallMs: Object.fromEntries(PHASES.map((p) => [p, round(phaseMs(p) / Math.max(1, phaseCount(p)), 4)])),
        handleTurnMs: per(turnMs),
        routeMs: round(routeMs, 4),
        serverCpuMsPerTurn: round(res.server.cpuMsPerTurn ?? Number.NaN, 4),
        clientMeanLatencyMs: round(res.latency.meanMs, 3),
      });
    } finally {
      await target.stop();
    }
  }

  private async soak(): Promise<SoakLine | undefined> {
    const n = this.o.soakIntakes;
    if (n === 0) return undefined;
    progress(`soak: ${n} full intakes on SQLite`);
    const target = await this.start(await this.spec('puente-sqlite', this.memoryEnv()));
    try {
      await target.settle();
      // Idle as in the start-up figure: quiet for longer than the helper threads wait.
      await sleep(this.o.soakQuietSeconds * 1000);
      const idle = rssMb(target.pid);
      const trace: number[] = [];
      const started = performance.now();
      const res = await runLoad({
        port: target.spec.port,
        pid: target.pid,
        concurrency: this.o.concurrency,
        mode: 'intake',
        scenarios: this.scenarios,
        intakes: n,
        limitMs: Math.max(1000, this.deadline - performance.now() - 30_000),
        onRss: (mb) => trace.push(mb),
      });
      const seconds = (performance.now() - started) / 1000;
      const atEnd = rssMb(target.pid);
      // Then quiet, as after the event: what the process keeps once the heap has shrunk back.
      await sleep(this.o.soakQuietSeconds * 1000);
      const afterQuiet = rssMb(target.pid);
      const step = Math.max(1, Math.floor(trace.length / 10));
      const line: SoakLine = {
        kind: 'soak',
        store: 'sqlite',
        concurrency: this.o.concurrency,
        intakes: res.completed,
        complete: !res.timedOut && res.completed >= n,
        seconds: round(seconds, 1),
        turnsPerSec: round(res.turnsPerSec, 0),
        p99Ms: round(res.latency.p99Ms, 2),
        errors: res.errors,
        idleRssMb: round(idle ?? Number.NaN, 1),
        atEndRssMb: round(atEnd ?? Number.NaN, 1),
        quietSeconds: this.o.soakQuietSeconds,
        afterQuietRssMb: round(afterQuiet ?? Number.NaN, 1),
        growthAtEndMb: round((atEnd ?? Number.NaN) - (idle ?? Number.NaN), 1),
        growthMb: round((afterQuiet ?? Number.NaN) - (idle ?? Number.NaN), 1),
        peakRssMb: round(peakRssMb(target.pid) ?? Number.NaN, 1),
        rssTraceMb: trace.filter((_, i) => i % step === 0).map((v) => round(v, 0)),
      };
      out({ ...line });
      return line;
    } finally {
      await target.stop();
    }
  }

  /** The chat page's first visit on a throttled phone (bench/page.ts), against Puente on SQLite. */
  private async page(): Promise<void> {
    if (!existsSync(CHROMIUM)) {
      out({ kind: 'page', skipped: `chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)` });
      return;
    }
    const target = await this.start(await this.spec('puente-sqlite'));
    try {
      const { lines, webChat } = await measurePage(`http://127.0.0.1:${target.spec.port}/`, this.o.pageRuns, this.root, progress);
      for (const line of lines) out({ ...line });
      out({ kind: 'webchat-minimal', ...(webChat ?? { skipped: 'botframework-webchat not installed' }), budgetBytes: 150 * 1024 });
    } finally {
      await target.stop();
    }
  }

  async run(): Promise<void> {
    out({
      kind: 'machine',
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      loadAverage1m: round(os.loadavg()[0]!, 2),
      note: 'load generator and servers share these cores; other work on the machine shows in the figures',
    });
    try {
      if (this.o.targets.includes('puente')) await this.openPostgres();
      let startup: StartupLine | undefined;
      if (this.o.targets.includes('puente') && this.o.startups > 0) {
        startup = await this.startup('puente-sqlite');
        for (const label of this.builds.keys()) await this.startup(`puente-sqlite@${label}`);
      }
      const all = await this.rounds();
      const lines = new Map<Subject, TargetLine>();
      for (const [subject, runs] of all) {
        const line = this.targetLine(subject, runs, all);
        lines.set(subject, line);
        out({ ...line });
      }
      if (this.o.breakdown && this.o.targets.includes('puente')) {
        await this.breakdown('puente-sqlite');
        for (const label of this.builds.keys()) await this.breakdown(`puente-sqlite@${label}`);
        if (this.pg) await this.breakdown('puente-postgres');
      }
      const soak = this.o.targets.includes('puente') ? await this.soak() : undefined;
      if (this.o.targets.includes('puente')) out({ ...verdict(lines, startup, soak) });
      if (this.o.targets.includes('page')) await this.page();
      out({ kind: 'machine-after', loadAverage1m: round(os.loadavg()[0]!, 2) });
    } finally {
      this.closePostgresSync();
      for (const d of this.tempDirs) rmSync(d, { recursive: true, force: true });
    }
  }
}

interface StartupLine {
  kind: 'startup';
  store: Store;
  build?: string;
  restarts: number;
  readyzMs: number | null;
  readyToAnswerMs: number | null;
  dateTurn: string;
  dateTurnMs: number | null;
  dateAnsweredMs: number | null;
  /** RSS once the start-up work is done, the date models loaded. */
  startedRssMb: number | null;
  /** RSS after `idleAfterSeconds` without traffic (helper threads stopped). */
  idleRssMb: number | null;
  idleAfterSeconds: number;
  threadsIdleSeconds: number;
  errors: number;
  runs: Record<string, number | null>[];
}

interface TargetLine {
  kind: 'target';
  target: string;
  store?: string;
  turnsPerSec: number | null;
  p99Ms: number | null;
  errors: number;
  ratioToBotEcho: number | null;
  [more: string]: unknown;
}

interface SoakLine {
  kind: 'soak';
  intakes: number;
  complete: boolean;
  errors: number;
  idleRssMb: number | null;
  atEndRssMb: number | null;
  quietSeconds: number;
  afterQuietRssMb: number | null;
  /** RSS after the quiet period minus the idle RSS before the soak. */
  growthMb: number | null;
  [more: string]: unknown;
}

/** Issue 9's targets and the reference intake ("twice as fast" as 550-800 turns/s, p99 70-120 ms, 130 MB idle). */
export function verdict(lines: Map<string, TargetLine>, startup: StartupLine | undefined, soak: SoakLine | undefined): Record<string, unknown> {
  const sqlite = lines.get('puente-sqlite');
  const pg = lines.get('puente-postgres');
  const check = (value: number | null | undefined, target: string, ok: (v: number) => boolean) => ({
    value: value ?? null,
    target,
    met: value !== null && value !== undefined && ok(value),
  });
  return {
    kind: 'targets',
    throughputVsBotEcho: check(sqlite?.ratioToBotEcho, '>= 0.8', (v) => v >= 0.8),
    p99Ms: check(sqlite?.p99Ms, '<= 25', (v) => v <= 25),
    idleRssMb: check(startup?.idleRssMb, '<= 100', (v) => v <= 100),
    rssGrowthAfterSoakMb: {
      ...check(soak?.growthMb, '<= 50', (v) => v <= 50),
      measured: `RSS ${soak?.quietSeconds ?? '?'} s after the last intake minus idle RSS before the first`,
      atEndMb: soak ? round((soak.atEndRssMb ?? Number.NaN) - (soak.idleRssMb ?? Number.NaN), 1) : null,
      intakes: soak?.intakes ?? 0,
      ...(soak && !soak.complete ? { met: false, why: 'soak incomplete' } : {}),
    },
    readyToAnswerMs: check(startup?.readyToAnswerMs, '<= 1500', (v) => v <= 1500),
    errorsSqlite: check(sqlite?.errors, '0', (v) => v === 0),
    errorsPostgres: pg ? check(pg.errors, '0', (v) => v === 0) : { value: null, target: '0', met: false, why: 'PostgreSQL not run' },
    twiceTypicalTurnsPerSec: check(sqlite?.turnsPerSec, '>= 1600 (2 x 800)', (v) => v >= 1600),
    twiceTypicalP99Ms: check(sqlite?.p99Ms, '<= 35 (70 / 2)', (v) => v <= 35),
    twiceTypicalIdleRssMb: check(startup?.idleRssMb, '<= 65 (130 / 2)', (v) => v <= 65),
  };
}

async function main(): Promise<void> {
  let options: BenchOptions | 'help';
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (err) {
    if (err instanceof ArgsError) {
      process.stderr.write(`${err.message}\n\n${USAGE}\n`);
      process.exit(64);
    }
    throw err;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const o = options;
  const guard = setTimeout(() => {
    process.stderr.write(`bench: stopped after --max-seconds ${o.maxSeconds}\n`);
    process.exit(3);
  }, o.maxSeconds * 1000);
  guard.unref();
  await new Bench(o).run();
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`bench failed: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exit(1);
  });
}
