/**
 * Issue 19, point 7: log lines name a conversation by an HMAC of its id, keyed from the encryption
 * keys, so a known conversation id (a Teams id) cannot be linked to its log lines; and the
 * dashboard's daily counts are purged after the same retention as records.
 */
import { createHash, createHmac } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import { LOG_HASH_KEY_INFO } from '../../src/conversation/logHash';
import { Cipher } from '../../src/storage';
import { Conversation, startTestServer } from '../support/harness';

const KEY = Buffer.alloc(32, 3);
const ENCRYPTION_KEYS = `k1:${KEY.toString('base64')}`;

describe('conversation ids in logs', () => {
  it('are hashed with a secret key derived from ENCRYPTION_KEYS, not a plain hash', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        lines.push(chunk.toString());
        cb();
      },
    });
    const puente = await startTestServer({ ENCRYPTION_KEYS }, { log: pino({ level: 'info' }, sink) });
    try {
      const c = new Conversation(puente.url);
      await c.start();
      await c.say('English');
      const convs = new Set(lines.map((l) => (JSON.parse(l) as { conv?: string }).conv).filter((v): v is string => v !== undefined));
      const key = new Cipher({ current: 'k1', keys: new Map([['k1', KEY]]) }).deriveKey(LOG_HASH_KEY_INFO);
      const keyed = createHmac('sha256', key).update(c.key).digest('hex').slice(0, 16);
      expect([...convs]).toEqual([keyed]);
      // Whoever knows the id cannot find its lines by hashing it.
      const all = lines.join('');
      for (const id of [c.id, c.key]) {
        expect(all).not.toContain(id);
        expect(all).not.toContain(createHash('sha256').update(id).digest('hex').slice(0, 16));
      }
    } finally {
      await puente.close();
    }
  });
});

describe('daily counts', () => {
  it('are purged after the same retention as records', async () => {
    const now = new Date('2026-11-23T12:00:00Z');
    const puente = await startTestServer({ RECORD_TTL_DAYS: '90' }, { now: () => now });
    try {
      const backend = puente.backend!;
      await backend.addDailyCounts('2026-08-01', [{ metric: 'started', key: 'en', n: 3 }]); // 114 days before
      await backend.addDailyCounts('2026-08-25', [{ metric: 'started', key: 'en', n: 2 }]); // exactly 90 days before
      await backend.addDailyCounts('2026-11-01', [{ metric: 'started', key: 'es', n: 1 }]);
      const { counts } = await puente.purge();
      expect(counts).toBe(1);
      expect((await backend.dailyCounts('2000-01-01', '2099-12-31')).map((r) => r.day)).toEqual(['2026-08-25', '2026-11-01']);
    } finally {
      await puente.close();
    }
  });
});
