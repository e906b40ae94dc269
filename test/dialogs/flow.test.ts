/**
 * The progress count (flow.ts) walks only the answers listed as deciding the path. If a later change
 * made another answer decide which questions are asked, the count would be wrong: this test finds it.
 */
import { applicableQuestions, pathDecidingQuestions, questions, type IntakeAnswers, type QuestionId } from '../../dialogs/intake';

/** married_check applies only once answered (it follows an open relationship answer), so it decides only itself. */
const SELF_ONLY: ReadonlySet<QuestionId> = new Set(['married_check']);

function* answerSets(): Generator<IntakeAnswers> {
  // Every combination of the path-deciding answers, with everything else answered.
  const base: Record<string, string> = {};
  for (const q of questions) if (q.values.length) base[q.id] = q.values[0]!;
  const choices = pathDecidingQuestions.map((id) => questions.find((q) => q.id === id)!.values);
  const walk = function* (i: number, acc: Record<string, string>): Generator<IntakeAnswers> {
    if (i === choices.length) return yield acc as IntakeAnswers;
    for (const v of choices[i]!) yield* walk(i + 1, { ...acc, [pathDecidingQuestions[i]!]: v });
  };
  yield* walk(0, base);
}

describe('which answers decide the path', () => {
  it('no answer outside pathDecidingQuestions changes which questions are asked', () => {
    const offenders = new Set<string>();
    for (const a of answerSets()) {
      const path = applicableQuestions(a).filter((id) => !SELF_ONLY.has(id)).join();
      for (const q of questions) {
        if (pathDecidingQuestions.includes(q.id) || SELF_ONLY.has(q.id)) continue;
        for (const v of q.values) {
          const changed = applicableQuestions({ ...a, [q.id]: v } as IntakeAnswers).filter((id) => !SELF_ONLY.has(id)).join();
          if (changed !== path) offenders.add(q.id);
        }
      }
    }
    expect([...offenders]).toEqual([]);
  });
});
