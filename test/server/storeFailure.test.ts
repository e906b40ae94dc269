/**
 * PostgreSQL stops in the middle of an intake: the person gets a calm message in their language,
 * the process stays up and reports itself not ready; once PostgreSQL is back the intake continues at
 * the same question with every earlier answer kept. Uses its own throwaway cluster
 * (scripts/test-postgres.sh), since it stops and starts it.
 */
import path from 'node:path';
import type { RunningPuente } from '../../src/app';
import { ThrowawayPostgres } from '../../tools';
import { Conversation, questionOf, startTestServer, textOf, type Activity } from '../support/harness';
import { describeWithPostgres } from '../support/postgres';

const ENCRYPTION_KEYS = `t1:${Buffer.alloc(32, 9).toString('base64')}`;

const status = async (url: string) => (await fetch(url)).status;

async function eventually(what: string, check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describeWithPostgres('when PostgreSQL stops', () => {
  let cluster: ThrowawayPostgres | undefined;
  let puente: RunningPuente | undefined;

  beforeAll(async () => {
    cluster = ThrowawayPostgres.start(path.resolve(__dirname, '../..'), { quiet: true });
    puente = await startTestServer({ DATABASE_URL: cluster.url, ENCRYPTION_KEYS });
  }, 120_000);
  afterAll(async () => {
    await puente?.close();
    cluster?.stop();
  });

  it('answers calmly, stays up, is not ready, and continues where it was once PostgreSQL is back', async () => {
    const p = puente!;
    expect(p.backend?.kind).toBe('postgres');
    const c = new Conversation(p.url, 'es-US');
    await c.start();
    let acts: Activity[] = [];
    for (const t of ['español', 'sí', 'aquí', 'no', 'no', 'no']) acts = await c.say(t);
    expect(questionOf(acts)).toBe('ice_contact');
    expect(await status(`${p.url}/readyz`)).toBe(200);

    cluster!.pause();
    const down = await c.raw({ type: 'message', text: 'no' });
    expect(down.status).toBe(200);
    const replies = ((down.body as { activities?: Activity[] }).activities ?? []).filter((a) => a.type === 'message');
    expect(textOf(replies)).toBe(p.texts.translator('es').t('common:errors.storeUnavailable'));
    expect(await status(`${p.url}/healthz`)).toBe(200);
    expect(await status(`${p.url}/readyz`)).toBe(503);

    cluster!.resume();
    await eventually('/readyz 200', async () => (await status(`${p.url}/readyz`)) === 200);
    acts = await c.say('ayuda');
    expect(questionOf(acts)).toBe('ice_contact');
    for (const t of ['no', 'no', 'no', 'soltera', 'no', 'con visa', 'vigente', '3 años', 'no', 'no', 'no', 'no', 'no']) acts = await c.say(t);
    expect(questionOf(acts)).toBe('review');
    const review = acts.find((a) => a.channelData?.question === 'review')!;
    expect(review.channelData?.progress).toEqual({ answered: 19, total: 19 });
    expect(review.text).toContain('En Estados Unidos');
  }, 60_000);
});
