/**
 * One conversation turn, channel-free: load the session, understand the message, step the pure
 * machine, evaluate on submission, render, save. No Bot Framework types here (design.md §2, §3).
 */
import { reviewItems, startIntake, stateOf, step, type IntakeSnapshot, type Locale, type QuestionId } from '../../dialogs/intake';
import type { OrgProfile } from '../config';
import type { Texts, Translator } from '../i18n';
import { renderNotice, renderPrompt, type Reply, type TurnOutput } from '../render';
import { ETagConflictError, StoreUnavailableError, type RecordStore, type SessionStore } from '../storage';
import { labelSource, readsDates, understand, type Understanding } from '../understand';
import { understandAsync, type RecognizerThread } from '../threads/recognizerThread';
import { endConversation } from './ending';
import { expectingOf, toEvent } from './events';
import { hashId } from './logHash';
import type { TurnObserver } from './observer';
import { phaseClock, type PhaseClock } from './phaseClock';
import { submissionReference } from './reference';
import { loadSession, sessionOf } from './session';
import { submitIntake, withdrawSubmission } from './submission';
import { localeFromChannel, type TurnInput } from './turnInput';
import type { TurnQueue } from './turnQueue';
import { typedText } from './typedText';
import { markUnderstood, understoodOf, type Understood } from './understood';

/** Structured, answer-free log events. */
export interface TurnLogger {
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
}

export interface TurnDeps {
  sessions: SessionStore;
  records: RecordStore;
  texts: Texts;
  profile: OrgProfile;
  log: TurnLogger;
  /** Today's date for date answers and the evaluator; injectable for tests. */
  now: () => Date;
  /** Serializes turns of one conversation in this process (optional: tests may drive turns directly). */
  queue?: TurnQueue;
  /** Told of phase timings and intake milestones (metrics, benchmark); codes only. */
  observe?: TurnObserver;
  /** Told once a finished intake's session is saved, so its webhook delivery can go at once. */
  handoff?: { submitted(reference: string): void };
  /** Runs the date and number models off this thread (the server); absent: they run in this thread. */
  recognizer?: RecognizerThread;
}

/** The best-known language of the person (for a reply when the turn cannot finish), and where the turn left them. */
interface LocaleHint {
  locale: Locale;
  state?: string;
  question?: QuestionId;
}

/** What one turn carries from reading the session to saving it. */
export interface Turn {
  /** The message as read: capped and normalised (typedText). */
  input: TurnInput;
  deps: TurnDeps;
  /** The conversation id as log lines show it (hashId). */
  conv: string;
  /** The version of the session read (null: none stored); the save fails if another turn saved meanwhile. */
  eTag: string | null;
  /** The reference of the intake this conversation already sent, if any. */
  reference: string | undefined;
  /** What the turn says, in order; each step adds to it. */
  replies: Reply[];
  hint: LocaleHint;
  clock: PhaseClock;
}

/** Where the machine left the conversation this turn. */
export interface Outcome {
  snapshot: IntakeSnapshot;
  /** The machine's state before this turn; null for a new conversation. */
  before: string | null;
  /** The answer this turn took, for the wire (understood.ts). */
  understood?: Understood;
}

const MAX_ETAG_RETRIES = 3;

/**
 * Runs one turn, after any earlier turn of the same conversation in this process. Retried from a
 * fresh read when another instance saved the same session meanwhile. When the store does not
 * answer, the person gets a calm message in their language and nothing they already answered is
 * lost (the failed turn changed nothing).
 */
export function handleTurn(input: TurnInput, deps: TurnDeps): Promise<TurnOutput> {
  const run = () => handleTurnNow(input, deps);
  return deps.queue ? deps.queue.run(input.conversationId, run) : run();
}

async function handleTurnNow(input: TurnInput, deps: TurnDeps): Promise<TurnOutput> {
  const hint: LocaleHint = { locale: localeFromChannel(input.channelLocale) };
  const started = deps.observe?.turn ? performance.now() : 0;
  const clock = phaseClock(deps.observe);
  for (let attempt = 1; ; attempt++) {
    try {
      const out = await runTurn(input, deps, hint, clock);
      clock.report();
      deps.observe?.turn?.({ state: hint.state ?? 'unchanged', question: hint.question, locale: out.locale, ms: performance.now() - started });
      return out;
    } catch (err) {
      if (err instanceof StoreUnavailableError) {
        deps.log.warn({ code: 'STORE_UNAVAILABLE', conv: hashId(input.conversationId), cause: (err.cause as Error)?.name }, 'store unavailable');
        return { locale: hint.locale, replies: [{ text: deps.texts.translator(hint.locale).t('common:errors.storeUnavailable') }] };
      }
      if (!(err instanceof ETagConflictError) || attempt >= MAX_ETAG_RETRIES) throw err;
      deps.log.warn({ code: 'SESSION_ETAG_RETRY', conv: hashId(input.conversationId), attempt }, 'concurrent turn; retrying');
    }
  }
}

async function runTurn(given: TurnInput, deps: TurnDeps, hint: LocaleHint, clock: PhaseClock): Promise<TurnOutput> {
  // Capped and normalised before anything reads it; a message over the limit is not read at all.
  const typed = typedText(given.text);
  const input: TurnInput = typed.tooLong ? { ...given, kind: 'start', text: undefined } : { ...given, text: typed.text };
  const loaded = await loadSession(deps, input.conversationId);
  clock.lap('load');
  if (loaded.snapshot) hint.locale = loaded.snapshot.context.locale;
  const turn: Turn = { input, deps, conv: hashId(input.conversationId), eTag: loaded.eTag, reference: loaded.reference, replies: [], hint, clock };
  if (typed.tooLong) turn.replies.push({ text: deps.texts.translator(loaded.snapshot?.context.locale ?? localeFromChannel(input.channelLocale)).t('common:errors.tooLong') });

  if (!loaded.snapshot) return startConversation(turn, loaded.unreadable);
  // The person reconnected (or sent a message too long to read): show where they are, nothing changes.
  if (input.kind === 'start') return showWhereTheyAre(turn, loaded.snapshot);
  return answer(turn, loaded.snapshot);
}

/** A new conversation (or one we could not read): greet and ask the language question. */
async function startConversation(turn: Turn, unreadable: boolean): Promise<TurnOutput> {
  const { input, deps, clock, replies } = turn;
  const locale = localeFromChannel(input.channelLocale);
  const snapshot = startIntake(locale);
  clock.lap('transition');
  const t = deps.texts.translator(locale);
  if (unreadable) replies.push({ text: t.t('common:session.restarted') });
  const greeting = renderNotice(t, snapshot.context.notice, snapshot.context);
  if (greeting) replies.push(greeting);
  clock.lap('render');
  deps.observe?.intakeStarted?.({ locale });
  // A first message that already answers the language question (or asks to exit) is honoured.
  if (input.kind === 'message') {
    const u = await understandInput(input, snapshot, deps);
    clock.lap('understand');
    if (u.kind === 'answer' || (u.kind === 'command' && (u.command === 'exit' || u.command === 'delete' || u.command === 'language'))) {
      const event = u.kind === 'command' && u.command === 'language' ? ({ type: 'answer.given', value: u.locale } as const) : toEvent(u, 'language');
      const next = step(snapshot, event);
      clock.lap('transition');
      return finish(turn, { snapshot: next, before: null, understood: understoodOf(snapshot, next, event, u, input) });
    }
  }
  return finish(turn, { snapshot, before: null });
}

function showWhereTheyAre({ deps, replies, reference, clock }: Turn, snapshot: IntakeSnapshot): TurnOutput {
  const t = deps.texts.translator(snapshot.context.locale);
  replies.push(...promptOrFinished(t, snapshot, reference));
  clock.lap('render');
  return { locale: snapshot.context.locale, replies };
}

/** A message in a conversation under way: understand it, step the machine. */
async function answer(turn: Turn, snapshot: IntakeSnapshot): Promise<TurnOutput> {
  const { input, deps, clock } = turn;
  const before = stateOf(snapshot);
  const u = await understandInput(input, snapshot, deps);
  clock.lap('understand');
  let event = toEvent(u, expectingOf(snapshot), before === 'confirming');
  // A confirmation of this very session version already saved its record, but the turn ended before
  // the session was saved (the process died in between): the intake was sent. Finish it as sent,
  // with that record, whatever this message says, rather than leave a second copy possible.
  if (before === 'reviewing' && turn.eTag && (await deps.records.get(submissionReference(input.conversationId, turn.eTag)))) {
    deps.log.info({ conv: turn.conv, event: 'intake.recovered' }, 'a confirmation saved before a crash is completed');
    event = { type: 'review.confirmed' };
  }
  const next = step(snapshot, event);
  clock.lap('transition');
  return finish(turn, { snapshot: next, before, understood: understoodOf(snapshot, next, event, u, input) });
}

function understandInput(input: TurnInput, snapshot: IntakeSnapshot, deps: TurnDeps): Understanding | Promise<Understanding> {
  const expecting = expectingOf(snapshot);
  if (input.buttonFor !== undefined && input.buttonFor !== expecting) return { kind: 'notUnderstood', reason: 'noMatch' };
  const message = { text: input.text, button: input.button };
  const ctx = {
    expecting,
    answers: snapshot.context.answers,
    today: deps.now(),
    reviewItems: reviewItems(snapshot.context.answers),
    labels: labelSource(deps.texts),
  };
  return deps.recognizer ? understandAsync(message, ctx, deps.recognizer) : understand(message, ctx);
}

function promptOrFinished(t: Translator, snapshot: IntakeSnapshot, reference: string | undefined): Reply[] {
  if (stateOf(snapshot) === 'submitted') {
    return [{ text: t.t('common:finished.already', { reference: reference ?? '' }) }];
  }
  return renderPrompt(t, snapshot);
}

/** The machine's notice (a re-ask, help, a confirmation…), then what it asks next. */
function noticeAndPrompt(t: Translator, snapshot: IntakeSnapshot, reference: string | undefined): Reply[] {
  const state = stateOf(snapshot);
  const notice = snapshot.context.notice;
  if (notice?.kind === 'finishedAlready') {
    const finished: Reply = { text: t.t('common:finished.already', { reference: reference ?? '' }) };
    return state === 'submitted' ? [finished] : [finished, ...renderPrompt(t, snapshot)];
  }
  const said = notice && notice.kind !== 'greeting' ? renderNotice(t, notice, snapshot.context, state === 'asking') : undefined;
  return [...(said ? [said] : []), ...renderPrompt(t, snapshot)];
}

/**
 * Ends the turn where the machine left it: an ended conversation is deleted; otherwise a confirmed
 * intake is sent, the replies rendered and the session saved, and only then is staff told.
 */
async function finish(turn: Turn, outcome: Outcome): Promise<TurnOutput> {
  const { input, deps, clock, replies } = turn;
  const { snapshot } = outcome;
  const state = stateOf(snapshot);
  turn.hint.state = state;
  if (state === 'exited' || state === 'deleted' || state === 'declined') return endConversation(turn, outcome, state);

  const locale = snapshot.context.locale;
  const submitted = state === 'submitted' && outcome.before === 'reviewing' ? await submitIntake(turn, snapshot) : undefined;
  if (!submitted) {
    replies.push(...noticeAndPrompt(deps.texts.translator(locale), snapshot, turn.reference));
    clock.lap('render');
  }
  try {
    await deps.sessions.save(input.conversationId, sessionOf(snapshot, submitted?.reference ?? turn.reference, deps.now()), turn.eTag);
    clock.lap('save');
  } catch (err) {
    // The turn is retried from a fresh read; the record it saved may have to go (submission.ts).
    if (submitted) await withdrawSubmission(turn, submitted);
    throw err;
  }
  if (outcome.understood) markUnderstood(replies, outcome.understood);
  // Staff hear of a sent intake only once its session is saved.
  if (submitted) deps.handoff?.submitted(submitted.reference);
  const question = state === 'asking' ? (snapshot.context.current as QuestionId) : undefined;
  turn.hint.question = question;
  // The person now reads a date question: the models for their answer are built meanwhile.
  if (question !== undefined && readsDates(question)) deps.recognizer?.prepare();
  deps.log.info({ conv: turn.conv, event: 'turn', state, question }, 'turn');
  if (submitted) deps.observe?.intakeFinished?.({ ...submitted.finished, locale });
  return { locale, replies };
}
