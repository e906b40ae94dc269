/**
 * The one activity -> turn input mapping (src/conversation/turnInput.ts), over every recorded
 * activity in test/channels/fixtures: what the Bot Framework channel makes of it (a turn and its
 * input, the group refusal, an erasure, or nothing), and what the self-hosted web chat makes of the
 * activities its page sends. The conversation id is the channel's: `bf:<channelId>:<id>` here.
 */
import { readdirSync } from 'node:fs';
import type { Activity } from 'botbuilder';
import { IntakeBot, type BotTurn } from '../../src/bot/intakeBot';
import { webChatActivitySchema } from '../../src/channels/webChat';
import { turnInputOf, type TurnInput } from '../../src/conversation';
import { fixture, FIXTURES } from '../support/teams';

/** A turn input without its conversation id, which the test derives from the activity. */
type Input = Omit<TurnInput, 'conversationId'>;
type Expected = { kind: 'turn'; input: Input } | { kind: 'group'; channelLocale?: string } | { kind: 'erase' } | null;

const rows: [fixture: string, expected: Expected][] = [
  ['directline-conversationUpdate', { kind: 'turn', input: { kind: 'start', channelLocale: 'en-US' } }],
  ['msteams-card-submit', { kind: 'turn', input: { kind: 'message', button: 'es', buttonFor: 'language', channelLocale: 'es-MX' } }],
  ['msteams-channel-botAdded', { kind: 'group' }],
  ['msteams-channel-botRemoved', { kind: 'erase' }],
  ['msteams-channel-installationUpdate-remove', { kind: 'erase' }],
  ['msteams-groupChat-botRemoved', { kind: 'erase' }],
  ['msteams-groupChat-installationUpdate-remove', { kind: 'erase' }],
  ['msteams-groupChat-message', { kind: 'group', channelLocale: 'es-MX' }],
  ['msteams-installationUpdate', { kind: 'turn', input: { kind: 'start', channelLocale: 'es-MX' } }],
  // Teams adds the bot to a personal chat without a locale: the greeting waits for one.
  ['msteams-personal-botAdded', null],
  ['msteams-personal-botRemoved', { kind: 'erase' }],
  ['msteams-personal-conversationUpdate', { kind: 'turn', input: { kind: 'start', channelLocale: 'es-MX' } }],
  ['msteams-personal-installationUpdate-remove', { kind: 'erase' }],
  ['msteams-personal-message', { kind: 'turn', input: { kind: 'message', text: 'hola', channelLocale: 'es-MX' } }],
  ['sms-message', { kind: 'turn', input: { kind: 'message', text: 'hola', channelLocale: 'es-US' } }],
];

function expectedTurn(a: Activity, expected: Expected): BotTurn | null {
  const conversationId = `bf:${a.channelId}:${a.conversation.id}`;
  if (expected === null) return null;
  if (expected.kind === 'turn') return { kind: 'turn', input: { conversationId, ...expected.input } };
  if (expected.kind === 'erase') return { kind: 'erase', conversationId };
  return expected;
}

describe('a recorded Bot Framework activity', () => {
  it('has a row for every fixture', () => {
    const recorded = readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length));
    expect(rows.map(([name]) => name).sort()).toEqual(recorded.sort());
  });

  it.each(rows)('%s', (name, expected) => {
    const a = fixture(name) as unknown as Activity;
    const turn = IntakeBot.classify(a);
    expect(turn).toEqual(expectedTurn(a, expected));
    // The turn's input is the shared mapping's, given the channel's conversation id.
    if (turn?.kind === 'turn') expect(turnInputOf(a, turn.input.conversationId)).toEqual(turn.input);
  });
});

describe('a web chat activity (web/app.js, docs/webchat-protocol.md)', () => {
  const rows: [what: string, body: unknown, input: Input][] = [
    ['the page opens', { type: 'conversationUpdate', locale: 'es-US' }, { kind: 'start', channelLocale: 'es-US' }],
    ['a typed message', { type: 'message', text: 'hola', locale: 'es-US' }, { kind: 'message', text: 'hola', channelLocale: 'es-US' }],
    ['a button', { type: 'message', text: 'Yes', value: { answer: 'yes' }, locale: 'en-US' }, { kind: 'message', text: 'Yes', button: 'yes', channelLocale: 'en-US' }],
    ['a messageBack with a bare code', { type: 'message', value: 'no' }, { kind: 'message', button: 'no' }],
    // The web chat's schema keeps only the answer: its buttons are always for the question asked.
    ['a card submit naming its question', { type: 'message', value: { answer: 'es', question: 'language' } }, { kind: 'message', button: 'es' }],
  ];

  it.each(rows)('%s', (_what, body, input) => {
    const a = webChatActivitySchema.parse(body);
    expect(turnInputOf(a, 'wc-1')).toEqual({ conversationId: 'wc-1', ...input });
  });
});
