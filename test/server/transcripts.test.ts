/**
 * Bilingual transcripts through the real HTTP endpoint: commands, review, bad input and the
 * boundary checks of /api/messages.
 */
import type { RunningPuente } from '../../src/app';
import { Conversation, questionOf, resultOf, startTestServer, textOf, type Activity } from '../support/harness';

let puente: RunningPuente;
beforeAll(async () => {
  puente = await startTestServer();
});
afterAll(() => puente.close());

const conv = (locale = 'en-US', channelId = 'webchat') => new Conversation(puente.url, locale, channelId);

/** Answers typed texts in order, checking each one is understood (the question moves on). */
async function answerAll(c: Conversation, typed: string[]): Promise<Activity[]> {
  let acts: Activity[] = [];
  for (const text of typed) {
    const before = questionOf(acts);
    acts = await c.say(text);
    if (before && questionOf(acts) === before) throw new Error(`"${text}" not understood at ${before}`);
  }
  return acts;
}

const toOutsideReview = ['English', 'yes', 'abroad', 'single', 'no', 'no', 'no', 'no', 'no'];

describe('starting', () => {
  it('greets in both languages and asks the language question with buttons', async () => {
    const acts = await conv().start();
    expect(questionOf(acts)).toBe('language');
    const q = acts.find((a) => a.channelData?.question === 'language')!;
    expect(q.suggestedActions?.actions.map((a) => a.value)).toEqual(['en', 'es']);
    expect(textOf(acts)).toMatch(/Puente/);
    for (const a of acts) expect(a.locale).toBe('en-US');
  });

  it('pre-selects Spanish from a Spanish channel locale', async () => {
    const acts = await conv('es-MX').start();
    for (const a of acts) expect(a.locale).toBe('es-US');
  });

  it('answers a message that arrives before any greeting with the greeting and the first question', async () => {
    const acts = await conv().say('hello?');
    expect(questionOf(acts)).toBe('language');
  });

  it('honours a first message that already chooses the language', async () => {
    const acts = await conv().say('español');
    expect(questionOf(acts)).toBe('consent');
    expect(acts.every((a) => a.locale === 'es-US')).toBe(true);
  });

  it('carries progress on every question', async () => {
    const c = conv();
    await c.start();
    const acts = await c.say('English');
    const q = acts.find((a) => a.channelData?.question === 'consent')!;
    // Out of the longest path still possible, so the total never grows (intake-spec §3).
    expect(q.channelData?.progress).toEqual({ answered: 1, total: 27 });
  });
});

describe('buttons', () => {
  it('accepts a button value as the answer', async () => {
    const c = conv();
    await c.start();
    let acts = await c.press('es');
    expect(questionOf(acts)).toBe('consent');
    acts = await c.press('yes');
    expect(questionOf(acts)).toBe('location');
    const q = acts.find((a) => a.channelData?.question === 'location')!;
    expect(q.suggestedActions?.actions.map((a) => a.value)).toEqual(['in_us', 'outside_us']);
    expect(q.suggestedActions?.actions.every((a) => a.title.length > 0 && a.title !== a.value)).toBe(true);
  });

  it('re-asks, in the person\'s language, on an unknown button value', async () => {
    const c = conv('es-US');
    await c.start();
    await c.press('es');
    const acts = await c.press('married');
    expect(questionOf(acts)).toBe('consent');
    expect(acts.every((a) => a.locale === 'es-US')).toBe(true);
  });

  it('numbers the options on channels without buttons', async () => {
    const c = conv('en-US', 'sms');
    const acts = await c.start();
    const q = acts.find((a) => a.channelData?.question === 'language')!;
    expect(q.suggestedActions).toBeUndefined();
    expect(q.text).toMatch(/1\. English/);
    expect(q.text).toMatch(/2\. Español/);
  });
});

describe('commands', () => {
  it('switches language mid-intake, keeps the answers and asks the same question again', async () => {
    const c = conv();
    await c.start();
    await answerAll(c, ['English', 'yes', 'in the US']);
    let acts = await c.say('español');
    expect(questionOf(acts)).toBe('under_21');
    expect(acts.every((a) => a.locale === 'es-US')).toBe(true);
    acts = await c.say('no');
    expect(questionOf(acts)).toBe('detained');
    acts = await c.say('English');
    expect(questionOf(acts)).toBe('detained');
    expect(acts.every((a) => a.locale === 'en-US')).toBe(true);
  });

  it('goes back to the previous question and accepts a new answer', async () => {
    const c = conv();
    await c.start();
    await answerAll(c, ['English', 'yes', 'in the US', 'no']);
    let acts = await c.say('back');
    expect(questionOf(acts)).toBe('under_21');
    acts = await c.say('yes');
    expect(questionOf(acts)).toBe('detained');
  });

  it('gives help and keeps the question open', async () => {
    const c = conv('es-US');
    await c.start();
    await answerAll(c, ['español', 'sí']);
    const acts = await c.say('ayuda');
    expect(questionOf(acts)).toBe('location');
    expect(acts.length).toBeGreaterThanOrEqual(2);
  });

  it('restarts only after confirmation, and keeps going when the person says no', async () => {
    const c = conv();
    await c.start();
    await answerAll(c, ['English', 'yes', 'in the US']);
    let acts = await c.say('start over');
    expect(acts.some((a) => a.channelData?.prompt === 'confirmRestart')).toBe(true);
    acts = await c.say('no');
    expect(questionOf(acts)).toBe('under_21');
    await c.say('restart');
    acts = await c.say('yes');
    expect(questionOf(acts)).toBe('language');
  });

  it('exits with one neutral line and deletes the conversation', async () => {
    const c = conv();
    await c.start();
    await answerAll(c, ['English', 'yes', 'in the US']);
    const acts = await c.say('exit');
    expect(acts).toHaveLength(1);
    expect(acts[0]!.channelData).toBeUndefined();
    expect((acts[0]!.text ?? '').length).toBeLessThan(40);
    const after = await c.say('no');
    expect(questionOf(after)).toBe('language');
  });

  it('treats "quiero salir del país" as an answer, not as exit', async () => {
    const c = conv('es-US');
    await c.start();
    await answerAll(c, ['español', 'sí', 'aquí', 'no', 'no', 'no', 'no']);
    const acts = await c.say('quiero salir del país');
    expect(acts.length).toBeGreaterThan(0);
    expect(questionOf(acts)).toBeDefined();
  });

  it('deletes the answers and the submitted record on request', async () => {
    const c = conv();
    await c.start();
    await answerAll(c, toOutsideReview);
    const done = await c.say('confirm');
    const reference = resultOf(done)!.reference;
    expect(await puente.records.get(reference)).not.toBeNull();
    const acts = await c.say('delete');
    expect(textOf(acts)).toContain(reference);
    expect(await puente.records.get(reference)).toBeNull();
    expect(questionOf(await c.say('hi'))).toBe('language');
  });
});

describe('misunderstandings', () => {
  it('re-asks after nonsense and offers help and "not sure" on the third miss', async () => {
    const c = conv();
    await c.start();
    await answerAll(c, ['English', 'yes', 'in the US', 'no']);
    const first = await c.say('blorp');
    expect(questionOf(first)).toBe('detained');
    await c.say('🙂🙂');
    const third = await c.say('x'.repeat(5000));
    expect(questionOf(third)).toBe('detained');
    const q = third.find((a) => a.channelData?.question === 'detained')!;
    expect(q.suggestedActions?.actions.map((a) => a.value)).toContain('not_sure');
    expect(third.length).toBeGreaterThanOrEqual(2);
    const next = await c.say('not sure');
    expect(questionOf(next)).toBe('proceedings');
  });

  it('keeps every earlier answer after bad input', async () => {
    const c = conv();
    await c.start();
    await answerAll(c, ['English', 'yes', 'abroad', 'married']);
    await c.say('ءءء مرحبا');
    await c.say('');
    const acts = await answerAll(c, ['US citizen', 'no', 'no', 'no', 'no', 'no', 'no']);
    expect(questionOf(acts)).toBe('review');
    const review = acts.find((a) => a.channelData?.question === 'review')!;
    expect(review.text).toMatch(/U\.?S\.? citizen/i);
  });

  it('validates contact details and keeps asking until they are valid', async () => {
    const c = conv();
    await c.start();
    let acts = await answerAll(c, ['English', 'yes', 'abroad', 'single', 'no', 'no', 'no', 'no', 'yes', 'Sam', 'email']);
    expect(questionOf(acts)).toBe('contact_value');
    acts = await c.say('not an email');
    expect(questionOf(acts)).toBe('contact_value');
    acts = await c.say('sam@example.org');
    expect(questionOf(acts)).toBe('safe_message');
  });
});

describe('review', () => {
  it('lists the answers, lets one change, asks what the change opens, and submits', async () => {
    const c = conv();
    await c.start();
    let acts = await answerAll(c, toOutsideReview);
    expect(questionOf(acts)).toBe('review');
    acts = await c.press('change:relationship');
    expect(questionOf(acts)).toBe('relationship');
    acts = await c.say('engaged');
    expect(questionOf(acts)).toBe('partner_status');
    acts = await answerAll(c, ['American', 'no']);
    expect(questionOf(acts)).toBe('review');
    acts = await c.say('confirm');
    const result = resultOf(acts)!;
    expect(result.findings.map((f) => f.code)).toEqual(['PARTNER_NOT_MARRIED', 'OUTSIDE_US_PARTNER', 'ATTORNEY_REFERRAL', 'NOTARIO_WARNING']);
    expect(textOf(acts)).toContain(result.reference);
  });

  it('hides sensitive answers on the review step', async () => {
    const c = conv();
    await c.start();
    const acts = await answerAll(c, ['English', 'yes', 'abroad', 'single', 'no', 'no', 'no', 'yes', 'no']);
    const review = acts.find((a) => a.channelData?.question === 'review')!;
    expect(review.text).not.toMatch(/arrest/i);
  });

  it('says the intake is finished when someone writes after the result', async () => {
    const c = conv();
    await c.start();
    await answerAll(c, toOutsideReview);
    const done = await c.say('confirm');
    const acts = await c.say('hello');
    expect(textOf(acts)).toContain(resultOf(done)!.reference);
  });
});

describe('/api/messages boundary', () => {
  it('answers {} with 400', async () => {
    const res = await fetch(`${puente.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(400);
  });

  it('answers a non-string text with 400', async () => {
    const { status } = await conv().raw({ type: 'message', text: 42 });
    expect(status).toBe(400);
  });

  it('refuses anything but expectReplies without Bot Framework auth', async () => {
    const { status } = await conv().raw({ type: 'message', text: 'hi', deliveryMode: 'normal' });
    expect(status).toBe(400);
    const none = await conv().raw({ type: 'message', text: 'hi', deliveryMode: undefined });
    expect(none.status).toBe(400);
  });

  it('refuses bodies over 64 KB', async () => {
    const { status } = await conv().raw({ type: 'message', text: 'a', channelData: { pad: 'x'.repeat(70 * 1024) } });
    expect(status).toBe(413);
  });

  it('answers invalid JSON with 400', async () => {
    const res = await fetch(`${puente.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":' });
    expect(res.status).toBe(400);
  });

  it('ignores activity types it does not handle', async () => {
    const { status } = await conv().raw({ type: 'typing' });
    expect([200, 202]).toContain(status);
  });

  it('reports health', async () => {
    const res = await fetch(`${puente.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
