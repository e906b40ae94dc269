/** Soak: 10,000 hostile requests to /api/messages and 10,000 to the web chat API (see test/fuzz). */
import { Writable } from 'node:stream';
import pino from 'pino';
import { startTestServer } from '../support/harness';
import { loadScenarios, playScenario } from '../support/scenarios';
import { fuzz, messagesRequests, newTally, webChatRequests } from '../fuzz/endpointFuzz';
import { closeRawClients } from '../fuzz/rawHttp';
import { mb, ownMemory, SOAK_SEED, writePart } from './summary';

const CASES = 10_000;
const ROOMY = { limit: 1_000_000, windowMs: 60_000 };

test(`endpoint fuzzing: ${CASES} cases per route (seed ${SOAK_SEED})`, async () => {
  const started = Date.now();
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _e, cb) {
      for (const l of chunk.toString().split('\n').filter(Boolean)) {
        const entry = JSON.parse(l) as Record<string, unknown>;
        if (Number(entry.level) >= 50) lines.push(entry);
      }
      cb();
    },
  });
  const puente = await startTestServer(
    {},
    {
      log: pino({ level: 'warn' }, sink),
      messages: { limits: { perAddress: ROOMY, perConversation: ROOMY } },
      webChat: { limits: { perAddress: ROOMY, perConversation: ROOMY, sessionsPerAddress: ROOMY } },
    },
  );
  const before = ownMemory();
  const messages = newTally();
  const webchat = newTally();
  const failureLines: string[] = [];
  try {
    await fuzz(puente.url, messagesRequests({ conversations: ['soak-a', 'soak-b', 'soak-c', 'soak-d', 'soak-e'] }), { seed: SOAK_SEED, numRuns: CASES, apology: puente.texts.apology, tally: messages }).catch((e: Error) =>
      failureLines.push(`messages: ${e.message.slice(0, 600)}`),
    );
    const tokens: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${puente.url}/api/webchat/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      tokens.push(((await res.json()) as { token: string }).token);
    }
    await fuzz(puente.url, webChatRequests({ tokens }), { seed: SOAK_SEED + 1, numRuns: CASES, apology: puente.texts.apology, tally: webchat }).catch((e: Error) =>
      failureLines.push(`webchat: ${e.message.slice(0, 600)}`),
    );
    const scenario = loadScenarios().find((s) => s.name === 'detained-hearing-next-week')!;
    await playScenario(puente.url, scenario).catch((e: Error) => failureLines.push(`intake afterwards: ${e.message}`));
    if (({} as Record<string, unknown>).polluted !== undefined) failureLines.push('Object.prototype polluted');
    for (const l of lines) failureLines.push(`error logged: ${String(l.code)}`);
  } finally {
    closeRawClients();
    await puente.close();
  }
  const after = ownMemory();
  writePart({
    name: 'endpoints',
    cases: messages.cases + webchat.cases,
    failures: failureLines.length,
    failureLines,
    memoryMB: { before: mb(before), after: mb(after) },
    seconds: (Date.now() - started) / 1000,
    details: { seed: SOAK_SEED, messagesByStatus: messages.byStatus, webchatByStatus: webchat.byStatus },
  });
  expect(failureLines).toEqual([]);
  expect(messages.cases + webchat.cases).toBe(2 * CASES);
}, 3_600_000);
