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
 * they never reach the evaluator. `when` reads earlier questions, and married_check also its own
 * answer (it applies once given, while the relationship it settled stands), so each question is
 * judged on the answers kept before it plus its own; one pass in order suffices.
 */
export function pruneAnswers(answers: IntakeAnswers): IntakeAnswers {
  const kept: Record<string, unknown> = {};
  for (const q of questions) {
    const value = answers[q.id];
    if (value !== undefined && q.when({ ...kept, [q.id]: value } as IntakeAnswers)) kept[q.id] = value;
  }
  return kept as IntakeAnswers;
}

/**
 * The questions whose answer decides which later questions are asked, with the answers that lead
 * to different paths. An open relationship answer ("mi pareja") is one more path: married_check,
 * then the partner's questions. test/dialogs/flow.test.ts checks that no other answer changes a path.
 */
const PATH_CHOICES: ReadonlyMap<QuestionId, ReadonlyArray<IntakeAnswers>> = new Map<QuestionId, IntakeAnswers[]>([
  ['location', [{ location: 'in_us' }, { location: 'outside_us' }]],
  ['proceedings', [{ proceedings: 'pending' }, { proceedings: 'none' }]],
  [
    'relationship',
    [
      { relationship: 'married' },
      { relationship: 'former_spouse' },
      { relationship: 'partner', married_check: 'no' },
      { relationship: 'none' },
    ],
  ],
  ['contact_ok', [{ contact_ok: 'yes' }, { contact_ok: 'no' }]],
]);
export const pathDecidingQuestions: readonly QuestionId[] = [...PATH_CHOICES.keys()];

/** How many questions are still to come on the longest path these answers leave open. */
function longestRemaining(answers: IntakeAnswers, from: number): number {
  for (let i = from; i < questions.length; i++) {
    const q = questions[i]!;
    if (answers[q.id] !== undefined || !q.when(answers)) continue;
    const choices = PATH_CHOICES.get(q.id);
    if (!choices) return 1 + longestRemaining({ ...answers, [q.id]: PLACEHOLDER }, i + 1);
    let longest = 0;
    for (const choice of choices) {
      const extended = { ...answers, ...choice };
      const asked = questions.slice(i, questions.length).filter((x) => choice[x.id] !== undefined).length;
      longest = Math.max(longest, asked + longestRemaining(extended, i + 1));
    }
    return longest;
  }
  return 0;
}
/** Stands in for the answer to a question that decides no path, while counting. */
const PLACEHOLDER = '\u0000';

/**
 * Progress (intake-spec §3, design.md §4): the answered questions on the current path, out of the
 * longest path the answers so far still allow, so the total only ever shrinks as the person answers.
 */
export function progressOf(answers: IntakeAnswers): { answered: number; total: number } {
  const answered = applicableQuestions(answers).filter((id) => answers[id] !== undefined).length;
  return { answered, total: answered + longestRemaining(answers, 0) };
}

/**
 * Answered questions in the order the review step lists them. married_check is not an item of its
 * own: the review shows the relationship it settled (intake-spec §3, 10a).
 */
export function reviewItems(answers: IntakeAnswers): QuestionId[] {
  return applicableQuestions(answers).filter(
    (id) => id !== 'language' && id !== 'consent' && id !== 'married_check' && answers[id] !== undefined,
  );
}
