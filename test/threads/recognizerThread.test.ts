/**
 * Dates and durations read with the models on the recognizer thread mean exactly what they mean
 * with the models in this thread, and a failed thread falls back to this thread.
 */
import rows from '../understand/fixtures/phrasings.json';
import type { IntakeAnswers } from '../../dialogs/intake';
import { understand, type Expecting, type UnderstandContext } from '../../src/understand';
import { RecognizerThread, understandAsync } from '../../src/threads/recognizerThread';
import { labels } from '../understand/realLabels';

const today = new Date(2026, 10, 23, 12);
const ctx = (expecting: UnderstandContext['expecting'], language: 'en' | 'es'): UnderstandContext => ({
  expecting,
  answers: { language },
  today,
  reviewItems: [],
  labels,
});

const answers: [UnderstandContext['expecting'], 'en' | 'es', string][] = [
  ['time_in_us', 'en', '5 years'],
  ['time_in_us', 'en', '8 años'],
  ['time_in_us', 'es', 'desde 2015'],
  ['time_in_us', 'es', 'tres años y medio'],
  ['time_in_us', 'en', 'twelve'],
  ['time_in_us', 'en', '1 year and 6 months'],
  ['time_in_us', 'en', 'not sure'],
  ['hearing_when', 'es', 'en unos meses'],
  ['hearing_when', 'en', 'next week'],
  ['hearing_when', 'en', 'on December 5'],
  ['hearing_when', 'es', 'el viernes'],
  ['hearing_when', 'en', 'it was last month'],
  ['hearing_when', 'es', 'no sé'],
];

describe('recognizer thread', () => {
  let thread: RecognizerThread;
  beforeAll(() => {
    thread = RecognizerThread.start();
  });
  afterAll(() => thread.stop());

  it.each(answers)('%s in %s: "%s" reads the same as in this thread', async (expecting, language, text) => {
    expect(await understandAsync({ text }, ctx(expecting, language), thread)).toEqual(understand({ text }, ctx(expecting, language)));
  });

  it('reads every date and duration phrasing of the fixtures as this thread does', async () => {
    const dated = (rows as { question: string; text: string; answers?: IntakeAnswers }[]).filter((r) => r.question === 'time_in_us' || r.question === 'hearing_when');
    expect(dated.length).toBeGreaterThan(50);
    for (const r of dated) {
      const c: UnderstandContext = { expecting: r.question as Expecting, answers: r.answers ?? {}, today, reviewItems: [], labels };
      expect({ text: r.text, u: await understandAsync({ text: r.text }, c, thread) }).toEqual({ text: r.text, u: understand({ text: r.text }, c) });
    }
  }, 120_000);

  it('builds the models while the caller goes on', async () => {
    await expect(thread.ready).resolves.toBeUndefined();
  });

  it('falls back to this thread when the thread is gone', async () => {
    const gone = RecognizerThread.start();
    await gone.stop();
    await expect(gone.run({ kind: 'number', text: '3', culture: 'en-us', today: 0 })).rejects.toThrow();
    expect(await understandAsync({ text: '4 años' }, ctx('time_in_us', 'es'), gone)).toEqual(expect.objectContaining({ kind: 'answer', value: '2_to_10' }));
  });

  it('gives its models back when idle, and starts again for the next date', async () => {
    // The idle timer on Jest's fake clock; the worker and its messages run for real.
    jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate', 'clearImmediate'] });
    const idle = RecognizerThread.start({ idleMs: 200 });
    try {
      await idle.ready;
      expect(idle.running).toBe(true);
      jest.advanceTimersByTime(199);
      expect(idle.running).toBe(true);
      jest.advanceTimersByTime(1);
      expect(idle.running).toBe(false);
      expect(await understandAsync({ text: 'tres años y medio' }, ctx('time_in_us', 'es'), idle)).toEqual(understand({ text: 'tres años y medio' }, ctx('time_in_us', 'es')));
      expect(idle.starts).toBe(2);
      idle.prepare();
      expect(idle.starts).toBe(2);
    } finally {
      jest.useRealTimers();
      await idle.stop();
    }
    expect(idle.running).toBe(false);
    idle.prepare();
    expect(idle.running).toBe(false);
  }, 30_000);

  it('answers button presses and plain words without asking the thread', async () => {
    const unused = { run: () => Promise.reject(new Error('should not be asked')) } as unknown as RecognizerThread;
    expect(await understandAsync({ button: '2_to_10' }, ctx('time_in_us', 'en'), unused)).toEqual(expect.objectContaining({ kind: 'answer', value: '2_to_10' }));
    expect(await understandAsync({ text: 'help' }, ctx('hearing_when', 'en'), unused)).toEqual({ kind: 'command', command: 'help' });
  });
});
