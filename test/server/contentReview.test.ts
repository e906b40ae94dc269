/**
 * Stale content (design.md §7): past 60 days after `meta:contentReviewed`, start-up logs a warning
 * and /readyz reports it, still answering 200 so the bot stays in the load balancer. Wording no
 * attorney has signed off is reported the same way.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import type { RunningPuente } from '../../src/app';
import { contentReview } from '../../src/content';
import { createTexts } from '../../src/i18n';
import { memoryStores } from '../support/memoryStores';
import { startTestServer } from '../support/harness';

const texts = createTexts();
const reviewed = texts.contentReviewed;
const reviewedBy = texts.contentReviewedBy;
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
      expect(await readyz(puente)).toEqual({ status: 200, body: { status: 'ready', content: { reviewed, staleAfter, stale: false, reviewedBy, signOffPending: true } } });
      expect(logged.some((l) => l.includes('CONTENT_STALE'))).toBe(false);
      // The shipped wording waits for an attorney's sign-off: start-up says so, with a code.
      const pending = logged.map((l) => JSON.parse(l) as { code?: string; level?: number }).find((l) => l.code === 'CONTENT_NOT_SIGNED_OFF');
      expect(pending).toMatchObject({ level: 40, reviewed });
    } finally {
      await puente.close();
    }
  });

  it('warns at start-up and reports stale content past 60 days, still ready', async () => {
    const later = new Date(`${staleAfter}T12:00:00Z`);
    later.setUTCDate(later.getUTCDate() + 1);
    const { puente, logged } = await start(later);
    try {
      expect(await readyz(puente)).toEqual({ status: 200, body: { status: 'ready', content: { reviewed, staleAfter, stale: true, reviewedBy, signOffPending: true } } });
      const warning = logged.map((l) => JSON.parse(l) as { code?: string; level?: number; reviewed?: string }).find((l) => l.code === 'CONTENT_STALE');
      expect(warning).toMatchObject({ level: 40, reviewed, staleAfter });
    } finally {
      await puente.close();
    }
  });
});
