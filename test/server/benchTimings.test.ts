/**
 * The benchmark's timing hook (BENCH_TIMINGS): off by default; on, every Bot Framework request is
 * timed at the route around the adapter, so the adapter's share of a turn can be told apart.
 */
import type { RunningPuente } from '../../src/app';
import { Conversation, startTestServer } from '../support/harness';

describe('benchmark timing hook', () => {
  let plain: RunningPuente;
  let timed: RunningPuente;
  beforeAll(async () => {
    plain = await startTestServer();
    timed = await startTestServer({ BENCH_TIMINGS: 'true' });
  });
  afterAll(async () => {
    await plain.close();
    await timed.close();
  });

  it('is off unless configured', async () => {
    await new Conversation(plain.url).start();
    expect(plain.timings).toBeUndefined();
  });

  it('times requests at the route and turns in handleTurn when on', async () => {
    const c = new Conversation(timed.url);
    await c.start();
    await c.say('English');
    const t = timed.timings!.snapshot();
    expect(t.requests).toBe(2);
    expect(t.turns).toBe(2);
    expect(t.requestMs).toBeGreaterThanOrEqual(t.turnMs);
    expect(t.phases.load.count).toBe(2);
    expect(t.phases.understand.count).toBe(1);
  });

  it('does not time requests refused at the HTTP boundary', async () => {
    const before = timed.timings!.snapshot().requests;
    const res = await new Conversation(timed.url).raw({ type: 'message', text: 'hi', deliveryMode: 'normal' });
    expect(res.status).toBe(400);
    expect(timed.timings!.snapshot().requests).toBe(before);
  });
});
