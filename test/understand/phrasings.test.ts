/**
 * Answers as people really type them, in both languages (a fixture kept apart from the spec's word
 * table). `expect` is an answer code, `CMD:<command>[:<locale>]`, `CHANGE:<question>` or `X:<reason>`.
 * Dates are relative to the real today, as a person would type them.
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
    case 'change':
      return `CHANGE:${u.question}`;
    case 'notUnderstood':
      return `X:${u.reason}`;
  }
}

const table = (rows as { question: string; text: string; expect: string; answers?: IntakeAnswers }[]).map((r) => [r.question, r.text, r.expect, r.answers] as const);

test.each(table)('%s: "%s" -> %s', (question, text, expected, answers) => {
  const u = understand(
    { text },
    { expecting: question as Expecting, answers: answers ?? { contact_method: 'phone' }, today: new Date(), reviewItems: ['location', 'relationship'], labels },
  );
  expect(code(u)).toBe(expected);
});
