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
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadScenarios } from '../tools';
import { ArgsError, parseArgs, USAGE, type BenchOptions } from './args';
import { out, progress } from './output';
import { Phases, type StartupLine, type TargetLine } from './phases';
import { round } from './stats';
import { Subjects, type Subject } from './subjects';
import { verdict } from './verdict';

/** The run: which phases, in which order, on which subjects; and the clean-up. */
class Bench {
  private readonly root = process.cwd();
  /** The compiled tree: <out>/bench/run.js next to <out>/src/main.js. */
  private readonly built = path.resolve(__dirname, '..');
  private readonly subjects: Subjects;
  private readonly phases: Phases;

  constructor(private readonly o: BenchOptions) {
    const deadline = performance.now() + o.maxSeconds * 1000;
    const dirs = o.scenarioDirs.length
      ? o.scenarioDirs.map((d) => path.resolve(this.root, d))
      : [path.resolve(this.root, '../shared/scenarios'), path.resolve(this.root, 'test/scenarios')].filter((d) => existsSync(d));
    const scenarios = loadScenarios(dirs);
    this.subjects = new Subjects(o, this.root, this.built);
    if (scenarios.length === 0) throw new ArgsError(`no scenario files in ${dirs.join(', ') || '(no folder found)'}`);
    progress(`${scenarios.length} scenarios from ${dirs.join(', ')}`);
    this.phases = new Phases(o, this.subjects, scenarios, this.root, deadline);
  }

  async run(): Promise<void> {
    const { o, phases, subjects } = this;
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
      if (o.targets.includes('puente')) await subjects.openPostgres();
      let startup: StartupLine | undefined;
      if (o.targets.includes('puente') && o.startups > 0) {
        startup = await phases.startup('puente-sqlite');
        for (const label of subjects.labels) await phases.startup(`puente-sqlite@${label}`);
      }
      const all = await phases.rounds();
      const lines = new Map<Subject, TargetLine>();
      for (const [subject, runs] of all) {
        const line = phases.targetLine(subject, runs, all);
        lines.set(subject, line);
        out({ ...line });
      }
      if (o.breakdown && o.targets.includes('puente')) {
        await phases.breakdown('puente-sqlite');
        for (const label of subjects.labels) await phases.breakdown(`puente-sqlite@${label}`);
        if (subjects.hasPostgres) await phases.breakdown('puente-postgres');
      }
      const soak = o.targets.includes('puente') ? await phases.soak() : undefined;
      if (o.targets.includes('puente')) out({ ...verdict(lines, startup, soak) });
      if (o.targets.includes('page')) await phases.page();
      out({ kind: 'machine-after', loadAverage1m: round(os.loadavg()[0]!, 2) });
    } finally {
      subjects.close();
    }
  }
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
