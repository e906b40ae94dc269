import { initialTransition, transition } from 'xstate';
import {
  intakeMachine,
  MACHINE_VERSION,
  persist,
  progressOf,
  restore,
  startIntake,
  stateOf,
  step,
  type IntakeEvent,
  type IntakeSnapshot,
  type QuestionId,
} from '../../dialogs/intake';

const answer = (value: string): IntakeEvent => ({ type: 'answer.given', value });

/** Answers each asked question from the table until the machine stops asking or asks one not in it. */
function play(table: Partial<Record<QuestionId, string>>, start: IntakeSnapshot = startIntake('en')) {
  let s = start;
  const asked: QuestionId[] = [];
  for (let i = 0; i < 40 && stateOf(s) === 'asking'; i++) {
    const q = s.context.current;
    const v = table[q];
    if (v === undefined) break;
    asked.push(q);
    s = step(s, answer(v));
  }
  return { s, asked };
}

const inUsMarried = {
  language: 'en', consent: 'yes', location: 'in_us', under_21: 'no', detained: 'no', proceedings: 'pending',
  hearing_when: 'later', ice_contact: 'no', travel_plans: 'no', uscis_interview: 'no', relationship: 'married',
  partner_status: 'us_citizen', partner_abuse: 'no', children: 'no', entry: 'inspected', status_now: 'expired',
  time_in_us: '2_to_10', prior_removal: 'no', fear: 'no', arrests: 'no', crime_victim: 'no', contact_ok: 'no',
} as const;

describe('intake machine', () => {
  it('steps exactly as xstate\'s pure transition() does, through answers, misses, back, help, review and restart', () => {
    const events: IntakeEvent[] = [
      answer('es'), answer('yes'), { type: 'answer.invalid', reason: 'noMatch' }, answer('in_us'), { type: 'back.requested' },
      answer('in_us'), { type: 'help.requested' }, { type: 'language.switch', locale: 'en' }, answer('maybe'),
      ...Object.values(inUsMarried).slice(3).map(answer), { type: 'review.change', question: 'children' }, answer('yes'),
      { type: 'restart.requested' }, { type: 'restart.cancelled' }, { type: 'review.confirmed' }, answer('late'),
    ];
    let ours = startIntake('es');
    let theirs = initialTransition(intakeMachine, { locale: 'es' })[0];
    expect(ours.value).toEqual(theirs.value);
    expect(ours.context).toEqual(theirs.context);
    for (const e of events) {
      ours = step(ours, e);
      theirs = transition(intakeMachine, theirs, e)[0];
      expect({ e, value: ours.value, status: ours.status, context: ours.context }).toEqual({ e, value: theirs.value, status: theirs.status, context: theirs.context });
    }
    expect(stateOf(ours)).toBe('submitted');
  });

  it('starts at the language question with a greeting', () => {
    const s = startIntake('es');
    expect(stateOf(s)).toBe('asking');
    expect(s.context.current).toBe('language');
    expect(s.context.notice).toEqual({ kind: 'greeting' });
    expect(s.context.locale).toBe('es');
  });

  it('asks every in-US question in catalogue order and then reviews', () => {
    const { s, asked } = play(inUsMarried);
    expect(asked).toEqual(Object.keys(inUsMarried));
    expect(stateOf(s)).toBe('reviewing');
  });

  it('skips in-US questions for a person outside the US', () => {
    const { s, asked } = play({
      language: 'en', consent: 'yes', location: 'outside_us', relationship: 'none', children: 'no',
      prior_removal: 'no', arrests: 'no', contact_ok: 'no',
    });
    expect(asked).toEqual(['language', 'consent', 'location', 'relationship', 'children', 'prior_removal', 'arrests', 'contact_ok']);
    expect(stateOf(s)).toBe('reviewing');
  });

  it('ends politely when consent is refused', () => {
    const { s } = play({ language: 'en', consent: 'no' });
    expect(stateOf(s)).toBe('declined');
  });

  it('sets the conversation language from the language answer', () => {
    const { s } = play({ language: 'es', consent: 'no' });
    expect(s.context.locale).toBe('es');
  });

  it('goes back to the previous question and lets its answer change', () => {
    let { s } = play({ language: 'en', consent: 'yes', location: 'in_us', under_21: 'no' });
    expect(s.context.current).toBe('detained');
    s = step(s, { type: 'back.requested' });
    expect(s.context.current).toBe('under_21');
    expect(s.context.answers.under_21).toBeUndefined();
    s = step(s, answer('yes'));
    expect(s.context.current).toBe('detained');
    expect(s.context.answers.under_21).toBe('yes');
  });

  it('says there is nothing to go back to at the first question', () => {
    const s = step(startIntake('en'), { type: 'back.requested' });
    expect(s.context.current).toBe('language');
    expect(s.context.notice).toEqual({ kind: 'backAtStart' });
  });

  it('counts misses and offers help on the third', () => {
    let s = startIntake('en');
    s = step(s, { type: 'answer.invalid', reason: 'noMatch' });
    s = step(s, { type: 'answer.invalid', reason: 'noMatch' });
    expect(s.context.notice).toEqual({ kind: 'reask', reason: 'noMatch', offerHelp: false });
    s = step(s, { type: 'answer.invalid', reason: 'noMatch' });
    expect(s.context.notice).toEqual({ kind: 'reask', reason: 'noMatch', offerHelp: true });
    s = step(s, answer('en'));
    expect(s.context.misses).toBe(0);
  });

  it('rejects an answer value that is not valid for the current question', () => {
    const s = step(startIntake('en'), answer('married'));
    expect(s.context.current).toBe('language');
    expect(s.context.notice).toMatchObject({ kind: 'reask' });
  });

  it('switches language at any question and keeps every answer', () => {
    let { s } = play({ language: 'en', consent: 'yes', location: 'in_us', under_21: 'no' });
    s = step(s, { type: 'language.switch', locale: 'es' });
    expect(s.context.locale).toBe('es');
    expect(s.context.current).toBe('detained');
    expect(s.context.answers).toEqual({ language: 'en', consent: 'yes', location: 'in_us', under_21: 'no' });
    expect(s.context.notice).toEqual({ kind: 'languageChanged' });
  });

  it('restarts only after confirmation', () => {
    let { s } = play({ language: 'en', consent: 'yes', location: 'in_us', under_21: 'no' });
    s = step(s, { type: 'restart.requested' });
    expect(stateOf(s)).toBe('confirmingRestart');
    s = step(s, { type: 'restart.cancelled' });
    expect(stateOf(s)).toBe('asking');
    expect(s.context.current).toBe('detained');
    expect(s.context.answers.under_21).toBe('no');
    s = step(s, { type: 'restart.requested' });
    s = step(s, { type: 'restart.confirmed' });
    expect(stateOf(s)).toBe('asking');
    expect(s.context.current).toBe('language');
    expect(s.context.answers).toEqual({});
    expect(s.context.locale).toBe('en');
  });

  it('changes an answer on review, asks the questions the change opens, drops the ones it closes', () => {
    let { s } = play(inUsMarried);
    s = step(s, { type: 'review.change', question: 'proceedings' });
    expect(s.context.current).toBe('proceedings');
    s = step(s, answer('none'));
    expect(stateOf(s)).toBe('reviewing');
    expect(s.context.answers.hearing_when).toBeUndefined();
    s = step(s, { type: 'review.change', question: 'relationship' });
    s = step(s, answer('none'));
    expect(stateOf(s)).toBe('reviewing');
    expect(s.context.answers.partner_status).toBeUndefined();
    s = step(s, { type: 'review.change', question: 'contact_ok' });
    s = step(s, answer('yes'));
    expect(s.context.current).toBe('contact_name');
    s = step(s, answer('Sam'));
    s = step(s, answer('email'));
    expect(s.context.current).toBe('contact_value');
    s = step(s, answer('sam@example.org'));
    s = step(s, answer('no'));
    expect(stateOf(s)).toBe('reviewing');
    s = step(s, { type: 'review.confirmed' });
    expect(stateOf(s)).toBe('submitted');
  });

  it('ignores a change request for a question that was not answered', () => {
    const { s } = play(inUsMarried);
    const t = step(s, { type: 'review.change', question: 'contact_name' });
    expect(stateOf(t)).toBe('reviewing');
  });

  it('exits and deletes from any state', () => {
    const { s } = play(inUsMarried);
    expect(stateOf(step(s, { type: 'exit.requested' }))).toBe('exited');
    expect(stateOf(step(startIntake('en'), { type: 'delete.requested' }))).toBe('deleted');
  });

  it('counts progress along the current path', () => {
    expect(progressOf({})).toEqual({ answered: 0, total: 8 });
    const { s } = play(inUsMarried);
    expect(progressOf(s.context.answers)).toEqual({ answered: 22, total: 22 });
  });

  it('round-trips a snapshot through JSON', () => {
    let { s } = play({ language: 'es', consent: 'yes', location: 'in_us', under_21: 'no' });
    const stored = JSON.parse(JSON.stringify(persist(s)));
    const back = restore(stored);
    expect(back).not.toBeNull();
    s = step(back!, answer('no'));
    expect(s.context.current).toBe('proceedings');
    expect(s.context.answers.detained).toBe('no');
  });

  it('refuses stored snapshots of another version or shape', () => {
    const { s } = play({ language: 'es', consent: 'yes', location: 'in_us', under_21: 'no' });
    const stored = persist(s);
    expect(restore({ ...stored, machineVersion: MACHINE_VERSION + 1 })).toBeNull();
    expect(restore({ ...stored, value: 'routing' })).toBeNull();
    expect(restore({ ...stored, context: { ...stored.context, answers: { location: 'mars' } } })).toBeNull();
    expect(restore('garbage')).toBeNull();
    expect(restore(null)).toBeNull();
  });
});
