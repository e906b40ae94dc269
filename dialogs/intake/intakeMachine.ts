/**
 * The intake conversation as one XState outline. Pure: a server turn calls
 * `transition(intakeMachine, snapshot, event)`; no live actor, no I/O, no text (the renderer turns
 * state and `notice` into sentences). Question order and branching live in `questions.ts`.
 */
import { assign, setup } from 'xstate';
import { answerSchemas, type IntakeAnswers, type QuestionId } from './answers';
import type { Locale } from './commands';
import { nextQuestion, pruneAnswers, reviewItems } from './flow';

/**
 * Bump whenever the questions, the context shape or the state names change. A stored snapshot of an
 * earlier version is upgraded when it is restored (snapshot.ts, design.md §5): its answers that are
 * still valid codes are kept and only new or changed questions are asked. Version 2 is spec v3
 * (married_check, former_when, fear outside the US, new answer values).
 */
export const MACHINE_VERSION = 2;

export type MissReason = 'noMatch' | 'empty' | 'invalidName' | 'invalidPhone' | 'invalidEmail';

/** What the next reply must say besides the current prompt. Reset on every event. */
export type Notice =
  | { kind: 'greeting' }
  | { kind: 'reask'; reason: MissReason; offerHelp: boolean }
  | { kind: 'help' }
  | { kind: 'backAtStart' }
  | { kind: 'languageChanged' }
  | { kind: 'restartCancelled' }
  | { kind: 'restartDone' }
  | { kind: 'reviewChange' }
  | { kind: 'finishedAlready' }
  /** The person said a reading was wrong: the question is asked again with its options. */
  | { kind: 'readingRejected' };

export type ResumeState = 'asking' | 'reviewing' | 'submitted';

export interface IntakeContext {
  locale: Locale;
  answers: IntakeAnswers;
  /** The question being asked while in `asking`. */
  current: QuestionId;
  /** Questions answered, in the order they were asked: what `back` walks through. */
  history: QuestionId[];
  /** Misunderstood replies to the current prompt; the third one offers help. */
  misses: number;
  notice: Notice | null;
  /** Where a cancelled restart returns to. */
  resume: ResumeState;
  /**
   * While `confirming`: the value a typed answer was read as, waiting for the person's yes
   * ("I understood: No court case. Is that right?"). Absent otherwise.
   */
  pending?: string;
}

export type IntakeEvent =
  | { type: 'answer.given'; value: string }
  /** A typed answer read with doubt: the person is asked to confirm the reading before it counts. */
  | { type: 'answer.tentative'; value: string }
  | { type: 'reading.confirmed' }
  | { type: 'reading.rejected' }
  /** An answer that leaves `relationship` open ("mi pareja"): its follow-up question decides it. */
  | { type: 'answer.open'; followUp: 'married_check' }
  | { type: 'answer.invalid'; reason: MissReason }
  | { type: 'help.requested' }
  | { type: 'back.requested' }
  | { type: 'restart.requested' }
  | { type: 'restart.confirmed' }
  | { type: 'restart.cancelled' }
  | { type: 'language.switch'; locale: Locale }
  | { type: 'exit.requested' }
  | { type: 'delete.requested' }
  | { type: 'review.change'; question: QuestionId }
  | { type: 'review.confirmed' };

export interface IntakeInput {
  locale: Locale;
}

export function initialContext(locale: Locale): IntakeContext {
  return { locale, answers: {}, current: 'language', history: [], misses: 0, notice: { kind: 'greeting' }, resume: 'asking' };
}

function isValidAnswer(question: QuestionId, value: string): boolean {
  return answerSchemas[question].safeParse(value).success;
}

export const intakeMachine = setup({
  types: {
    context: {} as IntakeContext,
    events: {} as IntakeEvent,
    input: {} as IntakeInput,
  },
  guards: {
    validAnswer: ({ context, event }) => event.type === 'answer.given' && isValidAnswer(context.current, event.value),
    validTentative: ({ context, event }) => event.type === 'answer.tentative' && isValidAnswer(context.current, event.value),
    openAtRelationship: ({ context, event }) => event.type === 'answer.open' && context.current === 'relationship',
    consentDeclined: ({ context }) => context.answers.consent === 'no',
    allAnswered: ({ context }) => nextQuestion(context.answers) === null,
    atFirstQuestion: ({ context }) => context.history.length === 0,
    answeredQuestion: ({ context, event }) =>
      event.type === 'review.change' && reviewItems(context.answers).includes(event.question),
  },
  actions: {
    clearNotice: assign({ notice: null }),
    recordAnswer: assign(({ context, event }) => {
      const given = event.type === 'answer.given' ? event.value : event.type === 'reading.confirmed' ? context.pending : undefined;
      if (given === undefined) return {};
      const question = context.current;
      const value = answerSchemas[question].parse(given) as string;
      const answers = { ...context.answers, [question]: value } as IntakeAnswers;
      // married_check settles the relationship it followed up on (intake-spec §3, 10a).
      if (question === 'married_check') answers.relationship = value === 'yes' ? 'married' : 'partner';
      const history = [...context.history.filter((q) => q !== question), question];
      const locale = question === 'language' ? (value as Locale) : context.locale;
      return { answers, history, locale, misses: 0, pending: undefined };
    }),
    holdReading: assign(({ event }) => (event.type === 'answer.tentative' ? { pending: event.value } : {})),
    dropReading: assign({ pending: undefined }),
    noteReadingRejected: assign({ notice: { kind: 'readingRejected' } satisfies Notice }),
    /** "mi pareja": no relationship value yet; its follow-up is asked, and back returns to it. */
    askFollowUp: assign(({ context, event }) => {
      if (event.type !== 'answer.open') return {};
      const answers: IntakeAnswers = { ...context.answers };
      delete answers.relationship;
      delete answers.married_check;
      const history = [...context.history.filter((q) => q !== 'relationship'), 'relationship' as const];
      return { answers, history, current: event.followUp, misses: 0 };
    }),
    askNext: assign(({ context }) => ({ current: nextQuestion(context.answers) ?? context.current, misses: 0 })),
    pruneForReview: assign(({ context }) => ({ answers: pruneAnswers(context.answers), misses: 0 })),
    countMiss: assign(({ context, event }) => {
      const misses = context.misses + 1;
      const reason: MissReason = event.type === 'answer.invalid' ? event.reason : 'noMatch';
      return { misses, notice: { kind: 'reask', reason, offerHelp: misses >= 3 } satisfies Notice };
    }),
    /** Back: the previous question is asked again and its old answer cleared, so it can be changed. */
    goBack: assign(({ context }) => {
      const history = context.history.slice(0, -1);
      const previous = context.history[context.history.length - 1] ?? context.current;
      const answers: IntakeAnswers = { ...context.answers };
      delete answers[previous];
      return { history, current: previous, answers, misses: 0 };
    }),
    startChange: assign(({ event }) => (event.type === 'review.change' ? { current: event.question, misses: 0 } : {})),
    switchLanguage: assign(({ event }) =>
      event.type === 'language.switch' ? { locale: event.locale, notice: { kind: 'languageChanged' } satisfies Notice } : {},
    ),
    noteHelp: assign({ notice: { kind: 'help' } satisfies Notice }),
    noteBackAtStart: assign({ notice: { kind: 'backAtStart' } satisfies Notice }),
    noteReviewChange: assign({ notice: { kind: 'reviewChange' } satisfies Notice }),
    noteFinished: assign({ notice: { kind: 'finishedAlready' } satisfies Notice }),
    noteRestartCancelled: assign({ notice: { kind: 'restartCancelled' } satisfies Notice }),
    resetIntake: assign(({ context }) => ({ ...initialContext(context.locale), notice: { kind: 'restartDone' } satisfies Notice })),
    rememberResume: assign((_, params: { resume: ResumeState }) => ({ resume: params.resume })),
  },
}).createMachine({
  id: 'intake',
  context: ({ input }) => initialContext(input.locale),
  initial: 'asking',
  on: {
    'exit.requested': { target: '.exited' },
    'delete.requested': { target: '.deleted' },
    'language.switch': { actions: ['clearNotice', 'switchLanguage'] },
    'help.requested': { actions: ['clearNotice', 'noteHelp'] },
  },
  states: {
    asking: {
      on: {
        'answer.given': [
          { guard: 'validAnswer', target: 'routing', actions: ['clearNotice', 'recordAnswer'] },
          { actions: ['clearNotice', 'countMiss'] },
        ],
        'answer.open': [
          { guard: 'openAtRelationship', target: 'asking', actions: ['clearNotice', 'askFollowUp'] },
          { actions: ['clearNotice', 'countMiss'] },
        ],
        'answer.tentative': [
          { guard: 'validTentative', target: 'confirming', actions: ['clearNotice', 'holdReading'] },
          { actions: ['clearNotice', 'countMiss'] },
        ],
        'answer.invalid': { actions: ['clearNotice', 'countMiss'] },
        'back.requested': [
          { guard: 'atFirstQuestion', actions: ['clearNotice', 'noteBackAtStart'] },
          { target: 'asking', actions: ['clearNotice', 'goBack'] },
        ],
        'restart.requested': {
          target: 'confirmingRestart',
          actions: ['clearNotice', { type: 'rememberResume', params: { resume: 'asking' } }],
        },
      },
    },
    /**
     * "I understood: No court case. Is that right?" Yes records the reading as the answer; no (or
     * back) asks the question again with its options, and nothing is recorded.
     */
    confirming: {
      on: {
        'reading.confirmed': { target: 'routing', actions: ['clearNotice', 'recordAnswer'] },
        'reading.rejected': { target: 'asking', actions: ['clearNotice', 'dropReading', 'noteReadingRejected'] },
        'back.requested': { target: 'asking', actions: ['clearNotice', 'dropReading'] },
        'restart.requested': {
          target: 'confirmingRestart',
          actions: ['clearNotice', 'dropReading', { type: 'rememberResume', params: { resume: 'asking' } }],
        },
        'answer.given': { actions: ['clearNotice', 'countMiss'] },
        'answer.tentative': { actions: ['clearNotice', 'countMiss'] },
        'answer.open': { actions: ['clearNotice', 'countMiss'] },
        'answer.invalid': { actions: ['clearNotice', 'countMiss'] },
      },
    },
    /** Decides where an answer leads: the end (consent refused), the review step, or the next question. */
    routing: {
      always: [
        { guard: 'consentDeclined', target: 'declined' },
        { guard: 'allAnswered', target: 'reviewing', actions: 'pruneForReview' },
        { target: 'asking', actions: 'askNext' },
      ],
    },
    reviewing: {
      on: {
        'review.confirmed': { target: 'submitted', actions: ['clearNotice', 'pruneForReview'] },
        'review.change': [
          { guard: 'answeredQuestion', target: 'asking', actions: ['clearNotice', 'startChange', 'noteReviewChange'] },
          { actions: ['clearNotice', 'countMiss'] },
        ],
        'answer.given': { actions: ['clearNotice', 'countMiss'] },
        'answer.open': { actions: ['clearNotice', 'countMiss'] },
        'answer.tentative': { actions: ['clearNotice', 'countMiss'] },
        'answer.invalid': { actions: ['clearNotice', 'countMiss'] },
        'back.requested': [
          { guard: 'atFirstQuestion', actions: ['clearNotice', 'noteBackAtStart'] },
          { target: 'asking', actions: ['clearNotice', 'goBack'] },
        ],
        'restart.requested': {
          target: 'confirmingRestart',
          actions: ['clearNotice', { type: 'rememberResume', params: { resume: 'reviewing' } }],
        },
      },
    },
    confirmingRestart: {
      on: {
        'restart.confirmed': { target: 'asking', actions: ['clearNotice', 'resetIntake'] },
        'restart.cancelled': { target: 'resuming', actions: ['clearNotice', 'noteRestartCancelled'] },
        'back.requested': { target: 'resuming', actions: ['clearNotice', 'noteRestartCancelled'] },
        'restart.requested': { actions: 'clearNotice' },
        'answer.invalid': { actions: ['clearNotice', 'countMiss'] },
        'answer.given': { actions: ['clearNotice', 'countMiss'] },
        'answer.open': { actions: ['clearNotice', 'countMiss'] },
        'answer.tentative': { actions: ['clearNotice', 'countMiss'] },
      },
    },
    /** Returns to the state a cancelled restart interrupted. */
    resuming: {
      always: [
        { guard: ({ context }) => context.resume === 'reviewing', target: 'reviewing' },
        { guard: ({ context }) => context.resume === 'submitted', target: 'submitted' },
        { target: 'asking' },
      ],
    },
    submitted: {
      on: {
        'restart.requested': {
          target: 'confirmingRestart',
          actions: ['clearNotice', { type: 'rememberResume', params: { resume: 'submitted' } }],
        },
        'answer.given': { actions: ['clearNotice', 'noteFinished'] },
        'answer.open': { actions: ['clearNotice', 'noteFinished'] },
        'answer.tentative': { actions: ['clearNotice', 'noteFinished'] },
        'answer.invalid': { actions: ['clearNotice', 'noteFinished'] },
        'back.requested': { actions: ['clearNotice', 'noteFinished'] },
        'review.change': { actions: ['clearNotice', 'noteFinished'] },
        'review.confirmed': { actions: ['clearNotice', 'noteFinished'] },
      },
    },
    /** Consent refused: the person gets the referral, and nothing is stored. */
    declined: { type: 'final' },
    /** Quick exit: the conversation's data is deleted at once. */
    exited: { type: 'final' },
    /** Delete: the conversation's data and any submitted record are deleted. */
    deleted: { type: 'final' },
  },
});

export type IntakeStateValue =
  | 'asking'
  | 'confirming'
  | 'reviewing'
  | 'confirmingRestart'
  | 'submitted'
  | 'declined'
  | 'exited'
  | 'deleted';
