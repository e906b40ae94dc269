/**
 * The zod schemas of what the machine keeps and what a stored intake holds: notices, context and
 * resting state names. They are the one source of these types: the machine's context and notices
 * are `z.infer`red from them, so a notice kind or a state the stored-snapshot check would refuse
 * cannot compile.
 */
import { z } from 'zod';
import { intakeAnswersSchema, type IntakeAnswers, type QuestionId } from './answers';
import { locales } from './commands';
import { questionIds } from './questions';

export const questionIdSchema = z.enum(questionIds as [QuestionId, ...QuestionId[]]);

export const missReasonSchema = z.enum(['noMatch', 'empty', 'invalidName', 'invalidPhone', 'invalidEmail']);
export type MissReason = z.infer<typeof missReasonSchema>;

/** What the next reply must say besides the current prompt. Reset on every event. */
export const noticeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('greeting') }),
  z.object({ kind: z.literal('reask'), reason: missReasonSchema, offerHelp: z.boolean() }),
  z.object({ kind: z.literal('help') }),
  z.object({ kind: z.literal('backAtStart') }),
  z.object({ kind: z.literal('languageChanged') }),
  z.object({ kind: z.literal('restartCancelled') }),
  z.object({ kind: z.literal('restartDone') }),
  z.object({ kind: z.literal('reviewChange') }),
  z.object({ kind: z.literal('finishedAlready') }),
  /** The person said a reading was wrong: the question is asked again with its options. */
  z.object({ kind: z.literal('readingRejected') }),
]);
export type Notice = z.infer<typeof noticeSchema>;

export const intakeContextSchema = z.object({
  locale: z.enum(locales),
  answers: intakeAnswersSchema,
  /** The question being asked while in `asking`. */
  current: questionIdSchema,
  /** Questions answered, in the order they were asked: what `back` walks through. */
  history: z.array(questionIdSchema).max(questionIds.length),
  /** Misunderstood replies to the current prompt; the third one offers help. */
  misses: z.number().int().min(0).max(1000),
  notice: noticeSchema.nullable(),
  /**
   * While `confirming`: the value a typed answer was read as, waiting for the person's yes
   * ("I understood: No court case. Is that right?"). Absent otherwise.
   */
  pending: z.string().max(100).optional(),
});
export type IntakeContext = Omit<z.infer<typeof intakeContextSchema>, 'answers'> & { answers: IntakeAnswers };

/**
 * The states an intake rests in between turns, by the name the rest of Puente uses. `routing` is
 * passed through within a single transition and never stored.
 */
export const intakeStateSchema = z.enum(['asking', 'confirming', 'reviewing', 'confirmingRestart', 'submitted', 'declined', 'exited', 'deleted']);
export type IntakeStateValue = z.infer<typeof intakeStateSchema>;

/** The states a cancelled restart returns to. */
export const resumeStateSchema = intakeStateSchema.extract(['asking', 'reviewing', 'submitted']);
export type ResumeState = z.infer<typeof resumeStateSchema>;
