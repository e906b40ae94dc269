/**
 * How a conversation ends before an intake is sent: a quick exit, a deletion on request, consent
 * declined (each answered in the person's language), or the app removed from the chat (silent). Each
 * removes the session at once (design.md §5).
 */
import { stateOf, type IntakeSnapshot, type Locale } from '../../dialogs/intake';
import type { Translator } from '../i18n';
import { renderReferral, type Reply, type TurnOutput } from '../render';
import type { Outcome, Turn, TurnDeps } from './handleTurn';
import { answeredQuestions, stepOf } from './intakeStep';
import { hashId } from './logHash';
import type { IntakeEnd, IntakeStep } from './observer';

/** Ends the conversation the machine has just left in `how`, and says so. */
export async function endConversation(turn: Turn, outcome: Outcome, how: IntakeEnd): Promise<TurnOutput> {
  const { snapshot, before } = outcome;
  const locale = snapshot.context.locale;
  const t = turn.deps.texts.translator(locale);
  const replies = how === 'exited' ? await quickExit(turn, t) : how === 'deleted' ? await deleteOnRequest(turn, t, locale) : await declineConsent(turn, t);
  turn.deps.observe?.intakeEnded?.({ how, question: waitingOn(before, snapshot), answered: answeredQuestions(snapshot.context.answers) });
  return { locale, replies, ended: how };
}

async function quickExit({ deps, input, conv, clock }: Turn, t: Translator): Promise<Reply[]> {
  await deps.sessions.delete(input.conversationId);
  clock.lap('save');
  deps.log.info({ conv, event: 'intake.exited' }, 'quick exit; conversation deleted');
  return [{ text: t.t('common:exit.done') }];
}

async function deleteOnRequest({ deps, input, conv, clock, reference }: Turn, t: Translator, locale: Locale): Promise<Reply[]> {
  // Asked before deleting: a copy the webhook already delivered is out of our reach.
  const delivered = reference ? await deps.records.delivered(reference) : false;
  // The record first, then the session that points to it: a failure in between leaves a session
  // whose `delete` can be typed again, never a record nobody can reach.
  const removed = reference ? await deps.records.delete(reference) : false;
  await deps.sessions.delete(input.conversationId);
  clock.lap('save');
  deps.log.info({ conv, event: 'intake.deleted', record: removed, delivered }, 'conversation data deleted on request');
  const organization = { name: deps.profile.name[locale], phone: deps.profile.phone };
  const text = !removed || !reference
    ? t.t('common:delete.doneAnswers')
    : delivered
      ? t.t('common:delete.doneRecordDelivered', { reference, ...organization })
      : t.t('common:delete.doneRecord', { reference, ...organization });
  return [{ text }];
}

/** Declined consent keeps what the turn said before (the greeting) and adds where else to find help. */
async function declineConsent({ deps, input, conv, clock, replies }: Turn, t: Translator): Promise<Reply[]> {
  await deps.sessions.delete(input.conversationId);
  clock.lap('save');
  deps.log.info({ conv, event: 'intake.declined' }, 'consent declined; nothing stored');
  replies.push({ text: t.t('common:consent.declined') });
  replies.push({ text: `${renderReferral(t, deps.profile, false)}\n\n${t.t('referral:notice')}` });
  return replies;
}

/**
 * The step a conversation was waiting on before this turn ended it (a new conversation waits on the
 * language question), if it had not been sent already.
 */
function waitingOn(before: string | null, snapshot: IntakeSnapshot): IntakeStep | undefined {
  return stepOf((before ?? 'asking') as ReturnType<typeof stateOf>, snapshot);
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
