/** What a turn takes from a channel. */
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

/** The conversation language a channel locale pre-selects: Spanish for any `es` tag, else English. */
export function localeFromChannel(channelLocale: string | undefined): Locale {
  return channelLocale?.toLowerCase().startsWith('es') ? 'es' : 'en';
}
