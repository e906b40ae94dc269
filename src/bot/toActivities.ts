/**
 * Reply -> activities for each kind of channel (design.md §4). Buttons carry the answer code as
 * their value; the person sees the localized label in the transcript.
 * - Teams (`msteams`): Adaptive Cards (teamsCards.ts); Teams shows only three suggested actions.
 * - Web Chat, Direct Line and other channels with buttons: suggested actions.
 * - Channels without buttons (SMS, email): the options numbered in the text.
 */
import { ActionTypes, ActivityTypes, InputHints, type Activity, type CardAction } from 'botbuilder';
import type { Locale } from '../../dialogs/intake';
import type { Reply } from '../render';
import type { Translator } from '../i18n';
import { teamsActivities } from './teamsCards';

export type ChannelStyle = 'cards' | 'suggestedActions' | 'numberedText';

/** Channels that render Adaptive Cards with buttons, and need them. */
const CARD_CHANNELS = new Set(['msteams']);
/** Channels that cannot show buttons (Bot Framework channel ids). */
const TEXT_ONLY_CHANNELS = new Set(['sms', 'twilio-sms', 'email']);

export function channelStyle(channelId: string): ChannelStyle {
  if (CARD_CHANNELS.has(channelId)) return 'cards';
  if (TEXT_ONLY_CHANNELS.has(channelId)) return 'numberedText';
  return 'suggestedActions';
}

export const wireLocale = (locale: Locale): string => (locale === 'es' ? 'es-US' : 'en-US');

function suggestedAction(value: string, title: string): CardAction {
  return { type: ActionTypes.MessageBack, title, text: title, displayText: title, value };
}

export function toActivities(replies: readonly Reply[], locale: Locale, channelId: string, t: Translator): Partial<Activity>[] {
  const style = channelStyle(channelId);
  if (style === 'cards') return teamsActivities(replies, wireLocale(locale), t);
  return replies.map((reply) => {
    const activity: Partial<Activity> = {
      type: ActivityTypes.Message,
      text: reply.text,
      textFormat: 'markdown',
      locale: wireLocale(locale),
      inputHint: reply.choices || reply.channelData?.question ? InputHints.ExpectingInput : InputHints.IgnoringInput,
    };
    if (reply.channelData) activity.channelData = reply.channelData;
    if (reply.choices?.length) {
      if (style === 'numberedText') {
        // The review text already numbers the answers ("change 3"); a second numbering would clash.
        if (reply.channelData?.question === 'review') return activity;
        const list = reply.choices.map((c, i) => `${i + 1}. ${c.title}`).join('\n');
        activity.text = `${reply.text}\n\n${list}\n\n${t.t('common:choices.numbered')}`;
      } else {
        activity.suggestedActions = { to: [], actions: reply.choices.map((c) => suggestedAction(c.value, c.title)) };
      }
    }
    return activity;
  });
}
