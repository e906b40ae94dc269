/**
 * Every typed answer of the shared personas (../shared/scenarios/*.json), read at test time, means
 * what the scenario says it means.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { IntakeAnswers, QuestionId } from '../../dialogs/intake/answers';
import { isQuestionId } from '../../dialogs/intake/questions';
import { understand } from '../../src/understand';
import { ctx, TODAY } from './realLabels';
import { SCENARIO_DIR } from '../support/scenarios';

interface Scenario {
  name: string;
  locale: 'en' | 'es';
  answers: Record<string, string>;
  values: Record<string, string>;
  backAnswers?: Record<string, string>;
}

const DIR = SCENARIO_DIR;
const scenarios: Array<[string, Scenario]> = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => [f, JSON.parse(readFileSync(path.join(DIR, f), 'utf8')) as Scenario]);

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** `{date+N}`: "on <Month> <day>" N days from today (shared/README.md). */
function fill(text: string, today: Date): string {
  return text.replace(/\{date\+(\d+)\}/g, (_, n: string) => {
    const d = new Date(today.getTime() + Number(n) * 86_400_000);
    return `on ${MONTHS[d.getMonth()]} ${d.getDate()}`;
  });
}

/**
 * What a typed answer means. A relationship answer that the persona follows with `married_check` is
 * the open reading (intake-spec §3, 10a): the scenario's `relationship` value comes from that answer.
 */
function expected(question: string, value: string, s: Scenario) {
  if (question === 'review') return { kind: 'answer', value: 'confirm' };
  if (question === 'relationship' && s.answers.married_check !== undefined) return { kind: 'open', followUp: 'married_check' };
  // Taken at once (a persona's answer is never a reading to confirm), however it was reached.
  return expect.objectContaining({ kind: 'answer', value });
}

test('the scenario folder has personas', () => {
  expect(scenarios.length).toBeGreaterThan(0);
});

describe.each(scenarios)('%s', (_, s) => {
  const answered = Object.keys(s.answers).filter((q): q is QuestionId => isQuestionId(q));
  const context = (expecting: QuestionId | 'review') =>
    ctx(expecting, { answers: s.values as IntakeAnswers, today: TODAY, reviewItems: answered });

  test.each(Object.entries(s.answers))('%s: "%s"', (question, typed) => {
    const expecting = question === 'review' ? 'review' : (question as QuestionId);
    expect(understand({ text: fill(typed, TODAY) }, context(expecting))).toEqual(expected(question, s.values[question] ?? '', s));
  });

  test('answers typed again after "back" are understood', () => {
    for (const [question, typed] of Object.entries(s.backAnswers ?? {})) {
      expect(understand({ text: fill(typed, TODAY) }, context(question as QuestionId)).kind).toBe('answer');
    }
  });

  test('the language switch word is a command mid-intake', () => {
    const word = s.locale === 'es' ? 'English' : 'español';
    expect(understand({ text: word }, context('consent'))).toEqual({ kind: 'command', command: 'language', locale: s.locale === 'es' ? 'en' : 'es' });
  });
});
