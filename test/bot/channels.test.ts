/**
 * Recorded activities of each kind of channel through the real /api/messages (anonymous mode,
 * expectReplies): Teams gets Adaptive Cards whose buttons submit `{ answer }`, Web Chat and Direct
 * Line suggested actions, SMS numbered text; Teams starts in the person's language; group chats and
 * channels get a polite refusal and nothing is stored.
 */
import { randomUUID } from 'node:crypto';
import type { RunningPuente } from '../../src/app';
import { questionOf, resultOf, startTestServer, type Activity } from '../support/harness';
import { memoryStores } from '../support/memoryStores';
import { cardsOf, elements, fixture, submitActions, submitValue, TeamsChat, visibleText, type CardElement, type TeamsActivity } from '../support/teams';

const stores = memoryStores();
let puente: RunningPuente;
beforeAll(async () => {
  puente = await startTestServer({}, { sessions: stores.sessions, records: stores.records });
});
afterAll(() => puente.close());

const teams = (locale = 'es-MX') => new TeamsChat(puente.url, locale);
const buttonFor = (acts: TeamsActivity[], answer: string) => {
  const found = submitActions(acts).find((a) => (submitValue(a) as { answer: string }).answer === answer);
  if (!found) throw new Error(`no button ${answer} in ${JSON.stringify(submitActions(acts).map((a) => a.title))}`);
  return found;
};

/** Answers with the card buttons until `question` is asked. */
async function pressThrough(chat: TeamsChat, acts: TeamsActivity[], answers: Record<string, string>, until: string): Promise<TeamsActivity[]> {
  for (let i = 0; i < 40 && questionOf(acts) !== until; i++) {
    const q = questionOf(acts)!;
    const code = answers[q];
    if (code === undefined) throw new Error(`no answer for ${q}`);
    acts = await chat.press(buttonFor(acts, code));
  }
  return acts;
}

describe('Teams personal chat', () => {
  it('starts in Spanish from a Spanish Teams locale, with the language question as a card', async () => {
    const acts = await teams('es-MX').start();
    expect(acts.length).toBeGreaterThanOrEqual(2);
    for (const a of acts) expect(a.locale).toBe('es-US');
    expect(questionOf(acts)).toBe('language');
    const [language] = cardsOf(acts);
    expect(language).toMatchObject({ type: 'AdaptiveCard', version: '1.5', lang: 'es' });
    const buttons = submitActions(acts);
    expect(buttons.map((b) => b.title)).toEqual(['English', 'Español']);
    expect(buttons.map(submitValue)).toEqual([
      { answer: 'en', question: 'language' },
      { answer: 'es', question: 'language' },
    ]);
    // never suggested actions on Teams: it shows only three
    for (const a of acts) expect(a.suggestedActions).toBeUndefined();
  });

  it('starts in English from an English Teams locale', async () => {
    const acts = await teams('en-US').start();
    for (const a of acts) expect(a.locale).toBe('en-US');
    expect(cardsOf(acts).map((c) => c.lang)).toEqual(['en']);
  });

  it('waits for the language when Teams adds the bot without a locale, then greets on the install event', async () => {
    const chat = teams('es-MX');
    const { status, body } = await chat.raw(chat.activity('msteams-personal-botAdded'));
    expect(status).toBe(200);
    expect((body as { activities?: unknown[] } | null)?.activities ?? []).toEqual([]);
    expect(await stores.sessions.load(chat.key)).toBeNull();
    const acts = await chat.post('msteams-installationUpdate');
    expect(questionOf(acts)).toBe('language');
    for (const a of acts) expect(a.locale).toBe('es-US');
  });

  it('greets in the language of the first message when nothing started the chat', async () => {
    const acts = await teams('es-MX').say('hola');
    expect(questionOf(acts)).toBe('language');
    for (const a of acts) expect(a.locale).toBe('es-US');
  });

  it('understands a card submit like a typed answer, and a typed answer like a button', async () => {
    const chat = teams('es-MX');
    let acts = await chat.start();
    acts = await chat.post('msteams-card-submit'); // the recorded press of "Español"
    expect(questionOf(acts)).toBe('consent');
    for (const a of acts) expect(a.locale).toBe('es-US');
    acts = await chat.say('sí');
    expect(questionOf(acts)).toBe('location');
    expect(submitActions(acts).map((b) => (submitValue(b) as { answer: string }).answer)).toEqual(['in_us', 'outside_us']);
    expect(submitActions(acts).every((b) => b.title !== (submitValue(b) as { answer: string }).answer)).toBe(true);
  });

  it('echoes ordinary answers into the chat but not the answers to sensitive questions', async () => {
    const chat = teams('en-US');
    const acts = await pressThrough(chat, await chat.start(), { language: 'en', consent: 'yes', location: 'outside_us', relationship: 'none', children: 'no' }, 'prior_removal');
    const prior = buttonFor(acts, 'yes');
    expect((prior.data as { msteams: { displayText?: string } }).msteams.displayText).toBeUndefined();
    const start = await teams('en-US').start();
    expect((buttonFor(start, 'en').data as { msteams: { displayText?: string } }).msteams.displayText).toBe('English');
  });

  it('ignores a button from an older card and asks the current question again', async () => {
    const chat = teams('en-US');
    let acts = await chat.start();
    acts = await chat.press(buttonFor(acts, 'en'));
    const consentYes = buttonFor(acts, 'yes');
    acts = await chat.press(consentYes);
    expect(questionOf(acts)).toBe('location');
    acts = await pressThrough(chat, acts, { location: 'in_us' }, 'under_21');
    // "yes" is a valid answer to under_21 too, but this button belongs to the consent card
    acts = await chat.press(consentYes);
    expect(questionOf(acts)).toBe('under_21');
    acts = await chat.press(buttonFor(acts, 'no'));
    expect(questionOf(acts)).toBe('detained');
  });

  it('shows the review step as one card with a change button per answer, and changes one', async () => {
    const chat = teams('en-US');
    let acts = await pressThrough(
      chat,
      await chat.start(),
      { language: 'en', consent: 'yes', location: 'outside_us', relationship: 'married', partner_status: 'us_citizen', partner_abuse: 'no', children: 'no', prior_removal: 'no', fear: 'no', arrests: 'no', contact_ok: 'no' },
      'review',
    );
    const review = cardsOf(acts).at(-1)!;
    const buttons = elements(review).filter((e) => e.type === 'Action.Submit');
    const values = buttons.map((b) => (submitValue(b) as { answer: string }).answer);
    expect(values).toContain('confirm');
    expect(values).toEqual([
      'change:location', 'change:relationship', 'change:partner_status', 'change:partner_abuse',
      'change:children', 'change:prior_removal', 'change:fear', 'change:arrests', 'change:contact_ok', 'confirm',
    ]);
    // each answer sits in a row beside its own change button
    const rows = elements(review).filter((e) => e.type === 'ColumnSet');
    expect(rows.length).toBe(values.length - 1);
    const text = visibleText(acts);
    expect(text).toMatch(/U\.?S\.? citizen/i);
    expect(text).not.toMatch(/arrest|danger/i); // sensitive answers stay hidden on the review step
    acts = await chat.press(buttonFor(acts, 'change:relationship'));
    expect(questionOf(acts)).toBe('relationship');
    acts = await chat.press(buttonFor(acts, 'partner'));
    acts = await pressThrough(chat, acts, { partner_status: 'us_citizen', partner_abuse: 'no' }, 'review');
    acts = await chat.press(buttonFor(acts, 'confirm'));
    const result = resultOf(acts)!;
    expect(result.findings.map((f) => f.code)).toEqual(['PARTNER_NOT_MARRIED', 'OUTSIDE_US_PARTNER', 'ATTORNEY_REFERRAL', 'NOTARIO_WARNING']);
  });

  it('shows the result as one card with a section per finding, the referral and the reference', async () => {
    const chat = teams('es-MX');
    let acts = await pressThrough(
      chat,
      await chat.start(),
      { language: 'es', consent: 'yes', location: 'in_us', under_21: 'no', detained: 'yes', proceedings: 'pending', hearing_when: 'within_30_days', ice_contact: 'no', travel_plans: 'no', uscis_interview: 'no', relationship: 'married', partner_status: 'us_citizen', partner_abuse: 'prefer_not', children: 'no', entry: 'without_inspection', status_now: 'never', time_in_us: '1_to_2', prior_removal: 'no', fear: 'yes', arrests: 'no', crime_victim: 'no', contact_ok: 'no' },
      'review',
    );
    acts = await chat.press(buttonFor(acts, 'confirm'));
    const result = resultOf(acts)!;
    expect(result.urgent).toBe(true);
    const withResult = acts.filter((a) => a.channelData?.intakeResult);
    expect(withResult).toHaveLength(1);
    const cards = cardsOf(withResult);
    expect(cards).toHaveLength(1);
    const sections = cards[0]!.body;
    // banner, one section per finding except the referral (its own section), the closing notice
    expect(sections).toHaveLength(result.findings.length + 2);
    expect(sections.every((s) => s.type === 'Container')).toBe(true);
    expect(sections[0]).toMatchObject({ style: 'attention' });
    const headings = elements(cards[0]).filter((e) => e.type === 'TextBlock' && e.style === 'heading');
    expect(headings.length).toBe(result.findings.length + 1);
    const text = visibleText(withResult);
    expect(text).toContain(result.reference);
    expect(text).toMatch(/abogad[oa]/);
    expect(withResult[0]!.locale).toBe('es-US');
    expect(cards[0]!.lang).toBe('es');
    // the quick-exit reminder stands right above the safety section's heading
    const quickExit = puente.texts.translator('es').t('common:result.quickExit');
    const safety = sections.filter((s) => (s.items as CardElement[])[0]!.text === quickExit);
    expect(safety).toHaveLength(1);
    expect((safety[0]!.items as CardElement[])[1]).toMatchObject({ type: 'TextBlock', style: 'heading' });
    // Teams refuses activities over about 28 KB
    expect(Buffer.byteLength(JSON.stringify(withResult[0]))).toBeLessThan(28 * 1024);
  });

  it('keeps plain messages as markdown text', async () => {
    const chat = teams('en-US');
    await chat.start();
    const acts = await chat.say('help');
    const plain = acts.filter((a) => !a.attachments);
    expect(plain.length).toBeGreaterThanOrEqual(1);
    expect(plain[0]!.text).toMatch(/help|ayuda/);
  });
});

describe('Teams group chats and channels', () => {
  const botId = `28:${randomUUID()}`;

  it('declines politely in a group chat, offers a personal chat, and stores nothing', async () => {
    const chat = new TeamsChat(puente.url, 'es-MX', botId);
    const acts = await chat.post('msteams-groupChat-message', { conversation: { ...(fixture('msteams-groupChat-message').conversation as object), id: chat.conversationId } });
    expect(acts).toHaveLength(1);
    expect(acts[0]!.locale).toBe('es-US');
    const card = cardsOf(acts)[0]!;
    const open = elements(card).find((e) => e.type === 'Action.OpenUrl')!;
    expect(open.url).toBe(`https://teams.microsoft.com/l/chat/0/0?users=${botId}`);
    expect(open.title).toBe('Hablar conmigo en privado');
    expect(visibleText(acts)).toMatch(/otras personas verían sus respuestas/);
    expect(questionOf(acts)).toBeUndefined();
    expect(await stores.sessions.load(chat.key)).toBeNull();
  });

  it('declines in both languages when the bot is added to a channel (no locale known)', async () => {
    const chat = new TeamsChat(puente.url, 'en-US', botId);
    const acts = await chat.post('msteams-channel-botAdded');
    expect(acts.map((a) => a.locale)).toEqual(['en-US', 'es-US']);
    expect(elements(cardsOf(acts)).filter((e) => e.type === 'Action.OpenUrl')).toHaveLength(2);
    expect(await stores.sessions.load(chat.key)).toBeNull();
  });

  it('declines with text on other channels that report a group', async () => {
    const { status, body } = await new TeamsChat(puente.url).raw({
      ...fixture('sms-message'),
      channelId: 'slack',
      conversation: { id: `g-${randomUUID()}`, isGroup: true },
      deliveryMode: 'expectReplies',
      text: 'hello',
      locale: 'en-US',
    });
    expect(status).toBe(200);
    const acts = (body as { activities: Activity[] }).activities;
    expect(acts).toHaveLength(1);
    expect(acts[0]!.text).toMatch(/other people would see your answers/);
    expect((acts[0] as TeamsActivity).attachments).toBeUndefined();
  });
});

describe('other channels', () => {
  async function post(activity: Record<string, unknown>): Promise<TeamsActivity[]> {
    const res = await fetch(`${puente.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...activity, deliveryMode: 'expectReplies' }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { activities: TeamsActivity[] }).activities;
  }

  it('gives Direct Line suggested actions whose values are the answer codes', async () => {
    const acts = await post({ ...fixture('directline-conversationUpdate'), conversation: { id: `dl-${randomUUID()}` } });
    const q = acts.find((a) => a.channelData?.question === 'language')!;
    expect(q.suggestedActions?.actions.map((a) => a.value)).toEqual(['en', 'es']);
    expect(q.suggestedActions?.actions.map((a) => a.title)).toEqual(['English', 'Español']);
    expect(cardsOf(acts)).toEqual([]);
  });

  it('numbers the options in the text on SMS, and understands the number', async () => {
    const conversation = { isGroup: false, id: `+1555${Date.now() % 10_000_000}` };
    let acts = await post({ ...fixture('sms-message'), conversation });
    const q = acts.find((a) => a.channelData?.question === 'language')!;
    expect(q.suggestedActions).toBeUndefined();
    expect(q.text).toMatch(/1\. English\n2\. Español/);
    expect(q.locale).toBe('es-US');
    acts = await post({ ...fixture('sms-message'), conversation, id: 'SM2', text: '2' });
    expect(questionOf(acts)).toBe('consent');
    const consent = acts.find((a) => a.channelData?.question === 'consent')!;
    expect(consent.text).toMatch(/\n1\. .+\n2\. .+/);
  });
});

/** Every card element type used is one Adaptive Cards 1.5 defines, and every card says its language. */
describe('card vocabulary', () => {
  const KNOWN = new Set(['AdaptiveCard', 'TextBlock', 'Container', 'ColumnSet', 'Column', 'ActionSet', 'Action.Submit', 'Action.OpenUrl']);
  it('uses only known elements', async () => {
    const chat = teams('en-US');
    const acts = await chat.start();
    for (const c of cardsOf(acts)) {
      for (const e of elements(c) as CardElement[]) expect(KNOWN.has(e.type)).toBe(true);
      expect(['en', 'es']).toContain(c.lang);
    }
  });
});
