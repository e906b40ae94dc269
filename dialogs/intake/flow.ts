/**
 * Pure helpers over the question catalogue: which questions apply, which comes next, and the
 * progress count. The machine and the renderer both use them, so the order is written once.
 */
import type { IntakeAnswers, QuestionId } from './answers';
import { questions } from './questions';

/** Questions whose `when` holds for these answers, in catalogue order. */
export function applicableQuestions(answers: IntakeAnswers): QuestionId[] {
  return questions.filter((q) => q.when(answers)).map((q) => q.id);
}

/** The first applicable question not answered yet, or `null` when the intake is ready for review. */
export function nextQuestion(answers: IntakeAnswers): QuestionId | null {
  for (const q of questions) {
    if (q.when(answers) && answers[q.id] === undefined) return q.id;
  }
  return null;
}

/**
 * Drops answers to questions whose `when` no longer holds (after a change on the review step), so
 * they never reach the evaluator. `when` only reads earlier questions, so one pass in order suffices.
 */
export function pruneAnswers(answers: IntakeAnswers): IntakeAnswers {
  const kept: Record<string, unknown> = {};
  for (const q of questions) {
    const value = answers[q.id];
    if (value !== undefined && q.when(kept as IntakeAnswers)) kept[q.id] = value;
  }
  return kept as IntakeAnswers;
}

/** Progress on the current path: answered applicable questions out of all applicable ones. */
export function progressOf(answers: IntakeAnswers): { answered: number; total: number } {
  const path = applicableQuestions(answers);
  return { answered: path.filter((id) => answers[id] !== undefined).length, total: path.length };
}

/** Answered questions in the order the review step lists them. */
export function reviewItems(answers: IntakeAnswers): QuestionId[] {
  return applicableQuestions(answers).filter((id) => id !== 'language' && id !== 'consent' && answers[id] !== undefined);
}
