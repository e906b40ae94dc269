/**
 * The closed-loop load: `concurrency` conversations in flight, each sending its next turn only when
 * the previous reply arrived (people wait for the bot). A run is bounded by time (warm-up, then a
 * measured window) or by a number of finished intakes, and always by a time limit.
 */
import type { EventLoopUtilization } from 'node:perf_hooks';
import { performance } from 'node:perf_hooks';
import { BotConversation, cpuSeconds, fillDate, HttpClient, peakRssMb, playIntake, resultMatches, rssMb, ScenarioError, type Activity, type Scenario, type ScenarioTransport } from '../tools';
import { summarize, type LatencySummary } from './stats';

/** Questions whose typed answers are read by the date and number models: the costliest turns. */
export const DATE_QUESTIONS: ReadonlySet<string> = new Set(['time_in_us', 'hearing_when']);

/** What an echo baseline is sent for a scenario after the join: every typed answer, in file order. */
export function echoScript(s: Scenario, today: Date): string[] {
  return Object.values(s.answers).map((text) => fillDate(text, today));
}

export type LoadMode = 'intake' | 'script';

export interface LoadOptions {
  port: number;
  /** The server process (CPU and memory are read from /proc). */
  pid: number;
  concurrency: number;
  /** `intake`: play full intakes by the questions asked; `script`: send each scenario's messages blindly (echo baselines). */
  mode: LoadMode;
  scenarios: readonly Scenario[];
  /** Time-bounded run: load for `warmupMs`, then measure for `measureMs`. */
  warmupMs?: number;
  measureMs?: number;
  /** Count-bounded run (soak): stop after this many finished intakes, measuring all along. */
  intakes?: number;
  /** Hard stop for any run. */
  limitMs: number;
  /** Called every 200 ms with the server's resident memory (MB). */
  onRss?: (mb: number) => void;
  /** Called when the measured window begins and when it ends. */
  onWindow?: (edge: 'begin' | 'end') => void;
}

export interface LoadResult {
  /** Length of the measured window. */
  seconds: number;
  latency: LatencySummary;
  /** The same, for the turns answering a date or duration question and for all others (intakes only). */
  dateTurns: LatencySummary;
  otherTurns: LatencySummary;
  turnsPerSec: number;
  /** Failed turns or intakes (HTTP errors, timeouts, a question not understood, a wrong result), warm-up included. */
  errors: number;
  errorSamples: string[];
  /** Conversations completed (intakes, or scripts for the echo baselines), warm-up included. */
  completed: number;
  /** Stopped by `limitMs` before its goal. */
  timedOut: boolean;
  server: { cpuCores: number | null; cpuMsPerTurn: number | null; rssEndMb: number | null; peakRssMb: number | null; rssMaxSampleMb: number | null };
  /** The generator's own load during the measured window: CPU in cores and event-loop utilization (0-1). */
  generator: { cpuCores: number; elu: number };
}

/** Thrown by a send after the run ended, to unwind a conversation; never counted as an error. */
const STOP = Symbol('stop');

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const client = new HttpClient(o.port, { sockets: o.concurrency });
  const countBounded = o.intakes !== undefined;
  const latencies: number[] = [];
  const dateLatencies: number[] = [];
  const otherLatencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let completed = 0;
  let started = 0;
  let measuring = false;
  let stopped = false;
  let timedOut = false;

  let windowStart = 0;
  let windowEnd = 0;
  let cpuStart: NodeJS.CpuUsage = process.cpuUsage();
  let eluStart: EventLoopUtilization = performance.eventLoopUtilization();
  let serverCpuStart: number | null = null;
  const measure = { cpu: process.cpuUsage(cpuStart), elu: performance.eventLoopUtilization(eluStart), serverCpu: null as number | null };

  const begin = () => {
    measuring = true;
    windowStart = performance.now();
    cpuStart = process.cpuUsage();
    eluStart = performance.eventLoopUtilization();
    serverCpuStart = cpuSeconds(o.pid);
    o.onWindow?.('begin');
  };
  const end = () => {
    if (!measuring) return;
    measuring = false;
    windowEnd = performance.now();
    measure.cpu = process.cpuUsage(cpuStart);
    measure.elu = performance.eventLoopUtilization(eluStart);
    const cpuNow = cpuSeconds(o.pid);
    measure.serverCpu = cpuNow !== null && serverCpuStart !== null ? cpuNow - serverCpuStart : null;
    o.onWindow?.('end');
  };
  const stop = () => {
    end();
    stopped = true;
  };

  let rssMax: number | null = null;
  const sampler = setInterval(() => {
    const mb = rssMb(o.pid);
    if (mb === null) return;
    rssMax = Math.max(rssMax ?? 0, mb);
    o.onRss?.(mb);
  }, 200);
  const timers: NodeJS.Timeout[] = [setTimeout(() => {
    timedOut = true;
    stop();
  }, o.limitMs)];
  if (countBounded) begin();
  else {
    timers.push(setTimeout(begin, o.warmupMs ?? 0));
    timers.push(setTimeout(stop, (o.warmupMs ?? 0) + (o.measureMs ?? 0)));
  }

  /** A turn of the run: refused once it has ended, timed while measuring. */
  const turn = async (send: () => Promise<Activity[]>, answering?: string): Promise<Activity[]> => {
    if (stopped) throw STOP;
    const t = performance.now();
    const replies = await send();
    if (measuring) {
      const ms = performance.now() - t;
      latencies.push(ms);
      (answering !== undefined && DATE_QUESTIONS.has(answering) ? dateLatencies : otherLatencies).push(ms);
    }
    if (stopped) throw STOP;
    return replies;
  };
  const timed = (c: BotConversation): ScenarioTransport => ({
    start: () => turn(() => c.start()),
    say: (text, answering) => turn(() => c.say(text), answering),
  });

  const worker = async () => {
    while (!stopped && !(countBounded && started >= o.intakes!)) {
      const s = o.scenarios[started++ % o.scenarios.length]!;
      const conversation = timed(new BotConversation(client, s.locale === 'es' ? 'es-US' : 'en-US'));
      try {
        const today = new Date();
        if (o.mode === 'intake') {
          const { result } = await playIntake(conversation, s, today);
          if (!resultMatches(s, result)) throw new ScenarioError(s.name, 'result differs from the expected findings, urgency or referral');
        } else {
          await conversation.start();
          for (const text of echoScript(s, today)) await conversation.say(text);
        }
        completed++;
        if (countBounded && completed >= o.intakes!) stop();
      } catch (err) {
        if (err === STOP) break;
        errors++;
        if (errorSamples.length < 5) errorSamples.push((err as Error)?.message ?? String(err));
      }
    }
  };

  try {
    await Promise.all(Array.from({ length: o.concurrency }, worker));
  } finally {
    end();
    timers.forEach(clearTimeout);
    clearInterval(sampler);
    client.close();
  }

  const seconds = (windowEnd - windowStart) / 1000;
  const turns = latencies.length;
  return {
    seconds,
    latency: summarize(latencies),
    dateTurns: summarize(dateLatencies),
    otherTurns: summarize(otherLatencies),
    turnsPerSec: seconds > 0 ? turns / seconds : Number.NaN,
    errors,
    errorSamples,
    completed,
    timedOut: timedOut && !(countBounded && completed >= o.intakes!),
    server: {
      cpuCores: measure.serverCpu !== null && seconds > 0 ? measure.serverCpu / seconds : null,
      cpuMsPerTurn: measure.serverCpu !== null && turns > 0 ? (measure.serverCpu * 1000) / turns : null,
      rssEndMb: rssMb(o.pid),
      peakRssMb: peakRssMb(o.pid),
      rssMaxSampleMb: rssMax,
    },
    generator: {
      cpuCores: seconds > 0 ? (measure.cpu.user + measure.cpu.system) / 1e6 / seconds : Number.NaN,
      elu: measure.elu.utilization,
    },
  };
}
