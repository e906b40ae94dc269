import { initialTransition, transition } from 'xstate';
import {
  intakeMachine,
  MACHINE_VERSION,
  persist,
  progressOf,
  restore,
  reviewItems,
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
      prior_removal: 'no', fear: 'no', arrests: 'no', contact_ok: 'no',
    });
    // Spec v3: fear is asked outside the US too (danger where the person lives now, G9).
    expect(asked).toEqual(['language', 'consent', 'location', 'relationship', 'children', 'prior_removal', 'fear', 'arrests', 'contact_ok']);
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

  it('counts progress out of the longest path still possible, so the total never grows', () => {
    // In the US, a court case, a spouse or partner with a follow-up question, and contact details: 27.
    expect(progressOf({})).toEqual({ answered: 0, total: 27 });
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

  it('refuses stored snapshots of an unknown version or shape', () => {
    const { s } = play({ language: 'es', consent: 'yes', location: 'in_us', under_21: 'no' });
    const stored = persist(s);
    expect(restore({ ...stored, machineVersion: MACHINE_VERSION + 1 })).toBeNull();
    expect(restore({ ...stored, value: 'routing' })).toBeNull();
    expect(restore({ ...stored, context: { ...stored.context, answers: { location: 'mars' } } })).toBeNull();
    expect(restore('garbage')).toBeNull();
    expect(restore(null)).toBeNull();
  });
});

const open: IntakeEvent = { type: 'answer.open', followUp: 'married_check' };
const untilRelationship = {
  language: 'es', consent: 'yes', location: 'in_us', under_21: 'no', detained: 'no', proceedings: 'none', ice_contact: 'no',
  travel_plans: 'no', uscis_interview: 'no',
} as const;

describe('spec v3 paths', () => {
  it('asks married_check after an open "mi pareja", and its answer settles the relationship (10a)', () => {
    let { s } = play(untilRelationship);
    expect(s.context.current).toBe('relationship');
    s = step(s, open);
    expect(stateOf(s)).toBe('asking');
    expect(s.context.current).toBe('married_check');
    expect(s.context.answers.relationship).toBeUndefined();
    s = step(s, answer('yes'));
    expect(s.context.answers).toMatchObject({ relationship: 'married', married_check: 'yes' });
    expect(s.context.current).toBe('partner_status');
    // Not sure counts as not married: PARTNER_NOT_MARRIED then explains what counts as a marriage.
    let t = step(play(untilRelationship).s, open);
    t = step(t, answer('not_sure'));
    expect(t.context.answers).toMatchObject({ relationship: 'partner', married_check: 'not_sure' });
  });

  it('goes back from married_check to the relationship question, and the open answer is not taken anywhere else', () => {
    let { s } = play(untilRelationship);
    s = step(s, open);
    s = step(s, { type: 'back.requested' });
    expect(s.context.current).toBe('relationship');
    s = step(s, answer('none'));
    expect(s.context.current).toBe('children');
    expect(s.context.answers.married_check).toBeUndefined();
    const atChildren = step(s, open);
    expect(atChildren.context.current).toBe('children');
    expect(atChildren.context.notice).toMatchObject({ kind: 'reask' });
  });

  it('does not list married_check on the review step, and drops it when the relationship changes', () => {
    let { s } = play(untilRelationship);
    s = step(s, open);
    ({ s } = play({ married_check: 'no', partner_status: 'us_citizen', partner_abuse: 'no', children: 'no', entry: 'inspected',
      status_now: 'valid', time_in_us: '2_to_10', prior_removal: 'no', fear: 'no', arrests: 'no', crime_victim: 'no', contact_ok: 'no' }, s));
    expect(stateOf(s)).toBe('reviewing');
    expect(reviewItems(s.context.answers)).toContain('relationship');
    expect(reviewItems(s.context.answers)).not.toContain('married_check');
    s = step(s, { type: 'review.change', question: 'relationship' });
    s = step(s, answer('married'));
    expect(stateOf(s)).toBe('reviewing');
    expect(s.context.answers.relationship).toBe('married');
    expect(s.context.answers.married_check).toBeUndefined();
  });

  it('asks a former spouse about the spouse, in the past, and when it ended (12a)', () => {
    const { s, asked } = play({ ...untilRelationship, relationship: 'former_spouse', partner_status: 'us_citizen', partner_abuse: 'no', former_when: 'under_2', children: 'no' });
    expect(asked.slice(-5)).toEqual(['relationship', 'partner_status', 'partner_abuse', 'former_when', 'children']);
    expect(s.context.current).toBe('entry');
  });

  it('keeps the progress total from growing on every public answer path', () => {
    for (const table of [inUsMarried, { ...inUsMarried, relationship: 'former_spouse', former_when: '2_plus' }]) {
      let s = startIntake('en');
      let total = progressOf(s.context.answers).total;
      for (let i = 0; i < 40 && stateOf(s) === 'asking'; i++) {
        const v = (table as Record<string, string>)[s.context.current];
        if (v === undefined) break;
        s = step(s, answer(v));
        const next = progressOf(s.context.answers);
        expect(next.total).toBeLessThanOrEqual(total);
        expect(next.answered).toBeLessThanOrEqual(next.total);
        total = next.total;
      }
    }
  });
});

describe('a session saved by the previous machine (v1, spec v2) continues (design.md §5)', () => {
  const v2Path = { ...inUsMarried, proceedings: 'none' } as Record<string, string>;
  delete v2Path.hearing_when;
  const order = Object.keys(v2Path) as QuestionId[];

  /** A v1 snapshot waiting at `question` with the answers before it, as v1 stored it. */
  function v1At(question: QuestionId | 'review') {
    const until = question === 'review' ? order.length : order.indexOf(question);
    const answers = Object.fromEntries(order.slice(0, until).map((q) => [q, v2Path[q]]));
    return {
      machineVersion: 1,
      value: question === 'review' ? 'reviewing' : 'asking',
      context: {
        locale: 'en', answers, current: question === 'review' ? 'contact_ok' : question, history: order.slice(0, until),
        misses: 0, notice: null, resume: 'asking',
      },
    };
  }

  it.each([...order, 'review' as const])('at %s: keeps every answer and asks only what is new or still open', (question) => {
    const s = restore(v1At(question));
    expect(s).not.toBeNull();
    const until = question === 'review' ? order.length : order.indexOf(question);
    for (const q of order.slice(0, until)) expect(s!.context.answers[q]).toBe(v2Path[q]);
    expect(stateOf(s!)).toBe(question === 'review' ? 'reviewing' : 'asking');
    if (question !== 'review') expect(s!.context.current).toBe(question);
    // Carried on to the end, it asks nothing it already has.
    const { s: end, asked } = play(v2Path, s!);
    expect(asked.filter((q) => order.slice(0, until).includes(q))).toEqual([]);
    expect(stateOf(end)).toBe('reviewing');
  });

  it('asks a person abroad the new fear question before showing the review again', () => {
    const abroad = { language: 'es', consent: 'yes', location: 'outside_us', relationship: 'none', children: 'no', prior_removal: 'no', arrests: 'no', contact_ok: 'no' };
    const stored = {
      machineVersion: 1,
      value: 'reviewing',
      context: { locale: 'es', answers: abroad, current: 'contact_ok', history: Object.keys(abroad), misses: 0, notice: null, resume: 'asking' },
    };
    let s = restore(stored)!;
    expect(stateOf(s)).toBe('asking');
    expect(s.context.current).toBe('fear');
    s = step(s, answer('no'));
    expect(stateOf(s)).toBe('reviewing');
    expect(s.context.answers).toMatchObject(abroad);
  });

  it('keeps a finished v1 intake finished', () => {
    const done = { ...v1At('review'), value: 'submitted' };
    expect(stateOf(restore(done)!)).toBe('submitted');
  });
});

describe('confirming a doubtful reading (design.md §4)', () => {
  const tentative = (value: string): IntakeEvent => ({ type: 'answer.tentative', value });
  const atProceedings = () => play({ language: 'es', consent: 'yes', location: 'in_us', under_21: 'no', detained: 'no' }).s;

  it('waits for a yes before the reading counts, then moves on', () => {
    let s = step(atProceedings(), tentative('removal_order'));
    expect(stateOf(s)).toBe('confirming');
    expect(s.context.pending).toBe('removal_order');
    expect(s.context.answers.proceedings).toBeUndefined();
    s = step(s, { type: 'reading.confirmed' });
    expect(stateOf(s)).toBe('asking');
    expect(s.context.answers.proceedings).toBe('removal_order');
    expect(s.context.pending).toBeUndefined();
    expect(s.context.current).toBe('ice_contact');
  });

  it('asks the question again with its options after a no, and records nothing', () => {
    let s = step(atProceedings(), tentative('none'));
    s = step(s, { type: 'reading.rejected' });
    expect(stateOf(s)).toBe('asking');
    expect(s.context.current).toBe('proceedings');
    expect(s.context.notice).toEqual({ kind: 'readingRejected' });
    expect(s.context.answers.proceedings).toBeUndefined();
  });

  it('keeps every earlier answer through a language switch, help and back', () => {
    const before = atProceedings();
    let s = step(before, tentative('none'));
    s = step(s, { type: 'language.switch', locale: 'en' });
    expect(stateOf(s)).toBe('confirming');
    s = step(s, { type: 'help.requested' });
    expect(stateOf(s)).toBe('confirming');
    s = step(s, { type: 'back.requested' });
    expect(stateOf(s)).toBe('asking');
    expect(s.context.current).toBe('proceedings');
    expect(s.context.answers).toEqual(before.context.answers);
  });

  it('refuses a reading that is not a code of the question', () => {
    const s = step(atProceedings(), tentative('married'));
    expect(stateOf(s)).toBe('asking');
    expect(s.context.notice).toMatchObject({ kind: 'reask' });
  });

  it('round-trips a confirmation through persist and restore', () => {
    const s = step(atProceedings(), tentative('removal_order'));
    const back = restore(JSON.parse(JSON.stringify(persist(s))));
    expect(back).not.toBeNull();
    expect(stateOf(back!)).toBe('confirming');
    expect(back!.context.pending).toBe('removal_order');
    expect(step(back!, { type: 'reading.confirmed' }).context.answers.proceedings).toBe('removal_order');
  });
});
