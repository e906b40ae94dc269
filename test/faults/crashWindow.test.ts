/**
 * The one moment a crash could duplicate an intake: the confirming turn saved the record (and its
 * webhook outbox row) and the process died before it saved the session. The person then sees the
 * review again. Whatever they send next, exactly one record exists, under one reference, and the
 * conversation ends as sent. Found while writing the crash test (SIGKILL during a load run).
 */
import path from 'node:path';
import { loadOrgProfile } from '../../src/config';
import { handleTurn, submissionReference, type TurnDeps } from '../../src/conversation';
import { createTexts } from '../../src/i18n';
import type { SessionStore } from '../../src/storage';
import { memoryStores } from '../support/memoryStores';
import { loadScenarios, fill } from '../support/scenarios';

const texts = createTexts();
const profile = loadOrgProfile(path.resolve(__dirname, '../../config/organization.example.json'));
const today = new Date('2026-11-23T12:00:00Z');
const scenario = loadScenarios().find((s) => s.name === 'married-usc-visa-overstay')!;

/**
 * Stores whose session save never returns once, when the intake is being saved as submitted: the
 * process "died" there (no catch, no clean-up runs, as with SIGKILL). Later turns use the same stores.
 */
function dyingStores() {
  const stores = memoryStores();
  let armed = false;
  let died: () => void = () => undefined;
  const death = new Promise<void>((resolve) => (died = resolve));
  const sessions: SessionStore = {
    load: (id) => stores.sessions.load(id),
    delete: (id) => stores.sessions.delete(id),
    save: async (id, s, e) => {
      if (armed && s.intake.value === 'submitted') {
        armed = false;
        died();
        return new Promise<string>(() => undefined);
      }
      return stores.sessions.save(id, s, e);
    },
  };
  return { stores, sessions, death, arm: () => (armed = true) };
}

const silent = { info: () => undefined, warn: () => undefined };

/** Answers every question of the scenario until the review is shown. */
async function toReview(d: TurnDeps, id: string): Promise<void> {
  let out = await handleTurn({ conversationId: id, kind: 'start', channelLocale: 'en-US' }, d);
  for (let i = 0; i < 40; i++) {
    const q = [...out.replies].reverse().find((r) => r.channelData?.question)?.channelData?.question;
    if (q === 'review') return;
    out = await handleTurn({ conversationId: id, kind: 'message', text: fill(scenario.answers[q!]!, today) }, d);
  }
  throw new Error('never reached the review');
}

test.each([
  ['confirms again', 'confirm'],
  ['asks to change an answer', 'change 3'],
  ['types something else', 'hello?'],
])('after a crash between record and session, the person %s: one record, one reference, the intake sent', async (_what, typed) => {
  const { stores, sessions, death, arm } = dyingStores();
  const d: TurnDeps = { sessions, records: stores.records, texts, profile, log: silent, now: () => today };
  const id = `conv-${typed}`;
  await toReview(d, id);
  const stored = await sessions.load(id);
  arm();
  void handleTurn({ conversationId: id, kind: 'message', text: 'confirm' }, d);
  await death;
  // The record and its delivery were saved before the "crash".
  const expected = submissionReference(id, stored!.eTag);
  expect((await stores.records.list()).map((r) => r.reference)).toEqual([expected]);

  const out = await handleTurn({ conversationId: id, kind: 'message', text: typed }, d);
  const result = out.replies.find((r) => r.channelData?.intakeResult)?.channelData?.intakeResult;
  expect(result?.reference).toBe(expected);
  expect([...result!.findings.map((f) => f.code)].sort()).toEqual([...scenario.expect.findings].sort());
  expect((await stores.records.list()).map((r) => r.reference)).toEqual([expected]);
  // and afterwards the conversation knows it is finished, with that reference
  const again = await handleTurn({ conversationId: id, kind: 'message', text: 'confirm' }, d);
  expect(again.replies.map((r) => r.text).join('\n')).toContain(expected);
  expect(await stores.records.list()).toHaveLength(1);
});

test('a confirmation without a crash makes one record whose reference depends on the session version', async () => {
  const { stores, sessions } = dyingStores();
  const d: TurnDeps = { sessions, records: stores.records, texts, profile, log: silent, now: () => today };
  await toReview(d, 'conv-a');
  await toReview(d, 'conv-b');
  const a = (await handleTurn({ conversationId: 'conv-a', kind: 'message', text: 'confirm' }, d)).replies.find((r) => r.channelData?.intakeResult);
  const b = (await handleTurn({ conversationId: 'conv-b', kind: 'message', text: 'confirm' }, d)).replies.find((r) => r.channelData?.intakeResult);
  expect(a?.channelData?.intakeResult?.reference).toMatch(/^PU-[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$/);
  expect(a?.channelData?.intakeResult?.reference).not.toBe(b?.channelData?.intakeResult?.reference);
  expect(await stores.records.list()).toHaveLength(2);
  expect(submissionReference('x', 'e1')).not.toBe(submissionReference('x', 'e2'));
  expect(submissionReference('x', 'e1')).toBe(submissionReference('x', 'e1'));
});
