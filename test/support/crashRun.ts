/**
 * A load run with SIGKILLs (issue 8): the server runs in a child process on a DATA_DIR on disk (or
 * PostgreSQL) with the webhook pointed at a local signed receiver; it is killed at seeded random
 * moments and restarted on the same port and data. Each person's client does what a real one does
 * after a failed request: waits for the server, reconnects (`conversationUpdate` re-shows where they
 * are) and answers the question it is shown. At the end every conversation has finished, every
 * record is readable and holds its scenario's answers, and the receiver accepted exactly one
 * delivery per record, each reference under one idempotency key.
 */
import { loadConfig } from '../../src/config';
import { openStorage } from '../../src/storage/openStorage';
import { startChild, type ChildServer } from './childServer';
import { Conversation, questionOf, resultOf, type Activity } from './harness';
import { checkRecords, type Played } from './loadRun';
import { fill, type Scenario } from './scenarios';
import { Receiver, until } from './webhookReceiver';

export const WEBHOOK_SECRET = 'crash-test-secret-0123456789abcdef0123456789';
const REFERENCE = /PU-[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}/;

/** A small seeded PRNG (mulberry32), so kill times reproduce from the seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The server as the clients see it: its address, and a promise of it being up again after a kill. */
class Target {
  up: Promise<void> = Promise.resolve();
  constructor(readonly url: string) {}
}

/** One request, retried across crashes: after a failure it waits for the server and reconnects. */
async function resilient(target: Target, conv: Conversation, send: (c: Conversation) => Promise<Activity[]>, deadline: number): Promise<{ acts: Activity[]; reconnected: boolean }> {
  try {
    return { acts: await send(conv), reconnected: false };
  } catch {
    for (;;) {
      if (Date.now() > deadline) throw new Error('gave up: the server did not come back');
      await target.up;
      try {
        return { acts: await conv.start(), reconnected: true };
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }
}

export interface CrashPlayed {
  scenario: Scenario;
  reference?: string;
  /** Findings seen in the result, when the result itself was not lost to a crash. */
  findings?: string[];
  reconnects: number;
  failure?: string;
}

/** Plays a scenario through crashes; answers whatever question is shown, by question id. */
async function playThrough(target: Target, s: Scenario, deadline: number): Promise<CrashPlayed> {
  // The server comes back on the same port, so one address serves the whole conversation.
  const conv = new Conversation(target.url, s.locale === 'es' ? 'es-US' : 'en-US');
  const out: CrashPlayed = { scenario: s, reconnects: 0 };
  let { acts } = await resilient(target, conv, (c) => c.start(), deadline);
  for (let i = 0; i < 120; i++) {
    const result = resultOf(acts);
    if (result) {
      out.reference = result.reference;
      out.findings = result.findings.map((f) => f.code);
      return out;
    }
    const asked = questionOf(acts);
    if (!asked) {
      // "You already finished this chat. Your reference code is …": the result was lost to a crash.
      const ref = REFERENCE.exec(acts.map((a) => a.text ?? '').join('\n'))?.[0];
      if (ref) {
        out.reference = ref;
        return out;
      }
      out.failure = `no question, no result: ${acts.map((a) => a.text).join(' | ').slice(0, 200)}`;
      return out;
    }
    const typed = s.answers[asked];
    if (typed === undefined) {
      out.failure = `unexpected question ${asked}`;
      return out;
    }
    const step = await resilient(target, conv, (c) => c.say(fill(typed, new Date())), deadline);
    if (step.reconnected) out.reconnects++;
    acts = step.acts;
  }
  out.failure = 'too many turns';
  return out;
}

export interface CrashRunOptions {
  build: string;
  env: Record<string, string>;
  scenarios: readonly Scenario[];
  conversations: number;
  kills: number;
  seed: number;
  /** Gap between kills (ms), drawn uniformly. */
  gapMs: [number, number];
}

export interface CrashRunOutcome {
  conversations: number;
  kills: number;
  reconnects: number;
  failures: string[];
  records: number;
  deliveries: number;
  seconds: number;
}

export async function crashRun(o: CrashRunOptions): Promise<CrashRunOutcome> {
  const started = Date.now();
  const random = seeded(o.seed);
  const receiver = new Receiver(WEBHOOK_SECRET);
  await receiver.start();
  const env = { RATE_LIMIT_PER_ADDRESS: '1000000', WEBHOOK_URL: receiver.url, WEBHOOK_SECRET, ...o.env };
  let server: ChildServer | undefined = await startChild(o.build, env);
  const port = server.port;
  const target = new Target(server.url);
  const problems: Record<string, unknown>[] = [];
  const failures: string[] = [];
  try {
    const deadline = Date.now() + 15 * 60_000;
    const players = Promise.all(Array.from({ length: o.conversations }, (_, i) => playThrough(target, o.scenarios[i % o.scenarios.length]!, deadline)));
    let kills = 0;
    let finished = false;
    void players.finally(() => (finished = true));
    while (kills < o.kills && !finished) {
      const gap = o.gapMs[0] + random() * (o.gapMs[1] - o.gapMs[0]);
      await new Promise((r) => setTimeout(r, gap));
      if (finished) break;
      let back: () => void = () => undefined;
      target.up = new Promise<void>((r) => (back = r));
      problems.push(...server!.problems);
      await server!.kill();
      kills++;
      server = await startChild(o.build, env, port);
      back();
    }
    const played = await players;
    problems.push(...server!.problems);
    for (const p of played) {
      if (p.failure) failures.push(`${p.scenario.name}: ${p.failure}`);
      else if (p.findings && [...p.findings].sort().join() !== [...p.scenario.expect.findings].sort().join()) failures.push(`${p.scenario.name}: findings ${p.findings.join(',')}`);
    }

    // Every record reaches the receiver (a delivery claimed by a killed process waits for its 60 s lease).
    const storage = await openStorage(loadConfig({ LOG_LEVEL: 'silent', ...o.env }), Date.now, () => undefined);
    let records = 0;
    try {
      records = (await storage.records.list()).length;
      await until(() => receiver.accepted.size >= records, 150_000, 'every record delivered').catch((e: Error) => failures.push(e.message));
      await server!.stop();
      server = undefined;
      const finishedOk: Played[] = played.filter((p) => p.reference && !p.failure).map((p) => ({ scenario: p.scenario, reference: p.reference!, findings: p.findings ?? p.scenario.expect.findings }));
      failures.push(...(await checkRecords(storage.records, finishedOk)));
    } finally {
      await storage.backend.close();
    }

    // Deliveries: one accepted key per record, and a reference never under two keys.
    const keysByReference = new Map<string, Set<string>>();
    for (const r of receiver.requests) {
      if (!r.body) continue;
      const ref = (JSON.parse(r.body) as { record?: { reference?: string } }).record?.reference ?? '?';
      const keys = keysByReference.get(ref) ?? new Set<string>();
      keys.add(String(r.headers['idempotency-key']));
      keysByReference.set(ref, keys);
    }
    for (const [ref, keys] of keysByReference) if (keys.size !== 1) failures.push(`${ref} arrived under ${keys.size} idempotency keys`);
    if (receiver.accepted.size !== records) failures.push(`${receiver.accepted.size} deliveries accepted for ${records} records`);
    for (const p of played) if (p.reference && !keysByReference.has(p.reference)) failures.push(`${p.reference} never delivered`);
    const errors = problems.filter((p) => Number(p.level) >= 50);
    if (errors.length) failures.push(`errors logged: ${errors.map((e) => String(e.code)).join(',')}`);

    return {
      conversations: o.conversations,
      kills,
      reconnects: played.reduce((n, p) => n + p.reconnects, 0),
      failures,
      records,
      deliveries: receiver.accepted.size,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await server?.kill();
    await receiver.stop();
  }
}
