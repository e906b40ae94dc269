/**
 * The channel-neutral reply (design.md §4). The bot layer turns it into activities: suggested
 * actions, a card, or numbered text, depending on the channel.
 */
import type { Locale, QuestionId } from '../../dialogs/intake';

export interface Choice {
  /** What the button sends back: an answer code, `change:<questionId>`, `confirm`, `yes`/`no`. */
  value: string;
  title: string;
}

export interface IntakeResultWire {
  findings: { code: string; severity: 'urgent' | 'attorney' | 'info'; because: string[] }[];
  urgent: boolean;
  referral: 'urgent' | 'standard';
  reference: string;
}

export interface ReplyChannelData {
  question?: QuestionId | 'review';
  progress?: { answered: number; total: number };
  intakeResult?: IntakeResultWire;
  /** A prompt that is not one of the spec's questions (the restart confirmation). */
  prompt?: 'confirmRestart';
}

export interface Reply {
  text: string;
  choices?: Choice[];
  channelData?: ReplyChannelData;
}

export interface TurnOutput {
  /** The conversation's language after this turn: every activity carries it. */
  locale: Locale;
  replies: Reply[];
}
