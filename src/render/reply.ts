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
  /** "I understood: ... Is that right?": the value read for `question`, waiting for yes or no. */
  confirming?: { value: string };
  /** The reply to a turn that took an answer: the code taken and how it was read (never the text). */
  understood?: { question: QuestionId; value: string; how: ReadingHow };
}

/** How an answer was reached (design.md §4). */
export type ReadingHow = 'button' | 'label' | 'phrase' | 'number' | 'date' | 'confirmed';

/**
 * The review step in parts, for channels that show it as one card with a change button per answer
 * (Teams). The same sentences as the reply's `text`, not new ones.
 */
export interface ReviewCard {
  kind: 'review';
  intro: string;
  items: { number: number; question: string; answer: string; change: Choice }[];
  confirm: Choice;
}

/**
 * One part of the result (intake-spec §7), for channels that show the result as one card with
 * sections (Teams). The same sentences as the reply's `text`.
 */
export interface ResultSection {
  kind: 'section';
  /** `urgent`/`attorney`/`info`: a finding of that severity (or the urgent banner); `referral`; `notice`. */
  tone: 'urgent' | 'attorney' | 'info' | 'referral' | 'notice';
  title?: string;
  paragraphs: string[];
  /** The "because you said ..." line of a finding. */
  because?: string;
  /** A line shown right above the section (the quick-exit reminder above safety findings). */
  lead?: string;
}

export type ReplyCard = ReviewCard | ResultSection;

export interface Reply {
  text: string;
  choices?: Choice[];
  channelData?: ReplyChannelData;
  /** Structured parts of `text` for card channels; other channels use `text` and `choices`. */
  card?: ReplyCard;
}

export interface TurnOutput {
  /** The conversation's language after this turn: every activity carries it. */
  locale: Locale;
  replies: Reply[];
  /** Set when this turn ended the conversation and deleted what it held. */
  ended?: 'exited' | 'deleted' | 'declined';
}
