/**
 * The Bot Framework face of the intake: Activity -> TurnInput, TurnOutput -> activities. Everything
 * else happens in `handleTurn`, which knows nothing of botbuilder.
 */
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { handleTurn, type TurnDeps, type TurnInput } from '../conversation';
import { toActivities } from './toActivities';

/** A button or card submit: `{ answer: "<code>" }`, or the bare code from a messageBack. */
const buttonValue = z.union([z.object({ answer: z.string().max(200) }).transform((v) => v.answer), z.string().max(200)]);

export class IntakeBot {
  constructor(private readonly deps: TurnDeps) {}

  /** Builds the turn input, or `null` for activities that need no reply. */
  static toTurnInput(context: TurnContext): TurnInput | null {
    const a = context.activity;
    const conversationId = a.conversation.id;
    if (a.type === ActivityTypes.ConversationUpdate) {
      const botId = a.recipient?.id;
      const personJoined = (a.membersAdded ?? []).some((m) => m.id !== botId);
      return personJoined ? { conversationId, kind: 'start', channelLocale: a.locale } : null;
    }
    if (a.type === ActivityTypes.Message) {
      const button = buttonValue.safeParse(a.value);
      return {
        conversationId,
        kind: 'message',
        text: typeof a.text === 'string' ? a.text : undefined,
        button: button.success ? button.data : undefined,
        channelLocale: a.locale,
      };
    }
    return null;
  }

  async run(context: TurnContext): Promise<void> {
    const input = IntakeBot.toTurnInput(context);
    if (!input) return;
    const out = await handleTurn(input, this.deps);
    const t = this.deps.texts.translator(out.locale);
    await context.sendActivities(toActivities(out.replies, out.locale, context.activity.channelId, t));
  }
}
