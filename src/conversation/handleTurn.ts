/**
 * One conversation turn, channel-free: load the session, understand the message, step the pure
 * machine, evaluate on submission, render, save. No Bot Framework types here (design.md §2, §3).
 */
import { createHash, createHmac, randomBytes, randomInt } from 'node:crypto';
import {
  MACHINE_VERSION,
  persist,
  pruneAnswers,
  questionById,
  restoreChecked,
  reviewItems,
  startIntake,
  stateOf,
  step,
  type IntakeEvent,
  type IntakeSnapshot,
  type Locale,
  type QuestionId,
} from '../../dialogs/intake';
import type { OrgProfile } from '../config';
import { evaluate, type Assessment } from '../evaluator';
import type { Texts, Translator, TextKey } from '../i18n';
import { renderNotice, renderPrompt, renderReferral, renderResult, type ReadingHow, type Reply, type ReplyChannelData, type TurnOutput } from '../render';
import {
  ETagConflictError,
  StoreUnavailableError,
  SESSION_SCHEMA_VERSION,
  sessionSchema,
  type IntakeRecord,
  type RecordStore,
  type Session,
  type SessionStore,
} from '../storage';
import { readsDates, understand, type Expecting, type LabelSource, type Understanding } from '../understand';
import { answeredQuestions, stepOf } from './intakeStep';
import type { IntakeEnd, IntakeStep, TurnObserver } from './observer';
import { understandAsync, type RecognizerThread } from '../understand/recognizerThread';
import { phaseClock, type PhaseClock } from './phaseClock';
import type { TurnQueue } from './turnQueue';

export interface TurnInput {
  conversationId: string;
  /** `start`: the person joined (conversationUpdate); `message`: they typed or pressed a button. */
  kind: 'start' | 'message';
  text?: string;
  /** The `answer` of a button or card submit: untrusted. */
  button?: unknown;
  /**
   * What the button was shown with, when the channel says (a Teams card: a question id, `review` or
   * `confirmRestart`). A button from an older card, for another question, answers nothing.
   */
  buttonFor?: string;
  /** The channel's locale (e.g. `es-MX`), used to pre-select the language of a new conversation. */
  channelLocale?: string;
}

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

const MAX_ETAG_RETRIES = 3;
/** The longest typed message read (after normalising); a longer one gets `common:errors.tooLong`. */
export const MAX_TYPED_CHARS = 1000;

/**
 * Typed text as every reading sees it: NFC, control characters as spaces, every run of whitespace
 * one space, trimmed. `tooLong` when that is still over MAX_TYPED_CHARS: it is then not read at all,
 * so no pattern ever runs over a long input (issue 19: a 20,000-space message stalled every turn).
 * Linear in the input's length.
 */
export function typedText(raw: string | undefined): { text: string | undefined; tooLong: boolean } {
  if (raw === undefined) return { text: undefined, tooLong: false };
  // Cheap bound first: no normalisation of a message that cannot shrink below the limit.
  if (raw.length > MAX_TYPED_CHARS * 64) return { text: undefined, tooLong: true };
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  const text = raw.normalize('NFC').replace(/[\u0000-\u001f\u007f\s]+/gu, ' ').trim();
  return text.length > MAX_TYPED_CHARS ? { text: undefined, tooLong: true } : { text, tooLong: false };
}
/** Unambiguous when read aloud or typed: no 0/O, 1/I/L. */
const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** An unguessable reference code with no personal data: `PU-XXXX-XXXX` (about 49 bits). */
export function newReference(): string {
  const pick = () => REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  const block = () => Array.from({ length: 5 }, pick).join('');
  return `PU-${block()}-${block()}`;
}

/**
 * The reference of the intake a conversation submits from the stored session version `eTag`: the
 * same for every attempt of that one confirmation, so a turn that saved the record and then died
 * before saving the session (a crash, a SIGKILL) does not make a second record when the person
 * confirms again; a different one as soon as anything in the session changes. Unguessable: the eTag
 * is random and never leaves the server. Same alphabet and shape as `newReference`.
 */
export function submissionReference(conversationId: string, eTag: string): string {
  const digest = createHash('sha256').update(`puente:reference:${conversationId}:${eTag}`).digest();
  let n = digest.readBigUInt64BE(0);
  const base = BigInt(REFERENCE_ALPHABET.length);
  let chars = '';
  for (let i = 0; i < 10; i++) {
    chars += REFERENCE_ALPHABET[Number(n % base)];
    n /= base;
  }
  return `PU-${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/**
 * The key of log hashes: until the application sets one derived from the encryption keys (every
 * instance sharing ENCRYPTION_KEYS then hashes alike), a random one of this process.
 */
let logHashKey: Buffer = randomBytes(32);

/** HKDF purpose label of the log hash key (Cipher.deriveKey). */
export const LOG_HASH_KEY_INFO = 'puente log hash v1';

/** Sets the key of `hashId` (start-up; at least 32 bytes). */
export function setLogHashKey(key: Buffer): void {
  if (key.length < 32) throw new Error('log hash key must be at least 32 bytes');
  logHashKey = key;
}

/**
 * Conversation ids are hashed before they reach a log line: an HMAC with a secret key, so someone who
 * knows a conversation id (a Teams id is no secret to Microsoft or to a tenant admin) cannot compute
 * its hash and find its log lines.
 */
export function hashId(id: string): string {
  return createHmac('sha256', logHashKey).update(id, 'utf8').digest('hex').slice(0, 16);
}

export function localeFromChannel(channelLocale: string | undefined): Locale {
  return channelLocale?.toLowerCase().startsWith('es') ? 'es' : 'en';
}

/** One label source per set of texts, made once: the understanding layer caches what it builds from it. */
const labelSources = new WeakMap<Texts, LabelSource>();
export function labelSource(texts: Texts): LabelSource {
  let known = labelSources.get(texts);
  if (!known) labelSources.set(texts, (known = makeLabelSource(texts)));
  return known;
}

function makeLabelSource(texts: Texts): LabelSource {
  return {
    option: (question, value, lang) => {
      const t = texts.translator(lang);
      const key = `questions:${question}.options.${value}` as TextKey;
      return t.has(key) ? t.t(key) : undefined;
    },
    reviewLabel: (question, lang) => {
      const t = texts.translator(lang);
      const key = `questions:${question}.review` as TextKey;
      return t.has(key) ? t.t(key) : undefined;
    },
  };
}

function expectingOf(snapshot: IntakeSnapshot): Expecting {
  switch (stateOf(snapshot)) {
    case 'asking':
      return snapshot.context.current;
    case 'confirmingRestart':
    case 'confirming':
      // Both wait for a yes or a no.
      return 'confirmRestart';
    default:
      return 'review';
  }
}

/**
 * Maps what the person meant to a machine event, given what the machine is waiting for.
 * `confirmingReading`: the machine waits for a yes or no to "I understood: ... Is that right?".
 */
export function toEvent(u: Understanding, expecting: Expecting, confirmingReading = false): IntakeEvent {
  switch (u.kind) {
    case 'answer':
      if (confirmingReading) return u.value === 'yes' ? { type: 'reading.confirmed' } : { type: 'reading.rejected' };
      if (expecting === 'review') return u.value === 'confirm' ? { type: 'review.confirmed' } : { type: 'answer.invalid', reason: 'noMatch' };
      if (expecting === 'confirmRestart') return u.value === 'yes' ? { type: 'restart.confirmed' } : { type: 'restart.cancelled' };
      return { type: 'answer.given', value: u.value };
    case 'tentative':
      // Only a question's answer can wait for confirmation; elsewhere it is not understood.
      return expecting === 'review' || expecting === 'confirmRestart' || confirmingReading
        ? { type: 'answer.invalid', reason: 'noMatch' }
        : { type: 'answer.tentative', value: u.value };
    case 'open':
      return { type: 'answer.open', followUp: u.followUp };
    case 'change':
      return { type: 'review.change', question: u.question };
    case 'notUnderstood':
      return { type: 'answer.invalid', reason: u.reason };
    case 'command':
      switch (u.command) {
        case 'help':
          return { type: 'help.requested' };
        case 'back':
          return { type: 'back.requested' };
        case 'restart':
          return { type: 'restart.requested' };
        case 'language':
          return { type: 'language.switch', locale: u.locale };
        case 'exit':
          return { type: 'exit.requested' };
        case 'delete':
          return { type: 'delete.requested' };
      }
  }
}

function buildRecord(reference: string, snapshot: IntakeSnapshot, assessment: Assessment, createdAt: Date): IntakeRecord {
  const answers = pruneAnswers(snapshot.context.answers);
  const codes: Record<string, string> = {};
  for (const [k, v] of Object.entries(answers)) {
    if (k !== 'contact_name' && k !== 'contact_value' && v !== undefined) codes[k] = String(v);
  }
  const contact =
    answers.contact_ok === 'yes' && answers.contact_name && answers.contact_method && answers.contact_value
      ? {
          name: answers.contact_name,
          method: answers.contact_method,
          value: answers.contact_value,
          safeToLeaveMessage: answers.safe_message === 'yes',
        }
      : undefined;
  return {
    reference,
    createdAt: createdAt.toISOString(),
    language: snapshot.context.locale,
    answers: codes,
    assessment: {
      findings: assessment.findings.map((f) => ({ code: f.code, severity: f.severity, because: [...f.because] })),
      urgent: assessment.urgent,
      referral: assessment.referral,
    },
    ...(contact ? { contact } : {}),
  };
}

interface Loaded {
  snapshot: IntakeSnapshot | null;
  reference?: string;
  eTag: string | null;
  /** The stored session existed but could not be read (old version, corrupt). */
  unreadable: boolean;
}

async function loadSession(deps: TurnDeps, conversationId: string): Promise<Loaded> {
  const stored = await deps.sessions.load(conversationId);
  if (!stored) return { snapshot: null, eTag: null, unreadable: false };
  // The session schema checks the persisted intake too, so it is not checked a second time.
  const parsed = sessionSchema.safeParse(stored.value);
  const snapshot = parsed.success ? restoreChecked(parsed.data.intake) : null;
  if (!parsed.success || !snapshot) {
    deps.log.warn({ code: 'SESSION_UNREADABLE', conv: hashId(conversationId), machineVersion: MACHINE_VERSION }, 'stored session unreadable; restarting');
    return { snapshot: null, eTag: stored.eTag, unreadable: true };
  }
  return { snapshot, reference: parsed.data.reference, eTag: stored.eTag, unreadable: false };
}

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

/**
 * Erases a conversation's session because the person removed the app (Teams uninstall, the bot
 * removed from the chat): the same store delete as a quick exit, so SQLite leaves no byte of it in
 * DATA_DIR and PostgreSQL vacuums it (README, What is erased). A record already sent to staff stays
 * for the organization, as after the web page's quick exit. Nothing is said: the chat is gone.
 * Queued after any turn of the conversation still running in this process.
 */
export function eraseConversation(conversationId: string, deps: TurnDeps, why: 'removed'): Promise<void> {
  const run = async (): Promise<void> => {
    await deps.sessions.delete(conversationId);
    deps.log.info({ conv: hashId(conversationId), event: `intake.${why}` }, 'app removed; conversation deleted');
  };
  return deps.queue ? deps.queue.run(conversationId, run) : run();
}

/**
 * The language a conversation's stored session is in, for a reply outside a turn (the rate-limit
 * notice); the channel's language when there is none or the store does not answer.
 */
export async function storedLocale(conversationId: string, channelLocale: string | undefined, deps: Pick<TurnDeps, 'sessions'>): Promise<Locale> {
  try {
    const stored = await deps.sessions.load(conversationId);
    const parsed = stored ? sessionSchema.safeParse(stored.value) : undefined;
    if (parsed?.success) return parsed.data.intake.context.locale;
  } catch {
    // The channel's language is good enough for one short line.
  }
  return localeFromChannel(channelLocale);
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

/** The best-known language of the person (for a reply when the turn cannot finish), and where the turn left them. */
interface LocaleHint {
  locale: Locale;
  state?: string;
  question?: QuestionId;
}

async function runTurn(given: TurnInput, deps: TurnDeps, hint: LocaleHint, clock: PhaseClock): Promise<TurnOutput> {
  const conv = hashId(given.conversationId);
  // Capped and normalised before anything reads it; a message over the limit is not read at all.
  const typed = typedText(given.text);
  const input: TurnInput = typed.tooLong ? { ...given, kind: 'start', text: undefined } : { ...given, text: typed.text };
  const loaded = await loadSession(deps, input.conversationId);
  clock.lap('load');
  if (loaded.snapshot) hint.locale = loaded.snapshot.context.locale;
  const replies: Reply[] = [];
  let snapshot = loaded.snapshot;
  const reference = loaded.reference;
  if (typed.tooLong) replies.push({ text: deps.texts.translator(loaded.snapshot?.context.locale ?? localeFromChannel(input.channelLocale)).t('common:errors.tooLong') });

  if (!snapshot) {
    // A new conversation (or one we could not read): greet and ask the language question.
    const locale = localeFromChannel(input.channelLocale);
    snapshot = startIntake(locale);
    clock.lap('transition');
    if (loaded.unreadable) replies.push({ text: deps.texts.translator(locale).t('common:session.restarted') });
    const t = deps.texts.translator(locale);
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
        return finish(input, deps, next, null, reference, replies, loaded.eTag, conv, hint, clock, understoodOf(snapshot, next, event, u, input));
      }
    }
    return finish(input, deps, snapshot, null, reference, replies, loaded.eTag, conv, hint, clock);
  }

  if (input.kind === 'start') {
    // The person reconnected (or sent a message too long to read): show where they are, nothing changes.
    const t = deps.texts.translator(snapshot.context.locale);
    replies.push(...promptOrFinished(t, snapshot, reference));
    clock.lap('render');
    return { locale: snapshot.context.locale, replies };
  }

  const before = stateOf(snapshot);
  const u = await understandInput(input, snapshot, deps);
  clock.lap('understand');
  let event = toEvent(u, expectingOf(snapshot), before === 'confirming');
  // A confirmation of this very session version already saved its record, but the turn ended before
  // the session was saved (the process died in between): the intake was sent. Finish it as sent,
  // with that record, whatever this message says, rather than leave a second copy possible.
  if (before === 'reviewing' && loaded.eTag && (await deps.records.get(submissionReference(input.conversationId, loaded.eTag)))) {
    deps.log.info({ conv, event: 'intake.recovered' }, 'a confirmation saved before a crash is completed');
    event = { type: 'review.confirmed' };
  }
  const next = step(snapshot, event);
  clock.lap('transition');
  return finish(input, deps, next, before, reference, replies, loaded.eTag, conv, hint, clock, understoodOf(snapshot, next, event, u, input));
}

/**
 * The wire's `channelData.understood` (design.md §4) when this turn took an answer: the question, the
 * code taken and how it was read, never the text. Free-text contact answers have no code and carry none.
 */
function understoodOf(
  before: IntakeSnapshot,
  after: IntakeSnapshot,
  event: IntakeEvent,
  u: Understanding,
  input: TurnInput,
): Understood | undefined {
  if (event.type !== 'answer.given' && event.type !== 'reading.confirmed') return undefined;
  const question = before.context.current;
  if (questionById(question).kind === 'text') return undefined;
  const value = after.context.answers[question];
  if (value === undefined || (event.type === 'answer.given' && value !== event.value)) return undefined;
  const how: ReadingHow =
    event.type === 'reading.confirmed' ? 'confirmed' : input.button !== undefined && input.button !== null && u.kind === 'answer' && u.value === input.button ? 'button' : u.kind === 'answer' ? (u.how ?? 'phrase') : 'phrase';
  return { question, value: String(value), how };
}

type Understood = NonNullable<ReplyChannelData['understood']>;

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

async function finish(
  input: TurnInput,
  deps: TurnDeps,
  snapshot: IntakeSnapshot,
  before: string | null,
  reference: string | undefined,
  replies: Reply[],
  eTag: string | null,
  conv: string,
  hint: LocaleHint,
  clock: PhaseClock,
  understood?: Understood,
): Promise<TurnOutput> {
  const state = stateOf(snapshot);
  hint.state = state;
  const locale = snapshot.context.locale;
  const t = deps.texts.translator(locale);
  const reportEnd = (how: IntakeEnd) =>
    deps.observe?.intakeEnded?.({ how, question: waitingOn(before, snapshot), answered: answeredQuestions(snapshot.context.answers) });

  switch (state) {
    case 'exited':
      await deps.sessions.delete(input.conversationId);
      clock.lap('save');
      deps.log.info({ conv, event: 'intake.exited' }, 'quick exit; conversation deleted');
      reportEnd('exited');
      return { locale, replies: [{ text: t.t('common:exit.done') }], ended: 'exited' };
    case 'deleted': {
      // Asked before deleting: a copy the webhook already delivered is out of our reach.
      const delivered = reference ? await deps.records.delivered(reference) : false;
      // The record first, then the session that points to it: a failure in between leaves a session
      // whose `delete` can be typed again, never a record nobody can reach.
      const removed = reference ? await deps.records.delete(reference) : false;
      await deps.sessions.delete(input.conversationId);
      clock.lap('save');
      deps.log.info({ conv, event: 'intake.deleted', record: removed, delivered }, 'conversation data deleted on request');
      reportEnd('deleted');
      const text = !removed || !reference
        ? t.t('common:delete.doneAnswers')
        : delivered
          ? t.t('common:delete.doneRecordDelivered', { reference, name: deps.profile.name[locale], phone: deps.profile.phone })
          : t.t('common:delete.doneRecord', { reference, name: deps.profile.name[locale], phone: deps.profile.phone });
      return { locale, replies: [{ text }], ended: 'deleted' };
    }
    case 'declined':
      await deps.sessions.delete(input.conversationId);
      clock.lap('save');
      deps.log.info({ conv, event: 'intake.declined' }, 'consent declined; nothing stored');
      reportEnd('declined');
      replies.push({ text: t.t('common:consent.declined') });
      replies.push({ text: `${renderReferral(t, deps.profile, false)}\n\n${t.t('referral:notice')}` });
      return { locale, replies, ended: 'declined' };
    default:
      break;
  }

  let newReference_: string | undefined;
  /** This turn wrote the record (rather than finding the one an interrupted attempt wrote). */
  let created = false;
  let finished: { findings: readonly string[]; urgent: boolean; answered: readonly QuestionId[] } | undefined;
  if (state === 'submitted' && before === 'reviewing') {
    const today = deps.now();
    const assessment = evaluate(pruneAnswers(snapshot.context.answers), today);
    newReference_ = eTag ? submissionReference(input.conversationId, eTag) : newReference();
    clock.lap('evaluate');
    if (!eTag || !(await deps.records.get(newReference_))) {
      await deps.records.save(buildRecord(newReference_, snapshot, assessment, today));
      created = true;
    }
    clock.lap('save');
    deps.log.info(
      // Finding codes stay out of logs: some (CRIMINAL_HISTORY, ABUSE_SAFETY) reveal a sensitive answer.
      { conv, event: 'intake.finished', findings: assessment.findings.length, urgent: assessment.urgent },
      'intake finished',
    );
    finished = { findings: assessment.findings.map((f) => f.code), urgent: assessment.urgent, answered: answeredQuestions(snapshot.context.answers) };
    replies.push(...renderResult(t, deps.profile, assessment, newReference_));
    clock.lap('render');
  } else {
    const notice = snapshot.context.notice;
    if (notice?.kind === 'finishedAlready') {
      replies.push({ text: t.t('common:finished.already', { reference: reference ?? '' }) });
    } else if (notice && notice.kind !== 'greeting') {
      const r = renderNotice(t, notice, snapshot.context, state === 'asking');
      if (r) replies.push(r);
    }
    if (state !== 'submitted' || notice?.kind !== 'finishedAlready') replies.push(...renderPrompt(t, snapshot));
    clock.lap('render');
  }

  const session: Session = {
    schemaVersion: SESSION_SCHEMA_VERSION,
    intake: persist(snapshot),
    ...(newReference_ ?? reference ? { reference: newReference_ ?? reference } : {}),
    updatedAt: deps.now().toISOString(),
  };
  try {
    await deps.sessions.save(input.conversationId, session, eTag);
    clock.lap('save');
  } catch (err) {
    // The turn is retried from a fresh read; a record it saved must not linger, unless a session
    // points to it: the turn that won may be another attempt of this same confirmation (same
    // reference), whose session now refers to the record. Unknown (the store did not answer): kept.
    if (newReference_ && created && !(await referencedBySession(deps, input.conversationId, newReference_))) await deps.records.delete(newReference_);
    throw err;
  }
  if (understood) markUnderstood(replies, understood);
  if (newReference_) deps.handoff?.submitted(newReference_);
  const question = state === 'asking' ? (snapshot.context.current as QuestionId) : undefined;
  hint.question = question;
  // The person now reads a date question: the models for their answer are built meanwhile.
  if (question !== undefined && readsDates(question)) deps.recognizer?.prepare();
  deps.log.info({ conv, event: 'turn', state, question }, 'turn');
  if (finished) deps.observe?.intakeFinished?.({ ...finished, locale });
  return { locale, replies };
}

/** Whether the conversation's stored session refers to `reference`; true when the store cannot tell. */
async function referencedBySession(deps: TurnDeps, conversationId: string, reference: string): Promise<boolean> {
  try {
    const stored = await deps.sessions.load(conversationId);
    const parsed = stored ? sessionSchema.safeParse(stored.value) : undefined;
    return parsed?.success === true && parsed.data.reference === reference;
  } catch {
    return true;
  }
}

/** The reply that asks what comes next (or the first one) tells what this turn took. */
function markUnderstood(replies: Reply[], understood: Understood): void {
  const target = replies.findLast((r) => r.channelData?.question !== undefined) ?? replies[0];
  if (target) target.channelData = { ...target.channelData, understood };
}

/**
 * The step a conversation was waiting on before this turn ended it (a new conversation waits on the
 * language question), if it had not been sent already.
 */
function waitingOn(before: string | null, snapshot: IntakeSnapshot): IntakeStep | undefined {
  return stepOf((before ?? 'asking') as ReturnType<typeof stateOf>, snapshot);
}
