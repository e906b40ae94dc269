/**
 * Answer values of every question (intake-spec.md §3) as zod schemas.
 * Codes are contracts: tests, tools and staff exports use them verbatim.
 */
import { z } from 'zod';

export const yesNo = z.enum(['yes', 'no']);
export const yesNoNotSure = z.enum(['yes', 'no', 'not_sure']);
export const yesNoPreferNot = z.enum(['yes', 'no', 'prefer_not']);

/** Free-text contact fields: the only free text Puente accepts. */
export const contactName = z
  .string()
  .transform((s) => s.replace(/\s+/g, ' ').trim())
  .pipe(z.string().min(1).max(80));
export const phoneNumber = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()\-.]+$/)
  .refine((s) => {
    const digits = s.replace(/\D/g, '').length;
    return digits >= 7 && digits <= 20;
  });
export const emailAddress = z.email().max(254);

/** One schema per question id, in catalogue order. */
export const answerSchemas = {
  language: z.enum(['en', 'es']),
  consent: yesNo,
  location: z.enum(['in_us', 'outside_us']),
  under_21: yesNo,
  detained: yesNoNotSure,
  proceedings: z.enum(['none', 'pending', 'nta_no_court', 'admin_closed', 'removal_order', 'voluntary_departure', 'ended', 'not_sure']),
  hearing_when: z.enum(['within_30_days', 'later', 'no_date', 'missed', 'not_sure']),
  ice_contact: yesNo,
  travel_plans: yesNoNotSure,
  uscis_interview: yesNo,
  relationship: z.enum(['married', 'partner', 'former_spouse', 'none']),
  married_check: yesNoNotSure,
  partner_status: z.enum(['us_citizen', 'permanent_resident', 'other_status', 'no_status', 'not_sure']),
  partner_abuse: yesNoPreferNot,
  former_when: z.enum(['under_2', '2_plus', 'not_sure']),
  children: yesNo,
  entry: z.enum(['inspected', 'without_inspection', 'caught_released', 'parole', 'not_sure']),
  status_now: z.enum(['valid', 'temporary', 'pending_application', 'expired', 'never', 'not_sure']),
  time_in_us: z.enum(['under_1', '1_to_2', '2_to_10', '10_plus', 'not_sure']),
  prior_removal: yesNoNotSure,
  fear: yesNoPreferNot,
  arrests: yesNoPreferNot,
  crime_victim: yesNoPreferNot,
  contact_ok: yesNo,
  contact_name: contactName,
  contact_method: z.enum(['phone', 'text', 'email']),
  contact_value: z.string().min(1).max(254),
  safe_message: yesNo,
} as const;

export type QuestionId = keyof typeof answerSchemas;
export type AnswerValue<Q extends QuestionId> = z.output<(typeof answerSchemas)[Q]>;

/** Everything the person has answered so far; the evaluator's input. */
export const intakeAnswersSchema = z
  .object(
    Object.fromEntries(Object.entries(answerSchemas).map(([k, s]) => [k, s.optional()])) as {
      [Q in QuestionId]: z.ZodOptional<(typeof answerSchemas)[Q]>;
    },
  )
  .strict();

export type IntakeAnswers = { [Q in QuestionId]?: AnswerValue<Q> };

/** The value codes of a choice question (empty for free-text questions). */
export function valuesOf(question: QuestionId): readonly string[] {
  const schema = answerSchemas[question] as z.ZodType;
  return schema instanceof z.ZodEnum ? (schema.options as string[]) : [];
}
