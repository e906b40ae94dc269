/**
 * What a turn and the purge say about where an intake stands, in ids only: the step an unsent
 * intake stopped at (a question, or the review step), the questions answered before, and what an
 * expired session held. Also the observer fan-out.
 */
import path from 'node:path';
import { persist, startIntake, step, type IntakeEvent } from '../../dialogs/intake';
import { loadOrgProfile } from '../../src/config';
import { expiredIntake, handleTurn, observeAll, type TurnDeps, type TurnObserver } from '../../src/conversation';
import { createTexts } from '../../src/i18n';
import { SESSION_SCHEMA_VERSION } from '../../src/storage';
import { memoryStores } from '../support/memoryStores';

const texts = createTexts();
const profile = loadOrgProfile(path.resolve(__dirname, '../../config/organization.example.json'));
const quiet = { info: () => undefined, warn: () => undefined };

function recorder() {
  const ended: Parameters<NonNullable<TurnObserver['intakeEnded']>>[0][] = [];
  const finished: Parameters<NonNullable<TurnObserver['intakeFinished']>>[0][] = [];
  const observe: TurnObserver = { intakeEnded: (i) => ended.push(i), intakeFinished: (i) => finished.push(i) };
  const { sessions, records } = memoryStores();
  const deps: TurnDeps = { sessions, records, texts, profile, log: quiet, now: () => new Date('2026-11-23T12:00:00Z'), observe };
  const say = (text: string, conversationId = 'c') => handleTurn({ conversationId, kind: 'message', text }, deps);
  return { ended, finished, say };
}

const OUTSIDE = ['English', 'yes', 'abroad', 'engaged', 'American', 'no', 'no', 'no', 'no', 'no', 'no'];

describe('the step an unsent intake ended at', () => {
  it('is the question asked, with the questions answered before it', async () => {
    const r = recorder();
    for (const t of ['English', 'yes', 'abroad', 'exit']) await r.say(t);
    expect(r.ended).toEqual([{ how: 'exited', question: 'relationship', answered: ['language', 'consent', 'location'] }]);
  });

  it('is the language question when the first message already leaves', async () => {
    const r = recorder();
    await r.say('exit');
    expect(r.ended).toEqual([{ how: 'exited', question: 'language', answered: [] }]);
  });

  it('is the review step at review, also while a restart waits for confirmation', async () => {
    const r = recorder();
    for (const t of [...OUTSIDE, 'restart', 'delete']) await r.say(t);
    expect(r.ended).toEqual([{ how: 'deleted', question: 'review', answered: ['language', 'consent', 'location', 'relationship', 'partner_status', 'partner_abuse', 'children', 'prior_removal', 'fear', 'arrests', 'contact_ok'] }]);
  });

  it('is absent for a delete after sending, which was counted when it was sent', async () => {
    const r = recorder();
    for (const t of [...OUTSIDE, 'confirm', 'delete']) await r.say(t);
    expect(r.finished).toHaveLength(1);
    expect(r.finished[0]!.answered).toContain('contact_ok');
    expect(r.ended).toEqual([{ how: 'deleted', question: undefined, answered: expect.any(Array) }]);
  });
});

describe('expiredIntake', () => {
  const at = new Date('2026-11-01T10:00:00.000Z');
  const fallback = new Date('2026-10-31T00:00:00.000Z');
  const stored = (events: IntakeEvent[], updatedAt = at.toISOString()) => {
    let snapshot = startIntake('es');
    for (const e of events) snapshot = step(snapshot, e);
    return { schemaVersion: SESSION_SCHEMA_VERSION, intake: persist(snapshot), updatedAt };
  };
  const answer = (value: string): IntakeEvent => ({ type: 'answer.given', value });

  it('says where an unfinished intake stopped, what was answered, and its last day', () => {
    expect(expiredIntake(stored([answer('es'), answer('yes'), answer('in_us')]), fallback)).toEqual({
      kind: 'abandoned',
      question: 'under_21',
      answered: ['language', 'consent', 'location'],
      locale: 'es',
      lastActive: at,
    });
    expect(expiredIntake(stored([answer('es')], 'not a date'), fallback)).toMatchObject({ question: 'consent', lastActive: fallback });
  });

  it('tells a sent intake and an unreadable session apart from an abandoned one', () => {
    const all = ['es', 'yes', 'outside_us', 'partner', 'us_citizen', 'no', 'no', 'no', 'no', 'no', 'no'].map(answer);
    expect(expiredIntake(stored([...all, { type: 'review.confirmed' }]), fallback)).toEqual({ kind: 'sent' });
    expect(expiredIntake(stored([...all, { type: 'review.confirmed' }, { type: 'restart.requested' }]), fallback)).toEqual({ kind: 'sent' });
    expect(expiredIntake(stored([...all, { type: 'restart.requested' }]), fallback)).toMatchObject({ kind: 'abandoned', question: 'review' });
    expect(expiredIntake(null, fallback)).toEqual({ kind: 'unreadable' });
    expect(expiredIntake({ schemaVersion: 1, intake: { machineVersion: 999 } }, fallback)).toEqual({ kind: 'unreadable' });
  });
});

describe('observeAll', () => {
  it('tells every observer in order, and offers only what one of them listens to', () => {
    const calls: string[] = [];
    const all = observeAll({ intakeStarted: () => calls.push('a') }, undefined, { intakeStarted: () => calls.push('b'), turn: () => calls.push('t') });
    all.intakeStarted?.({ locale: 'en' });
    all.turn?.({ state: 'asking', locale: 'en', ms: 1 });
    expect(calls).toEqual(['a', 'b', 't']);
    expect(all.phase).toBeUndefined();
    expect(all.intakeEnded).toBeUndefined();
  });
});
