/**
 * Store latency for /metrics: thin wrappers that time every call of the session and record stores
 * (and of the daily counts) and report it with an operation name and an outcome. One
 * `performance.now()` pair per call; nothing else changes.
 */
import type { CountsBackend } from './backend';
import { ETagConflictError, StoreUnavailableError, type RecordStore, type SessionStore } from './types';

export type StoreOp =
  | 'session_load'
  | 'session_save'
  | 'session_delete'
  | 'session_purge'
  | 'record_save'
  | 'record_get'
  | 'record_list'
  | 'record_state'
  | 'record_delete'
  | 'record_delivered'
  | 'record_purge'
  | 'counts_add'
  | 'counts_read';

/** `conflict`: an eTag race (retried); `unavailable`: the store did not answer. */
export type StoreOutcome = 'ok' | 'conflict' | 'unavailable' | 'error';

export type StoreTimer = (op: StoreOp, seconds: number, outcome: StoreOutcome) => void;

function outcomeOf(err: unknown): StoreOutcome {
  if (err instanceof ETagConflictError) return 'conflict';
  if (err instanceof StoreUnavailableError) return 'unavailable';
  return 'error';
}

/** Runs one store call and reports its duration and outcome. */
export async function timed<T>(op: StoreOp, timer: StoreTimer, call: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    const result = await call();
    timer(op, (performance.now() - started) / 1000, 'ok');
    return result;
  } catch (err) {
    timer(op, (performance.now() - started) / 1000, outcomeOf(err));
    throw err;
  }
}

export function timedSessionStore(store: SessionStore, timer: StoreTimer): SessionStore {
  return {
    load: (id) => timed('session_load', timer, () => store.load(id)),
    save: (id, session, eTag) => timed('session_save', timer, () => store.save(id, session, eTag)),
    delete: (id) => timed('session_delete', timer, () => store.delete(id)),
  };
}

export function timedRecordStore(store: RecordStore, timer: StoreTimer): RecordStore {
  return {
    save: (record) => timed('record_save', timer, () => store.save(record)),
    get: (reference) => timed('record_get', timer, () => store.get(reference)),
    list: (filter) => timed('record_list', timer, () => store.list(filter)),
    entries: (filter) => timed('record_list', timer, () => store.entries(filter)),
    entry: (reference) => timed('record_get', timer, () => store.entry(reference)),
    setState: (reference, state, expected) => timed('record_state', timer, () => store.setState(reference, state, expected)),
    delete: (reference) => timed('record_delete', timer, () => store.delete(reference)),
    delivered: (reference) => timed('record_delivered', timer, () => store.delivered(reference)),
    purge: (olderThan) => timed('record_purge', timer, () => store.purge(olderThan)),
  };
}

/** The daily counts; a backend failure is reported as `unavailable`, like the sealed stores'. */
export function timedCounts(counts: CountsBackend, timer: StoreTimer): CountsBackend {
  const call = async <T>(op: StoreOp, run: () => Promise<T>): Promise<T> =>
    timed(op, timer, async () => {
      try {
        return await run();
      } catch (err) {
        throw new StoreUnavailableError(err);
      }
    });
  return {
    addDailyCounts: (day, increments) => call('counts_add', () => counts.addDailyCounts(day, increments)),
    dailyCounts: (fromDay, toDay) => call('counts_read', () => counts.dailyCounts(fromDay, toDay)),
  };
}
