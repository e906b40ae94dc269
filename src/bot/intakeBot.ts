/**
 * The Bot Framework face of the intake: which activities are turns (and which erase or are refused),
 * mapped to a TurnInput by the channels' shared `turnInputOf`; TurnOutput -> activities. Everything
 * else happens in `handleTurn`, which knows nothing of botbuilder.
 */
import { ActivityTypes, InputHints, type Activity, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Locale } from '../../dialogs/intake';
import { channelLocaleOf, eraseConversation, handleTurn, hashId, localeFromChannel, storedLocale, turnInputOf, type TurnDeps, type TurnInput } from '../conversation';
import type { Translator } from '../i18n';
import type { Reply } from '../render';
import { cardAttachment, privateChatCard } from './teamsCards';
import { channelStyle, toActivities, wireLocale } from './toActivities';

const conversationShape = z
  .object({ conversationType: z.string().max(64).optional(), isGroup: z.union([z.boolean(), z.string().max(16)]).optional() })
  .loose();

/** Teams installs that start a personal chat (`add-upgrade`: added with a new app version). */
const INSTALL_ACTIONS = new Set(['add', 'add-upgrade']);
/**
 * Teams uninstalls: the app removed by the person or an admin. (`remove-upgrade` is a removal that
 * Teams reports with an app update: the app is gone from the chat all the same.)
 */
const REMOVE_ACTIONS = new Set(['remove', 'remove-upgrade']);
/** A Teams bot's id in a conversation: `28:` and the app id. */
const TEAMS_BOT_ID = /^28:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type BotTurn =
  | { kind: 'turn'; input: TurnInput }
  | { kind: 'group'; channelLocale?: string }
  /** The app was removed from the conversation: its session is erased, nothing is said. */
  | { kind: 'erase'; conversationId: string };

/**
 * Whether the activity says the app was removed from its conversation: a Teams `installationUpdate`
 * with a remove action (any scope), or a conversationUpdate whose membersRemoved holds the bot (any
 * channel that reports it).
 */
export function isRemoval(a: Pick<Activity, 'type' | 'channelId' | 'action' | 'membersRemoved' | 'recipient'>): boolean {
  if (a.type === ActivityTypes.InstallationUpdate) return a.channelId === 'msteams' && REMOVE_ACTIONS.has(String(a.action));
  if (a.type !== ActivityTypes.ConversationUpdate) return false;
  const botId = a.recipient?.id;
  return botId !== undefined && (a.membersRemoved ?? []).some((m) => m.id === botId);
}

/** Group chats and channels (Teams' conversationType, or the generic isGroup flag). */
export function isGroupConversation(a: Pick<Activity, 'conversation'>): boolean {
  const c = conversationShape.safeParse(a.conversation);
  if (!c.success) return false;
  if (c.data.conversationType === 'groupChat' || c.data.conversationType === 'channel') return true;
  return c.data.isGroup === true || (typeof c.data.isGroup === 'string' && c.data.isGroup.toLowerCase() === 'true');
}

/**
 * The conversation id a Bot Framework activity's turn runs under: the channel's namespace, then its
 * id. Session keys, references and log hashes all derive from it, so no id of another channel (a
 * self-hosted web chat `wc-…` id, another channel's id) can reach that channel's conversation.
 */
export function botFrameworkConversationId(channelId: string | undefined, conversationId: string): string {
  return `bf:${channelId ?? 'unknown'}:${conversationId}`;
}

export class IntakeBot {
  constructor(private readonly deps: TurnDeps) {}

  /** What an activity asks of the bot: a turn of the intake, the group refusal, or nothing (`null`). */
  static classify(a: Activity): BotTurn | null {
    const conversationId = botFrameworkConversationId(a.channelId, a.conversation.id);
    const botId = a.recipient?.id;
    const channelLocale = channelLocaleOf(a);
    const teams = a.channelId === 'msteams';
    // First, in every scope: a removal erases whatever the conversation holds (README, Teams).
    if (isRemoval(a)) return { kind: 'erase', conversationId };
    if (isGroupConversation(a)) {
      // The intake is private: in a group or channel say so when added or spoken to, and nothing else.
      const botAdded = a.type === ActivityTypes.ConversationUpdate && (a.membersAdded ?? []).some((m) => m.id === botId);
      return a.type === ActivityTypes.Message || botAdded ? { kind: 'group', channelLocale } : null;
    }
    if (a.type === ActivityTypes.ConversationUpdate) {
      const added = a.membersAdded ?? [];
      // Teams adds the bot (sometimes the person too) to a new personal chat, often without a
      // locale. Without one, wait: the installationUpdate or the first message carries it, so the
      // greeting can come in the person's language (README, Teams).
      const starts = teams ? added.length > 0 && channelLocale !== undefined : added.some((m) => m.id !== botId);
      return starts ? { kind: 'turn', input: turnInputOf(a, conversationId) } : null;
    }
    if (a.type === ActivityTypes.InstallationUpdate) {
      return teams && INSTALL_ACTIONS.has(String(a.action)) && channelLocale ? { kind: 'turn', input: turnInputOf(a, conversationId) } : null;
    }
    return a.type === ActivityTypes.Message ? { kind: 'turn', input: turnInputOf(a, conversationId) } : null;
  }

  async run(context: TurnContext): Promise<void> {
    const turn = IntakeBot.classify(context.activity);
    if (!turn) return;
    if (turn.kind === 'erase') {
      try {
        await eraseConversation(turn.conversationId, this.deps, 'removed');
      } catch (err) {
        // No apology: the chat is gone. The session then ends at its expiry (SESSION_TTL_DAYS).
        this.deps.log.warn({ code: 'REMOVAL_ERASE_FAILED', conv: hashId(turn.conversationId), name: (err as Error)?.name }, 'app removed but the conversation could not be deleted');
      }
      return;
    }
    if (turn.kind === 'group') {
      this.deps.log.info({ event: 'group.declined', channel: context.activity.channelId }, 'intake declined in a group conversation');
      await context.sendActivities(this.groupReplies(context.activity, turn.channelLocale));
      return;
    }
    const out = await handleTurn(turn.input, this.deps);
    const t = this.deps.texts.translator(out.locale);
    const replies = context.activity.channelId === 'msteams' ? this.withTeamsNotes(out.replies, t) : out.replies;
    await context.sendActivities(toActivities(replies, out.locale, context.activity.channelId, t));
  }

  /**
   * Teams only: the welcome (both languages, like the greeting) says how to leave and how to erase,
   * removing the app included; the help adds what removing the app does. The shared sentences stay
   * as they are on every other channel.
   */
  private withTeamsNotes(replies: readonly Reply[], t: Translator): Reply[] {
    const greeting = t.t('common:greeting');
    const help = t.t('common:help.commands');
    return replies.map((r) => {
      if (r.text === greeting) {
        const leave = (['en', 'es'] as const).map((lang) => this.deps.texts.translator(lang).t('channels:teams.welcomeLeave'));
        return { ...r, text: [r.text, ...leave].join('\n\n') };
      }
      if (r.text.endsWith(help)) return { ...r, text: `${r.text}\n\n${t.t('channels:teams.helpRemove')}` };
      return r;
    });
  }

  /**
   * The one short line a turn refused by the per-conversation limit gets (server/app.ts decides when):
   * "wait a moment, then send your answer again", in the language of the stored session, else the
   * channel's. Nothing else happens: the session stays as it was.
   */
  async busy(context: TurnContext): Promise<void> {
    const a = context.activity;
    const conversationId = botFrameworkConversationId(a.channelId, a.conversation.id);
    const locale = await storedLocale(conversationId, channelLocaleOf(a), this.deps);
    this.deps.log.info({ code: 'RATE_LIMIT_NOTICE', conv: hashId(conversationId), channel: a.channelId }, 'refused turn answered with a short wait notice');
    await context.sendActivity({
      type: ActivityTypes.Message,
      text: this.deps.texts.translator(locale).t('channels:rateLimited.wait'),
      textFormat: 'plain',
      locale: wireLocale(locale),
      inputHint: InputHints.AcceptingInput,
    });
  }

  /**
   * The refusal, in the person's language (both languages when the channel does not say), with a
   * button to a one-on-one chat with the bot on Teams.
   */
  private groupReplies(a: Activity, channelLocale: string | undefined): Partial<Activity>[] {
    const langs: Locale[] = channelLocale ? [localeFromChannel(channelLocale)] : ['en', 'es'];
    const botId = a.recipient?.id ?? '';
    const link = channelStyle(a.channelId) === 'cards' && TEAMS_BOT_ID.test(botId) ? `https://teams.microsoft.com/l/chat/0/0?users=${botId}` : undefined;
    return langs.map((lang) => {
      const t = this.deps.texts.translator(lang);
      const text = t.t('channels:group.declined');
      const base: Partial<Activity> = { type: ActivityTypes.Message, locale: wireLocale(lang), inputHint: InputHints.IgnoringInput };
      return link
        ? { ...base, attachments: [cardAttachment(privateChatCard(text, t.t('channels:group.openPrivate'), link, lang))] }
        : { ...base, text, textFormat: 'markdown' };
    });
  }
}
