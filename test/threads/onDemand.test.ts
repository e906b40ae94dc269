/**
 * A helper thread's lifecycle, with plain objects standing in for workers: started on first use,
 * kept while used or busy, stopped once idle, started again on the next use, never after close.
 * Time is Jest's fake clock (timers and performance.now), moved by hand to the millisecond.
 */
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

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

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
    jest.advanceTimersByTime(79);
    expect(first.stopped).toBe(false);
    jest.advanceTimersByTime(1);
    expect(first.stopped).toBe(true);
    expect(threads.current).toBeUndefined();
    const second = threads.use()!;
    expect(second).not.toBe(first);
    expect(threads.starts).toBe(2);
    expect(made[1]!.stopped).toBe(false);
    await threads.close();
    expect(second.stopped).toBe(true);
  });

  it('keeps an instance that is used more often than its idle time, and stops it its idle time after the last use', () => {
    const { threads } = harness(150);
    const a = threads.use()!;
    for (let i = 0; i < 8; i++) {
      jest.advanceTimersByTime(100);
      expect(threads.use()).toBe(a);
    }
    expect(a.stopped).toBe(false);
    jest.advanceTimersByTime(149);
    expect(a.stopped).toBe(false);
    jest.advanceTimersByTime(1);
    expect(a.stopped).toBe(true);
    expect(threads.starts).toBe(1);
  });

  it('does not stop an instance with work in flight', () => {
    const { threads } = harness(50);
    const a = threads.use()!;
    a.busy = true;
    jest.advanceTimersByTime(250);
    expect(a.stopped).toBe(false);
    expect(threads.current).toBe(a);
    a.busy = false;
    jest.advanceTimersByTime(50);
    expect(a.stopped).toBe(true);
  });

  it('with idle time 0, keeps the instance until closed', async () => {
    const { threads } = harness(0);
    const a = threads.use()!;
    jest.advanceTimersByTime(24 * 3600 * 1000);
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
