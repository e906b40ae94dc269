/** The understanding layer's contract: what a turn's input means for the question being asked. */
import type { CommandName } from '../../dialogs/intake/commands';
import type { IntakeAnswers, QuestionId } from '../../dialogs/intake/answers';
import type { Recognizer } from './recognizers';

export type { CommandName };

/** What the conversation is waiting for: a question, the review step, or the restart confirmation. */
export type Expecting = QuestionId | 'review' | 'confirmRestart';

/** Conversation languages; also the two recognizers-text cultures tried on every date or duration. */
export type Lang = 'en' | 'es';

/**
 * How a reading was reached (design.md §4 `channelData.understood.how`): the whole message is a label
 * or words of one value (`label`), a phrase inside a longer message (`phrase`), an option number
 * (`number`), or a date, duration, year or age read as a quantity (`date`). Buttons are told apart by
 * the turn, which knows whether a button was pressed; so are confirmed readings. confidence.ts says
 * which readings are taken and which are confirmed first.
 */
export type ReadingHow = 'label' | 'phrase' | 'number' | 'date';

export type NotUnderstoodReason = 'noMatch' | 'empty' | 'invalidName' | 'invalidPhone' | 'invalidEmail';

export type Understanding =
  /**
   * A valid code for `expecting` (answers.ts schema); for review: 'confirm'; for confirmRestart:
   * 'yes' | 'no'. For contact_name/contact_value: the cleaned free text.
   */
  | { kind: 'answer'; value: string; how?: ReadingHow }
  /**
   * A reading of a phrase inside a longer message that the rest of the message might change (a
   * negation near it, a word of another value, words left over): Puente asks "I understood: X. Is
   * that right?" once before it counts (design.md §4). Never for a button or an exact label.
   */
  | { kind: 'tentative'; value: string; how: ReadingHow }
  /**
   * The answer leaves the question open and one follow-up decides it (intake-spec §3, 10a): at
   * `relationship`, "mi pareja" / "my partner" with no word of marriage, partnership or divorce asks
   * `married_check` instead of guessing. No value is taken for the question itself.
   */
  | { kind: 'open'; followUp: 'married_check' }
  /** Review only: the person wants to change that answer. */
  | { kind: 'change'; question: QuestionId }
  | { kind: 'command'; command: Exclude<CommandName, 'language'> }
  | { kind: 'command'; command: 'language'; locale: Lang }
  | { kind: 'notUnderstood'; reason: NotUnderstoodReason };

/** Choice labels as shown to people, in both languages, so a typed label is always understood. */
export interface LabelSource {
  option(question: QuestionId, value: string, lang: Lang): string | undefined;
  reviewLabel(question: QuestionId, lang: Lang): string | undefined;
}

export interface UnderstandContext {
  expecting: Expecting;
  /** Needed for contact_value (depends on contact_method); answers.language breaks date-format ties. */
  answers: IntakeAnswers;
  /** For hearing_when dates and time_in_us "since YEAR". */
  today: Date;
  /** Review only: the answered questions in the order listed (1-based numbers). */
  reviewItems: readonly QuestionId[];
  labels: LabelSource;
  /** Where recognizers-text runs for dates and durations; default: in this thread. */
  recognizer?: Recognizer;
}

/** An answer; `how` for every reading of a typed choice (a button, free text and review need none). */
export const answer = (value: string, how?: ReadingHow): Understanding => (how ? { kind: 'answer', value, how } : { kind: 'answer', value });
export const notUnderstood = (reason: NotUnderstoodReason): Understanding => ({ kind: 'notUnderstood', reason });
