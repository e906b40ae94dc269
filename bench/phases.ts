/**
 * The benchmark's phases, each on servers it starts itself and each printing its own lines: the
 * start-up restarts, the interleaved rounds and their `target` lines, the per-turn breakdown, the
 * memory soak and the chat page's first visit.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { existsSync } from 'node:fs';
import { BotConversation, freePort, HttpClient, peakRssMb, playUntil, rssMb, ServerProcess, type Scenario } from '../tools';
import type { BenchOptions } from './args';
import { runLoad, type LoadResult } from './load';
import { out, progress } from './output';
import { CHROMIUM, measurePage } from './page';
import { median, round } from './stats';
import { buildOf, isPuente, storeOf, type Store, type Subject, type Subjects } from './subjects';

/** The timing totals Puente's bench hook answers over IPC (src/conversation/turnTimings.ts). */
interface TimingTotals {
  turns: number;
  turnMs: number;
  requests: number;
  requestMs: number;
  phases: Record<string, { count: number; ms: number }>;
}

const PHASES = ['load', 'understand', 'transition', 'evaluate', 'render', 'save'] as const;

export class Phases {
  constructor(
    private readonly o: BenchOptions,
    private readonly subjects: Subjects,
    private readonly scenarios: readonly Scenario[],
    /** The package root (for the chat page's bundle size). */
    private readonly root: string,
    /** performance.now() past which the run has overstayed --max-seconds. */
    private readonly deadline: number,
  ) {}

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

  /**
   * Restarts Puente on a store where conversations wait on a Spanish date question. After each
   * restart: ms until /readyz answers 200, until a newcomer's first turn is answered (ready to
   * answer), then how long a resumed conversation's Spanish date answer takes (the date models are
   * the slowest thing a fresh process builds, so this is the worst turn right after a restart).
   */
  async startup(subject: Subject): Promise<StartupLine> {
    const s =
      this.scenarios.find((x) => x.locale === 'es' && x.answers.hearing_when !== undefined && !x.answers.hearing_when.includes('{')) ??
      this.scenarios.find((x) => x.locale === 'es' && x.answers.time_in_us !== undefined);
    if (!s) throw new Error('no Spanish scenario with a typed date to time the start-up with');
    const question = s.answers.hearing_when !== undefined ? 'hearing_when' : 'time_in_us';
    const answer = s.answers[question]!;
    progress(`start-up of ${subject}: ${this.o.startups} restarts, then "${question}" of ${s.name}`);
    const dataDir = this.subjects.tempDir('puente-bench-startup-');
    const seedSpec = await this.subjects.spec(subject, this.subjects.memoryEnv(), dataDir);
    const seed = await this.subjects.start(seedSpec);
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
      ...(buildOf(subject) ? { build: this.subjects.buildDir(subject) } : {}),
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
    const target = await this.subjects.start(await this.subjects.spec(subject));
    try {
      await target.settle();
      return await this.load(target, subject);
    } finally {
      await target.stop();
    }
  }

  async rounds(): Promise<Map<Subject, LoadResult[]>> {
    const results = new Map<Subject, LoadResult[]>(this.subjects.list.map((s) => [s, []]));
    for (let r = 1; r <= this.o.rounds; r++) {
      for (const subject of this.subjects.list) {
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

  targetLine(subject: Subject, runs: LoadResult[], all: Map<Subject, LoadResult[]>): TargetLine {
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
      ...(buildOf(subject) ? { build: this.subjects.buildDir(subject) } : {}),
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
  async breakdown(subject: Subject): Promise<void> {
    const store = storeOf(subject)!;
    const target = await this.subjects.start(await this.subjects.spec(subject, { BENCH_TIMINGS: 'true' }));
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
        ...(buildOf(subject) ? { build: this.subjects.buildDir(subject) } : {}),
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

  async soak(): Promise<SoakLine | undefined> {
    const n = this.o.soakIntakes;
    if (n === 0) return undefined;
    progress(`soak: ${n} full intakes on SQLite`);
    const target = await this.subjects.start(await this.subjects.spec('puente-sqlite', this.subjects.memoryEnv()));
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
  async page(): Promise<void> {
    if (!existsSync(CHROMIUM)) {
      out({ kind: 'page', skipped: `chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)` });
      return;
    }
    const target = await this.subjects.start(await this.subjects.spec('puente-sqlite'));
    try {
      const { lines, webChat } = await measurePage(`http://127.0.0.1:${target.spec.port}/`, this.o.pageRuns, this.root, progress);
      for (const line of lines) out({ ...line });
      out({ kind: 'webchat-minimal', ...(webChat ?? { skipped: 'botframework-webchat not installed' }), budgetBytes: 150 * 1024 });
    } finally {
      await target.stop();
    }
  }
}

export interface StartupLine {
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

export interface TargetLine {
  kind: 'target';
  target: string;
  store?: string;
  turnsPerSec: number | null;
  p99Ms: number | null;
  errors: number;
  ratioToBotEcho: number | null;
  [more: string]: unknown;
}

export interface SoakLine {
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
