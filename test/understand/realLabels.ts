/**
 * The labels people really see, read from locales/ through the label source the app uses
 * (`labelSource(createTexts())`, src/understand/labelSource.ts), so a typed label is tested against
 * the words on the buttons and the review step, never against a copy that drifts from them.
 */
import type { QuestionId } from '../../dialogs/intake/answers';
import { questions } from '../../dialogs/intake/questions';
import { createTexts } from '../../src/i18n';
import { labelSource, type LabelSource, type UnderstandContext } from '../../src/understand';

export const labels: LabelSource = labelSource(createTexts());

type Pair = [en: string, es: string];

/** Every choice option's label in both languages, per question and value, in catalogue order. */
export const optionLabels: Partial<Record<QuestionId, Record<string, Pair>>> = Object.fromEntries(
  questions
    .filter((q) => q.kind === 'choice')
    .map((q) => [
      q.id,
      Object.fromEntries(q.values.map((v) => [v, [labels.option(q.id, v, 'en') ?? '', labels.option(q.id, v, 'es') ?? ''] as Pair])),
    ]),
);

/** A fixed today (a Monday), never the real clock. */
export const TODAY = new Date('2026-11-23T12:00:00Z');

export function ctx(expecting: UnderstandContext['expecting'], extra: Partial<UnderstandContext> = {}): UnderstandContext {
  return { expecting, answers: {}, today: TODAY, reviewItems: [], labels, ...extra };
}
