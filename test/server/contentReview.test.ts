/**
 * Stale content (design.md §7): past six months after `meta:contentReviewed`, start-up logs a
 * warning and /readyz reports it, still answering 200 so the bot stays in the load balancer.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import type { RunningPuente } from '../../src/app';
import { contentReview } from '../../src/content';
import { createTexts } from '../../src/i18n';
import { memoryStores } from '../support/memoryStores';
import { startTestServer } from '../support/harness';

const reviewed = createTexts().contentReviewed;
const { staleAfter } = contentReview(reviewed, new Date(`${reviewed}T00:00:00Z`));

async function start(now: Date): Promise<{ puente: RunningPuente; logged: string[] }> {
  const logged: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logged.push(chunk.toString());
      cb();
    },
  });
  const { sessions, records } = memoryStores();
  const puente = await startTestServer({}, { sessions, records, log: pino({ level: 'info' }, sink), now: () => now });
  return { puente, logged };
}

const readyz = async (p: RunningPuente) => {
  const res = await fetch(`${p.url}/readyz`);
  return { status: res.status, body: (await res.json()) as unknown };
};

describe('content review date at start-up and on /readyz', () => {
  it('reports current content as not stale, with no warning', async () => {
    const { puente, logged } = await start(new Date(`${reviewed}T12:00:00Z`));
    try {
      expect(await readyz(puente)).toEqual({ status: 200, body: { status: 'ready', content: { reviewed, staleAfter, stale: false } } });
      expect(logged.some((l) => l.includes('CONTENT_STALE'))).toBe(false);
    } finally {
      await puente.close();
    }
  });

  it('warns at start-up and reports stale content past six months, still ready', async () => {
    const later = new Date(`${staleAfter}T12:00:00Z`);
    later.setUTCDate(later.getUTCDate() + 1);
    const { puente, logged } = await start(later);
    try {
      expect(await readyz(puente)).toEqual({ status: 200, body: { status: 'ready', content: { reviewed, staleAfter, stale: true } } });
      const warning = logged.map((l) => JSON.parse(l) as { code?: string; level?: number; reviewed?: string }).find((l) => l.code === 'CONTENT_STALE');
      expect(warning).toMatchObject({ level: 40, reviewed, staleAfter });
    } finally {
      await puente.close();
    }
  });
});
