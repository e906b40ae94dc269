/**
 * A helper thread's lifecycle, with plain objects standing in for workers: started on first use,
 * kept while used or busy, stopped once idle, started again on the next use, never after close.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { OnDemand } from '../../src/threads/onDemand';

interface Fake {
  n: number;
  busy: boolean;
  stopped: boolean;
}

function harness(idleMs: number) {
  const made: Fake[] = [];
  const threads = new OnDemand<Fake>({
    spawn: () => {
      const f = { n: made.length + 1, busy: false, stopped: false };
      made.push(f);
      return f;
    },
    stop: async (f) => {
      f.stopped = true;
    },
    idleMs,
    busy: (f) => f.busy,
  });
  return { threads, made };
}

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(10);
  }
}

describe('OnDemand', () => {
  it('starts on first use and reuses the running instance', () => {
    const { threads, made } = harness(60_000);
    expect(threads.current).toBeUndefined();
    const a = threads.use();
    expect(threads.use()).toBe(a);
    expect(made).toHaveLength(1);
    expect(threads.starts).toBe(1);
    return threads.close();
  });

  it('stops an idle instance and starts a new one on the next use', async () => {
    const { threads, made } = harness(80);
    const first = threads.use()!;
    await until(() => first.stopped);
    expect(threads.current).toBeUndefined();
    const second = threads.use()!;
    expect(second).not.toBe(first);
    expect(threads.starts).toBe(2);
    expect(made[1]!.stopped).toBe(false);
    await threads.close();
    expect(second.stopped).toBe(true);
  });

  it('keeps an instance that is used more often than its idle time', async () => {
    const { threads } = harness(150);
    const a = threads.use()!;
    for (let i = 0; i < 8; i++) {
      await sleep(50);
      expect(threads.use()).toBe(a);
    }
    expect(a.stopped).toBe(false);
    await threads.close();
  });

  it('does not stop an instance with work in flight', async () => {
    const { threads } = harness(50);
    const a = threads.use()!;
    a.busy = true;
    await sleep(250);
    expect(a.stopped).toBe(false);
    a.busy = false;
    await until(() => a.stopped);
  });

  it('with idle time 0, keeps the instance until closed', async () => {
    const { threads } = harness(0);
    const a = threads.use()!;
    await sleep(100);
    expect(threads.current).toBe(a);
    await threads.close();
    expect(a.stopped).toBe(true);
  });

  it('starts another after an instance was lost, and none after close', async () => {
    const { threads } = harness(60_000);
    const a = threads.use()!;
    threads.lost(a);
    expect(a.stopped).toBe(false);
    const b = threads.use()!;
    expect(b).not.toBe(a);
    await threads.close();
    expect(threads.use()).toBeUndefined();
    expect(threads.starts).toBe(2);
  });
});
