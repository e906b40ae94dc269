/**
 * The intake conversation as one XState outline. Pure: a server turn calls
 * `transition(intakeMachine, snapshot, event)`; no live actor, no I/O, no text (the renderer turns
 * state and `notice` into sentences). Question order and branching live in `questions.ts`.
 */
import { assign, setup, type SnapshotFrom } from 'xstate';
import { answerSchemas, type IntakeAnswers, type QuestionId } from './answers';
import type { Locale } from './commands';
import { nextQuestion, pruneAnswers, reviewItems } from './flow';
import type { IntakeContext, IntakeStateValue, MissReason, Notice } from './intakeSchemas';

/**
 * Bump whenever the questions, the context shape or the state names change. A stored snapshot of an
 * earlier version is upgraded when it is restored (snapshot.ts, design.md §5): its answers that are
 * still valid codes are kept and only new or changed questions are asked. Version 2 is spec v3
 * (married_check, former_when, fear outside the US, new answer values). Version 3 nests the states a
 * restart interrupts under one parent whose history state says where a cancelled restart returns
 * (the stored `historyValue`), instead of a `resume` field in the context.
 */
export const MACHINE_VERSION = 3;

export type { IntakeContext, IntakeStateValue, MissReason, Notice, ResumeState } from './intakeSchemas';

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
  return { locale, answers: {}, current: 'language', history: [], misses: 0, notice: { kind: 'greeting' } };
}

function isValidAnswer(question: QuestionId, value: string): boolean {
  return answerSchemas[question].safeParse(value).success;
}

/** Every kind of answer to the question asked: given, open, tentative (read with doubt), invalid. */
const ANSWER_EVENTS = ['answer.given', 'answer.open', 'answer.tentative', 'answer.invalid'] as const;

/** One transition for every kind of answer, where what was answered does not matter (a miss, or "already sent"). */
function onAnyAnswer<T>(transition: T): Record<(typeof ANSWER_EVENTS)[number], T> {
  return Object.fromEntries(ANSWER_EVENTS.map((type) => [type, transition])) as Record<(typeof ANSWER_EVENTS)[number], T>;
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
  },
}).createMachine({
  id: 'intake',
  context: ({ input }) => initialContext(input.locale),
  initial: 'resumable',
  on: {
    'exit.requested': { target: '.exited' },
    'delete.requested': { target: '.deleted' },
    'language.switch': { actions: ['clearNotice', 'switchLanguage'] },
    'help.requested': { actions: ['clearNotice', 'noteHelp'] },
  },
  states: {
    /**
     * Everything a restart can interrupt. It owns what these states share: back, restart, and an
     * answer that does not fit; a child overrides them where it means something else. Its history
     * state `resume` remembers which child a restart left, so a cancelled restart returns there.
     */
    resumable: {
      initial: 'question',
      on: {
        'back.requested': [
          { guard: 'atFirstQuestion', actions: ['clearNotice', 'noteBackAtStart'] },
          { target: '.question', actions: ['clearNotice', 'goBack'] },
        ],
        'restart.requested': { target: 'confirmingRestart', actions: 'clearNotice' },
        ...onAnyAnswer({ actions: ['clearNotice', 'countMiss'] } as const),
      },
      states: {
        /**
         * A question is asked, and possibly a doubtful reading of its answer confirmed. A restart
         * cancelled in either comes back here, to the question: a reading is never kept across it.
         */
        question: {
          initial: 'asking',
          states: {
            asking: {
              on: {
                'answer.given': { guard: 'validAnswer', target: '#intake.resumable.routing', actions: ['clearNotice', 'recordAnswer'] },
                'answer.open': { guard: 'openAtRelationship', target: 'asking', actions: ['clearNotice', 'askFollowUp'] },
                'answer.tentative': { guard: 'validTentative', target: 'confirming', actions: ['clearNotice', 'holdReading'] },
              },
            },
            /**
             * "I understood: No court case. Is that right?" Yes records the reading as the answer; no
             * (or back) asks the question again with its options, and nothing is recorded.
             */
            confirming: {
              on: {
                'reading.confirmed': { target: '#intake.resumable.routing', actions: ['clearNotice', 'recordAnswer'] },
                'reading.rejected': { target: 'asking', actions: ['clearNotice', 'dropReading', 'noteReadingRejected'] },
                'back.requested': { target: 'asking', actions: ['clearNotice', 'dropReading'] },
                'restart.requested': { target: '#intake.confirmingRestart', actions: ['clearNotice', 'dropReading'] },
              },
            },
          },
        },
        /** Decides where an answer leads: the end (consent refused), the review step, or the next question. */
        routing: {
          always: [
            { guard: 'consentDeclined', target: '#intake.declined' },
            { guard: 'allAnswered', target: 'reviewing', actions: 'pruneForReview' },
            { target: 'question', actions: 'askNext' },
          ],
        },
        reviewing: {
          on: {
            'review.confirmed': { target: 'submitted', actions: ['clearNotice', 'pruneForReview'] },
            'review.change': [
              { guard: 'answeredQuestion', target: 'question', actions: ['clearNotice', 'startChange', 'noteReviewChange'] },
              { actions: ['clearNotice', 'countMiss'] },
            ],
          },
        },
        submitted: {
          on: {
            ...onAnyAnswer({ actions: ['clearNotice', 'noteFinished'] } as const),
            'back.requested': { actions: ['clearNotice', 'noteFinished'] },
            'review.change': { actions: ['clearNotice', 'noteFinished'] },
            'review.confirmed': { actions: ['clearNotice', 'noteFinished'] },
          },
        },
        /** Where a cancelled restart returns: the child of `resumable` it interrupted (the question by default). */
        resume: { type: 'history' },
      },
    },
    confirmingRestart: {
      on: {
        'restart.confirmed': { target: 'resumable', actions: ['clearNotice', 'resetIntake'] },
        'restart.cancelled': { target: 'resumable.resume', actions: ['clearNotice', 'noteRestartCancelled'] },
        'back.requested': { target: 'resumable.resume', actions: ['clearNotice', 'noteRestartCancelled'] },
        'restart.requested': { actions: 'clearNotice' },
        ...onAnyAnswer({ actions: ['clearNotice', 'countMiss'] } as const),
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

/** The name of the innermost state in a (nested) state value. */
type LeafOf<V> = V extends string ? V : { [K in keyof V]: LeafOf<V[K]> }[keyof V];

/** States passed through within one transition: never at rest, never stored. */
export type TransientState = 'routing';

/**
 * Every innermost state of the chart is a resting state the stored-snapshot schema knows, or a
 * transient one: a state added to the chart alone does not compile.
 */
const _chartStatesAreKnown: [Exclude<LeafOf<SnapshotFrom<typeof intakeMachine>['value']>, IntakeStateValue | TransientState>] extends [never]
  ? true
  : never = true;
