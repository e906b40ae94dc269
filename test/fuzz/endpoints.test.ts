/**
 * Hostile requests to `/api/messages` (anonymous mode) and the web chat API: random JSON, wrong
 * types, huge strings, deep nesting, invalid UTF-8, unknown activity types, missing ids,
 * prototype-pollution keys, huge `value` objects. Every answer is a 2xx with a sensible reply or a
 * 4xx, nothing is logged as an error, the process's prototypes stay clean, and a normal intake
 * works afterwards. A seeded, small set here; `npm run soak` runs tens of thousands.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import type { RunningPuente } from '../../src/app';
import { startTestServer } from '../support/harness';
import { loadScenarios, playScenario } from '../support/scenarios';
import { fuzz, messagesRequests, webChatRequests } from './endpointFuzz';
import { closeRawClients } from './rawHttp';

/** Fixed, so a failure reproduces; fast-check prints it (and the failing case) when a property fails. */
const SEED = 20_261_123;
const ROOMY = { limit: 1_000_000, windowMs: 60_000 };

const lines: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk: Buffer, _enc, cb) {
    for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
    cb();
  },
});

let puente: RunningPuente;
let prototypeNames: string[];
beforeAll(async () => {
  prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();
  puente = await startTestServer(
    {},
    {
      log: pino({ level: 'info' }, sink),
      messages: { limits: { perAddress: ROOMY, perConversation: ROOMY } },
      webChat: { limits: { perAddress: ROOMY, perConversation: ROOMY, sessionsPerAddress: ROOMY } },
    },
  );
});
afterAll(async () => {
  closeRawClients();
  await puente.close();
});

const errorsLogged = () => lines.filter((l) => Number(l.level) >= 50).map((l) => `${String(l.code)} ${JSON.stringify(l.err ?? {})}`);

test(`/api/messages answers 2xx or 4xx to hostile activities (seed ${SEED})`, async () => {
  const conversations = ['fuzz-a', 'fuzz-b', 'fuzz-c', 'fuzz-d'];
  await fuzz(puente.url, messagesRequests({ conversations }), { seed: SEED, numRuns: 400, apology: puente.texts.apology });
  expect(errorsLogged()).toEqual([]);
}, 180_000);

test(`the web chat API answers 2xx or 4xx to hostile requests (seed ${SEED})`, async () => {
  const tokens: string[] = [];
  for (let i = 0; i < 4; i++) {
    const res = await fetch(`${puente.url}/api/webchat/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    tokens.push(((await res.json()) as { token: string }).token);
  }
  await fuzz(puente.url, webChatRequests({ tokens }), { seed: SEED + 1, numRuns: 300, apology: puente.texts.apology });
  expect(errorsLogged()).toEqual([]);
}, 180_000);

test('no request polluted a prototype, and a normal intake still works', async () => {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeNames);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  const scenario = loadScenarios().find((s) => s.name === 'married-usc-visa-overstay')!;
  const { result } = await playScenario(puente.url, scenario);
  expect([...result.findings.map((f) => f.code)].sort()).toEqual([...scenario.expect.findings].sort());
  expect((await fetch(`${puente.url}/healthz`)).status).toBe(200);
}, 60_000);
