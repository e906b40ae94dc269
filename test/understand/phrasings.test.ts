/**
 * Answers as people really type them, in both languages (a fixture kept apart from the spec's word
 * table). `expect` is an answer code, `CMD:<command>[:<locale>]`, `CHANGE:<question>` or `X:<reason>`.
 * Dates are read against a fixed today (a Saturday), never the real one, so the suite passes on any
 * date; the rows that read dates are also read on every day of the year that follows it.
 */
import rows from './fixtures/phrasings.json';
import { understand, type Expecting, type Understanding } from '../../src/understand';
import { createTexts, type TextKey } from '../../src/i18n';
import type { IntakeAnswers } from '../../dialogs/intake';

const texts = createTexts();
const labels = {
  option: (q: string, v: string, l: 'en' | 'es') => {
    const key = `questions:${q}.options.${v}` as TextKey;
    return texts.translator(l).has(key) ? texts.translator(l).t(key) : undefined;
  },
  reviewLabel: (q: string, l: 'en' | 'es') => {
    const key = `questions:${q}.review` as TextKey;
    return texts.translator(l).has(key) ? texts.translator(l).t(key) : undefined;
  },
};

function code(u: Understanding): string {
  switch (u.kind) {
    case 'answer':
      return u.value;
    case 'command':
      return u.command === 'language' ? `CMD:language:${u.locale}` : `CMD:${u.command}`;
    case 'tentative':
      return `CONFIRM:${u.value}`;
    case 'open':
      return `OPEN:${u.followUp}`;
    case 'change':
      return `CHANGE:${u.question}`;
    case 'notUnderstood':
      return `X:${u.reason}`;
  }
}

type Row = { question: string; text: string; expect: string; answers?: IntakeAnswers };
const table = (rows as Row[]).map((r) => [r.question, r.text, r.expect, r.answers] as const);

/** Saturday 2026-12-05, noon local time: the day "this friday" was once read as yesterday. */
const FIXED_TODAY = new Date(2026, 11, 5, 12);

function read(question: string, text: string, answers: IntakeAnswers | undefined, today: Date): string {
  const u = understand(
    { text },
    { expecting: question as Expecting, answers: answers ?? { contact_method: 'phone' }, today, reviewItems: ['location', 'relationship'], labels },
  );
  return code(u);
}

test.each(table)('%s: "%s" -> %s', (question, text, expected, answers) => {
  expect(read(question, text, answers, FIXED_TODAY)).toBe(expected);
});

/** Every day of the year that starts on FIXED_TODAY (2027 is not a leap year: 365 days). */
const yearOfDays = Array.from({ length: 365 }, (_, i) => new Date(2026, 11, 5 + i, 12));
const DATE_QUESTIONS = new Set(['hearing_when', 'time_in_us', 'former_when']);
const dateRows = table.filter(([question]) => DATE_QUESTIONS.has(question));

/**
 * Days on which a row rightly reads otherwise: "since last year" counts from the end of last year, so
 * on December 31 it is exactly one year.
 */
const otherwiseOn: Record<string, Record<string, string>> = {
  'since last year': { 'Thu Dec 31 2026': '1_to_2' },
};

describe('the same reading on every day of a year', () => {
  test.each(dateRows)('%s: "%s" -> %s', (question, text, expected, answers) => {
    const wrong = yearOfDays
      .map((day) => [day.toDateString(), read(question, text, answers, day)] as const)
      .filter(([day, got]) => got !== (otherwiseOn[text]?.[day] ?? expected));
    expect(wrong).toEqual([]);
  });
});
