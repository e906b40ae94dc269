/**
 * What a turn takes from a channel, and the one mapping from an incoming activity to it, shared by
 * every channel (bot/intakeBot.ts, channels/webChat.ts, channels/webPage.ts). The activity is a plain
 * structural shape, so no Bot Framework SDK type enters the conversation layer (design.md §3).
 */
import { z } from 'zod';
import type { Locale } from '../../dialogs/intake';

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

/** The parts of an incoming activity a turn reads; every field untrusted. */
export interface ChannelActivity {
  readonly type: string;
  readonly text?: unknown;
  /** A button or card submit's value. */
  readonly value?: unknown;
  readonly locale?: unknown;
  /** Teams puts the client's language in a `clientInfo` entity (and not always in `locale`). */
  readonly entities?: unknown;
}

/** A card submit `{ answer, question }` (bot/teamsCards.ts), a button `{ answer }`, or a bare code from a messageBack. */
const buttonValue = z.union([
  z.object({ answer: z.string().max(200), question: z.string().max(64).optional() }),
  z.string().max(200).transform((answer) => ({ answer, question: undefined })),
]);

const entitiesShape = z.array(z.object({ type: z.string().max(64), locale: z.string().max(32).optional() }).loose()).max(50);

/**
 * The turn an activity asks for, once its channel has decided it is one: a message answers (typed
 * text, a button's code and the question the button was shown with); anything else (the person
 * joined, the app was installed) starts or resumes the intake. The conversation id is the channel's
 * to give (a Bot Framework namespace, a web chat token), never the activity's own.
 */
export function turnInputOf(a: ChannelActivity, conversationId: string): TurnInput {
  const channelLocale = channelLocaleOf(a);
  if (a.type !== 'message') return { conversationId, kind: 'start', channelLocale };
  // A typed message has no value: no need to have zod explain why undefined is not a button.
  const button = a.value === undefined || a.value === null ? undefined : buttonValue.safeParse(a.value);
  return {
    conversationId,
    kind: 'message',
    text: typeof a.text === 'string' ? a.text : undefined,
    button: button?.success ? button.data.answer : undefined,
    buttonFor: button?.success ? button.data.question : undefined,
    channelLocale,
  };
}

/** The language the channel reports for the person: `locale`, else Teams' clientInfo entity. */
export function channelLocaleOf(a: Pick<ChannelActivity, 'locale' | 'entities'>): string | undefined {
  if (typeof a.locale === 'string' && a.locale.trim() !== '') return a.locale;
  const entities = entitiesShape.safeParse(a.entities ?? []);
  return entities.success ? entities.data.find((e) => e.type === 'clientInfo' && e.locale)?.locale : undefined;
}

/** The conversation language a channel locale pre-selects: Spanish for any `es` tag, else English. */
export function localeFromChannel(channelLocale: string | undefined): Locale {
  return channelLocale?.toLowerCase().startsWith('es') ? 'es' : 'en';
}
