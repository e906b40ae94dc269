/**
 * "Done" for Teams: every public scenario and our own personas, driven as Teams would drive them.
 * Each choice question is answered by pressing the button of the previous reply's Adaptive Card whose
 * value is the scenario's answer code (never by typing); free-text answers (name, contact) are typed,
 * and so are the commands a scenario uses (language switch, back). The findings, urgency and referral
 * must be exactly the scenario's. Played anonymously with expectReplies, and a few over the
 * authenticated path where replies go to the channel's serviceUrl.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { questionById, type QuestionId } from '../../dialogs/intake';
import type { RunningPuente } from '../../src/app';
import { channelClaims, FakeBotFramework, signToken } from '../support/botFramework';
import { questionOf, resultOf, startTestServer } from '../support/harness';
import { fill, loadScenarios, type Scenario } from '../support/scenarios';
import { submitActions, submitValue, TeamsChat, type TeamsActivity } from '../support/teams';

const scenarios = [...loadScenarios(), ...loadScenarios(path.resolve(__dirname, '../scenarios'))];

/** How activities reach the bot and its replies come back. */
type Send = (chat: TeamsChat, activity: Record<string, unknown>) => Promise<TeamsActivity[]>;

const expectReplies: Send = async (chat, activity) => {
  const { status, body } = await chat.raw(activity);
  if (status !== 200) throw new Error(`HTTP ${status}`);
  return ((body as { activities?: TeamsActivity[] } | null)?.activities ?? []) as TeamsActivity[];
};

interface Played {
  result: NonNullable<ReturnType<typeof resultOf>>;
  pressed: string[];
  typed: string[];
}

async function playAsTeams(base: string, s: Scenario, send: Send, botId?: string): Promise<Played> {
  const chat = new TeamsChat(base, s.locale === 'es' ? 'es-MX' : 'en-US', botId);
  const pressed: string[] = [];
  const typed: string[] = [];
  const post = (name: string, overrides: Record<string, unknown> = {}) => send(chat, chat.activity(name, overrides));
  const say = (text: string) => post('msteams-personal-message', { text });
  const press = (acts: TeamsActivity[], q: string, code: string) => {
    const button = submitActions(acts).find((b) => {
      const v = submitValue(b) as { answer: string; question: string };
      return v.answer === code && v.question === q;
    });
    if (!button) throw new Error(`${s.name}: no button ${code} for ${q}`);
    pressed.push(q);
    return post('msteams-card-submit', { value: submitValue(button) });
  };
  /** A choice is pressed; a free-text question is typed. */
  const answer = (acts: TeamsActivity[], q: string, text: string | undefined, code: string | undefined) => {
    if (q === 'review' || questionById(q as QuestionId).kind === 'choice') {
      if (code === undefined) throw new Error(`${s.name}: no value for ${q}`);
      return press(acts, q, code);
    }
    typed.push(q);
    return say(fill(text ?? '', new Date()));
  };

  let lang = s.locale;
  let acts = await post('msteams-personal-conversationUpdate');
  let asked = questionOf(acts);
  const path: string[] = [];
  let switched = false;
  let backed = false;
  for (let i = 0; i < 80; i++) {
    const result = resultOf(acts);
    if (result) {
      if (!acts.every((a) => (a.locale ?? '').startsWith(lang))) throw new Error(`${s.name}: result not in ${lang}`);
      return { result, pressed, typed };
    }
    if (!asked) throw new Error(`${s.name}: no question after ${path.join('>')}`);
    if (asked !== 'language' && !acts.every((a) => (a.locale ?? '').startsWith(lang))) throw new Error(`${s.name}: ${asked} not in ${lang}`);
    if (s.switchAt === asked && !switched) {
      switched = true;
      lang = lang === 'en' ? 'es' : 'en';
      acts = await say(lang === 'es' ? 'español' : 'English');
      continue;
    }
    if (s.backAt === asked && !backed && s.backAnswers) {
      backed = true;
      const prev = path[path.length - 1]!;
      acts = await say(lang === 'es' ? 'atrás' : 'back');
      if (questionOf(acts) !== prev) throw new Error(`${s.name}: back from ${asked} asked ${questionOf(acts)}`);
      acts = await answer(acts, prev, s.backAnswers[prev], s.values[prev]);
      asked = questionOf(acts);
      continue;
    }
    if (!(asked in s.answers)) throw new Error(`${s.name}: unexpected question ${asked}`);
    path.push(asked);
    acts = await answer(acts, asked, s.answers[asked], s.values[asked]);
    const next = questionOf(acts);
    if (next === asked && !resultOf(acts)) throw new Error(`${s.name}: answer to ${asked} not understood`);
    asked = next;
  }
  throw new Error(`${s.name}: too many turns`);
}

function expectScenario(s: Scenario, played: Played): void {
  expect(new Set(played.result.findings.map((f) => f.code))).toEqual(new Set(s.expect.findings));
  expect(played.result.urgent).toBe(s.expect.urgent);
  expect(played.result.referral).toBe(s.expect.referral);
  // every choice was a card button; only free text was typed
  expect(played.pressed).toContain('review');
  for (const q of played.typed) expect(['contact_name', 'contact_value']).toContain(q);
}

describe('scenarios as Teams card submits (anonymous, expectReplies)', () => {
  let puente: RunningPuente;
  beforeAll(async () => {
    puente = await startTestServer();
  });
  afterAll(() => puente.close());

  it('has scenarios to play', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(18);
  });

  it.each(scenarios.map((s) => [s.name, s] as const))('%s', async (_name, s) => {
    expectScenario(s, await playAsTeams(puente.url, s, expectReplies));
  });
});

describe('scenarios as Teams card submits over the authenticated path', () => {
  const appId = randomUUID();
  const fake = new FakeBotFramework();
  let puente: RunningPuente;
  let consoleError: jest.SpyInstance;
  beforeAll(async () => {
    consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await fake.start();
    puente = await startTestServer(
      { MicrosoftAppId: appId, MicrosoftAppPassword: 'not-used-by-tests', ToBotFromChannelOpenIdMetadataUrl: fake.metadataUrl, ToBotFromEmulatorOpenIdMetadataUrl: fake.metadataUrl },
      { channels: { credentialsFactory: fake.credentialsFactory(appId) } },
    );
  });
  afterAll(async () => {
    await puente.close();
    await fake.close();
    consoleError.mockRestore();
  });

  /** Delivered normally: the replies are what the fake connector received in answer to this activity. */
  const viaConnector: Send = async (chat, activity) => {
    const token = signToken(fake.keys[0]!, channelClaims(appId, fake.serviceUrl));
    const sent: Record<string, unknown> = { ...activity, serviceUrl: fake.serviceUrl, deliveryMode: undefined };
    const { status } = await chat.raw(sent, { authorization: `Bearer ${token}` });
    if (status !== 200) throw new Error(`HTTP ${status}`);
    return fake.received.filter((r) => r.path.endsWith(`/activities/${sent.id as string}`)).map((r) => r.body as TeamsActivity);
  };

  const picked = scenarios.filter((s) => ['detained-hearing-next-week', 'casada-ciudadana-sin-inspeccion'].includes(s.name));

  it('plays an English and a Spanish scenario', () => {
    expect(picked.map((s) => s.locale).sort()).toEqual(['en', 'es']);
  });

  it.each(picked.map((s) => [s.name, s] as const))('%s', async (_name, s) => {
    expectScenario(s, await playAsTeams(puente.url, s, viaConnector, `28:${appId}`));
    for (const r of fake.received) expect(r.authorization).toBe(`Bearer ${fake.outgoingToken}`);
  });
});
