/** An unexpected failure is caught once: a fixed bilingual apology, a coded log line, nothing lost. */
import { Writable } from 'node:stream';
import pino from 'pino';
import type { RunningPuente } from '../../src/app';
import type { SessionStore } from '../../src/storage';
import { memoryStores } from '../support/memoryStores';
import { Conversation, questionOf, startTestServer } from '../support/harness';

const logged: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _enc, cb) {
    logged.push(chunk.toString());
    cb();
  },
});

const stores = memoryStores();
const inner = stores.sessions;
let failNextSave = false;
const sessions: SessionStore = {
  load: (id) => inner.load(id),
  delete: (id) => inner.delete(id),
  save: async (id, s, e) => {
    if (failNextSave) {
      failNextSave = false;
      throw new Error('disk on fire');
    }
    return inner.save(id, s, e);
  },
};

let puente: RunningPuente;
beforeAll(async () => {
  puente = await startTestServer({}, { sessions, records: stores.records, log: pino({ level: 'info' }, sink) });
});
afterAll(() => puente.close());

test('a failing store gets the fixed apology, and the intake continues where it was', async () => {
  const c = new Conversation(puente.url);
  await c.start();
  await c.say('English');
  failNextSave = true;
  const acts = await c.say('yes');
  expect(acts).toHaveLength(1);
  expect(acts[0]!.text).toBe(puente.texts.apology);
  const line = logged.find((l) => l.includes('TURN_FAILED'));
  expect(line).toBeDefined();
  expect(line).not.toContain(c.id);
  // the failed turn changed nothing: the same question is asked again and can be answered
  const again = await c.say('yes');
  expect(questionOf(again)).toBe('location');
});
