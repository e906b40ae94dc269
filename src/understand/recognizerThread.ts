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
 * fails because of it.
 *
 * The worker's code is small and given inline, with the path of the library, so it runs the same
 * from `dist/` and under the test runner.
 */
import { Worker } from 'node:worker_threads';
import { culture, inThisThread, type Recognizer } from './recognizers';
import { understand } from './index';
import type { UnderstandContext, Understanding } from './types';

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

interface Pending {
  resolve: (results: unknown) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

export class RecognizerThread {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failed: Error | undefined;
  /** Resolves when every model is built (or the thread failed: queries then fail over at once). */
  readonly ready: Promise<void>;

  private constructor(private readonly worker: Worker) {
    let markReady: () => void = () => undefined;
    this.ready = new Promise((resolve) => (markReady = resolve));
    worker.on('message', (m: { ready?: boolean; id?: number; results?: unknown }) => {
      if (m.ready) return markReady();
      const p = m.id === undefined ? undefined : this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id!);
      clearTimeout(p.timer);
      if (m.results === null) p.reject(new Error('recognizer failed'));
      else p.resolve(m.results);
    });
    const fail = (err: Error) => {
      this.failed ??= err;
      markReady();
      for (const p of this.pending.values()) {
        clearTimeout(p.timer);
        p.reject(err);
      }
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', () => fail(new Error('recognizer thread exited')));
    worker.unref();
  }

  /** Starts the thread; it builds the English and Spanish models at once. */
  static start(): RecognizerThread {
    const library = require.resolve('@microsoft/recognizers-text-suite');
    return new RecognizerThread(new Worker(WORKER_CODE, { eval: true, workerData: { library, cultures: Object.values(culture) }, resourceLimits: { maxYoungGenerationSizeMb: 4 } }));
  }

  /** recognizers-text's raw results for one query. Rejects when the thread failed or took too long. */
  run(query: RecognizerQuery): Promise<unknown> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error('recognizer thread timed out'));
      }, QUERY_TIMEOUT_MS);
      timer.unref();
      this.pending.set(id, { resolve, reject, timer });
      this.worker.postMessage({ id, ...query });
    });
  }

  async stop(): Promise<void> {
    this.failed ??= new Error('recognizer thread stopped');
    await this.worker.terminate();
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

/** At most this many model runs in one reading (dates and numbers, two languages each). */
const MAX_ROUNDS = 4;

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
