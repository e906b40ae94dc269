/**
 * recognizers-text on a thread of its own.
 *
 * A date or duration answer runs a date model for one or two languages: milliseconds of regular
 * expressions, during which a single-threaded server answers nobody else; and building the four
 * models at start-up takes a second or two, during which it would answer nothing at all. On a worker
 * thread the models are built while the server starts, and a model run only delays the turn that
 * asked for it.
 *
 * The worker only runs recognizers-text (raw results for a prepared text); everything that reads
 * those results stays in the understanding layer, which is synchronous and pure. So `understandAsync`
 * reads a message with the answers the thread already gave, and when the reading asked for a model
 * run it did not have, fetches that run and reads again: one round per model run, at most four.
 * Should the thread fail, the reading falls back to the models in this thread, so a turn never
 * fails because of it. The thread runs only while it is used (RecognizerThread below): its models
 * are most of an idle server's memory.
 *
 * The worker's code is small and given inline, with the path of the library, so it runs the same
 * from `dist/` and under the test runner.
 */
import { Worker } from 'node:worker_threads';
import { understand } from '../understand';
import { culture, inThisThread, type Recognizer } from '../understand/recognizers';
import type { UnderstandContext, Understanding } from '../understand/types';
import { OnDemand } from './onDemand';

export interface RecognizerQuery {
  kind: 'dateTime' | 'number';
  text: string;
  culture: string;
  /** ms since the epoch; dates are read relative to it (dateTime only). */
  today: number;
}

const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const r = require(workerData.library);
for (const culture of workerData.cultures) {
  r.recognizeDateTime('3 years', culture, r.DateTimeOptions.None, new Date());
  r.recognizeNumber('3', culture, r.NumberOptions.None);
}
parentPort.postMessage({ ready: true });
parentPort.on('message', (q) => {
  let results = null;
  try {
    const raw = q.kind === 'dateTime'
      ? r.recognizeDateTime(q.text, q.culture, r.DateTimeOptions.None, new Date(q.today))
      : r.recognizeNumber(q.text, q.culture, r.NumberOptions.None);
    results = JSON.parse(JSON.stringify(raw));
  } catch {
    results = null;
  }
  parentPort.postMessage({ id: q.id, results });
});
`;

/** A query unanswered this long (a stuck thread) is read in the caller's thread instead. */
const QUERY_TIMEOUT_MS = 10_000;
/** After this many unexpected ends of the thread, the models run in the caller's thread for good. */
const MAX_CRASHES = 3;

interface Pending {
  resolve: (results: unknown) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

/** One run of the worker: from its start to its exit. */
interface Incarnation {
  worker: Worker;
  /** Resolves when its models are built (or it ended). */
  ready: Promise<void>;
  /** Its models are built: until then it is busy, and not stopped for being idle. */
  built: boolean;
  pending: Map<number, Pending>;
  /** Set when Puente stops it (idle, or shutting down): its exit is not a crash. */
  stopping: boolean;
}

export interface RecognizerThreadOptions {
  /**
   * Milliseconds without a date or number question before the thread and its models (about 65 MB)
   * are released; the next such question starts them again. 0: keep them while the process runs.
   */
  idleMs?: number;
}

/**
 * The date and number models on a worker thread that runs only while people are at a date
 * question: started with the server (for conversations resumed after a restart), again whenever a
 * date question is asked (`prepare`, so the models are built while the person types), and stopped
 * after `idleMs` without use.
 */
export class RecognizerThread {
  private readonly threads: OnDemand<Incarnation>;
  private nextId = 1;
  private crashes = 0;
  private failed: Error | undefined;

  private constructor(idleMs: number) {
    this.threads = new OnDemand({
      spawn: () => this.spawn(),
      stop: (i) => this.end(i),
      idleMs,
      busy: (i) => !i.built || i.pending.size > 0,
    });
  }

  /** Starts the thread; it builds the English and Spanish models at once. */
  static start(options: RecognizerThreadOptions = {}): RecognizerThread {
    const thread = new RecognizerThread(options.idleMs ?? 0);
    thread.prepare();
    return thread;
  }

  /** A date question is being asked: have the models ready (or keep them) for the answer. */
  prepare(): void {
    if (!this.failed) this.threads.use();
  }

  /** Resolves when the running thread has built its models (at once when none runs). */
  get ready(): Promise<void> {
    return this.threads.current?.ready ?? Promise.resolve();
  }

  /** Whether a thread (and its models) is running now. */
  get running(): boolean {
    return this.threads.current !== undefined;
  }

  /** Threads started so far. */
  get starts(): number {
    return this.threads.starts;
  }

  /** recognizers-text's raw results for one query. Rejects when the thread failed or took too long. */
  run(query: RecognizerQuery): Promise<unknown> {
    if (this.failed) return Promise.reject(this.failed);
    const incarnation = this.threads.use();
    if (!incarnation) return Promise.reject(new Error('recognizer thread stopped'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        incarnation.pending.delete(id);
        reject(new Error('recognizer thread timed out'));
      }, QUERY_TIMEOUT_MS);
      timer.unref();
      incarnation.pending.set(id, { resolve, reject, timer });
      incarnation.worker.postMessage({ id, ...query });
    });
  }

  async stop(): Promise<void> {
    this.failed ??= new Error('recognizer thread stopped');
    await this.threads.close();
  }

  private spawn(): Incarnation {
    const library = require.resolve('@microsoft/recognizers-text-suite');
    const worker = new Worker(WORKER_CODE, {
      eval: true,
      workerData: { library, cultures: Object.values(culture) },
      resourceLimits: { maxYoungGenerationSizeMb: 4 },
    });
    let markReady: () => void = () => undefined;
    const incarnation: Incarnation = { worker, ready: new Promise((resolve) => (markReady = resolve)), built: false, pending: new Map(), stopping: false };
    worker.on('message', (m: { ready?: boolean; id?: number; results?: unknown }) => {
      if (m.ready) {
        incarnation.built = true;
        return markReady();
      }
      const p = m.id === undefined ? undefined : incarnation.pending.get(m.id);
      if (!p) return;
      incarnation.pending.delete(m.id!);
      clearTimeout(p.timer);
      if (m.results === null) p.reject(new Error('recognizer failed'));
      else p.resolve(m.results);
    });
    let ended = false;
    const fail = (err: Error) => {
      if (ended) return;
      ended = true;
      incarnation.built = true;
      markReady();
      for (const p of incarnation.pending.values()) {
        clearTimeout(p.timer);
        p.reject(err);
      }
      incarnation.pending.clear();
      if (incarnation.stopping) return;
      // It ended by itself: the next question starts another, unless that keeps happening.
      this.threads.lost(incarnation);
      if (++this.crashes >= MAX_CRASHES) this.failed ??= err;
    };
    worker.on('error', fail);
    worker.on('exit', () => fail(new Error('recognizer thread exited')));
    worker.unref();
    return incarnation;
  }

  private async end(incarnation: Incarnation): Promise<void> {
    incarnation.stopping = true;
    await incarnation.worker.terminate();
  }
}

const keyOf = (q: RecognizerQuery) => `${q.kind}\u0000${q.culture}\u0000${q.kind === 'dateTime' ? q.today : ''}\u0000${q.text}`;

/** Answers from what is known; records the first query it could not answer. */
class KnownAnswers implements Recognizer {
  missing: RecognizerQuery | undefined;

  constructor(private readonly known: ReadonlyMap<string, unknown>) {}

  private lookup(query: RecognizerQuery): unknown {
    const key = keyOf(query);
    if (this.known.has(key)) return this.known.get(key);
    this.missing ??= query;
    return undefined;
  }

  dateTime(text: string, culture: string, today: Date): unknown {
    return this.lookup({ kind: 'dateTime', text, culture, today: today.getTime() });
  }

  number(text: string, culture: string): unknown {
    return this.lookup({ kind: 'number', text, culture, today: 0 });
  }
}

/** At most this many model runs in one reading (dates and numbers, two languages each, and a month re-read from the 28th). */
const MAX_ROUNDS = 6;

/** `understand`, with the model runs it needs done on `thread` (see above). Never throws. */
export async function understandAsync(input: { text?: string; button?: unknown }, ctx: UnderstandContext, thread: RecognizerThread): Promise<Understanding> {
  const known = new Map<string, unknown>();
  for (let round = 0; round <= MAX_ROUNDS; round++) {
    const answers = new KnownAnswers(known);
    const u = understand(input, { ...ctx, recognizer: answers });
    if (!answers.missing) return u;
    if (round === MAX_ROUNDS) break;
    try {
      known.set(keyOf(answers.missing), await thread.run(answers.missing));
    } catch {
      break;
    }
  }
  return understand(input, { ...ctx, recognizer: inThisThread });
}
