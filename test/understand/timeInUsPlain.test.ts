/**
 * The plain answers read without the date models ("5 years", "6 meses", "since 2019") must mean
 * exactly what the models make of them: every shape the shortcut takes is also read the long way,
 * through recognizers-text in this thread, and both readings must agree, for a conversation in
 * either language and on two different days.
 */
import { understand } from '../../src/understand';
import { tokenize } from '../../src/understand/normalize';
import { inThisThread, warmUpRecognizers } from '../../src/understand/recognizers';
import { timeInUsFromPlainText, timeInUsFromText } from '../../src/understand/timeInUs';
import { ctx } from './realLabels';

const DAYS = [new Date('2026-11-23T12:00:00Z'), new Date('2027-01-02T12:00:00Z')];
const LANGS = ['en', 'es'] as const;

const UNITS = ['year', 'years', 'month', 'months', 'week', 'weeks', 'año', 'años', 'ano', 'anos', 'mes', 'meses', 'semana', 'semanas'];
const NUMBERS = [0, 1, 2, 3, 5, 9, 10, 11, 12, 13, 18, 23, 24, 25, 30, 51, 52, 53, 99, 100, 101, 104, 105, 120, 999];
const YEARS = [1850, 1899, 1900, 1950, 1999, 2000, 2010, 2016, 2019, 2024, 2025, 2026, 2027, 2030];

const plainShapes = (): string[] => [
  ...NUMBERS.flatMap((n) => UNITS.map((u) => `${n} ${u}`)),
  ...['12years', '3 Years', '6 Meses.', ' 18  months ', '2 weeks!'],
  ...YEARS.flatMap((y) => [`since ${y}`, `desde ${y}`]),
  ...['Since 2019.', 'DESDE 2015', 'since  2016 '],
];

beforeAll(() => warmUpRecognizers(), 30_000);

describe('time_in_us: plain answers read without the models mean what the models read', () => {
  const texts = plainShapes();
  test.each(DAYS.flatMap((day) => LANGS.map((lang) => [day.toISOString().slice(0, 10), lang, day] as const)))(
    'on %s, in a conversation in %s',
    (_day, lang, today) => {
      const disagreements: string[] = [];
      for (const text of texts) {
        const fast = timeInUsFromPlainText(text, today);
        if (fast === undefined) {
          disagreements.push(`${JSON.stringify(text)} is not taken by the shortcut`);
          continue;
        }
        const slow = timeInUsFromText(text, tokenize(text), today, lang, inThisThread) ?? null;
        if (fast !== slow) disagreements.push(`${JSON.stringify(text)}: shortcut ${fast}, models ${slow}`);
      }
      expect(disagreements).toEqual([]);
    },
    120_000,
  );
});

describe('time_in_us: what the shortcut leaves to the models', () => {
  test.each([
    'about 5 years',
    'less than 2 years',
    'more than 10 years',
    '5 years ago',
    'tres años',
    'five years',
    '1 year and 6 months',
    '2 years 3 months',
    '5 días',
    '3 days',
    'since March 2019',
    'desde marzo de 2019',
    'since 19',
    '1000 years',
    'since 2019 or 2020',
    '5 years, more or less',
  ])('%j', (text) => {
    expect(timeInUsFromPlainText(text, DAYS[0]!)).toBeUndefined();
  });
});

describe('time_in_us: the shortcut inside understand()', () => {
  const asked = (text: string, today = DAYS[0]!) => understand({ text }, ctx('time_in_us', { today, answers: { language: 'es' } }));
  const noModels = { dateTime: () => { throw new Error('a model was run'); }, number: () => { throw new Error('a model was run'); } };

  test('answers without running a model', () => {
    const withoutModels = (text: string) => understand({ text }, ctx('time_in_us', { today: DAYS[0]!, answers: { language: 'es' }, recognizer: noModels }));
    expect(withoutModels('4 años')).toEqual(expect.objectContaining({ kind: 'answer', value: '2_to_10' }));
    expect(withoutModels('18 months')).toEqual(expect.objectContaining({ kind: 'answer', value: '1_to_2' }));
    expect(withoutModels('desde 2015')).toEqual(expect.objectContaining({ kind: 'answer', value: '10_plus' }));
    expect(withoutModels('6 meses')).toEqual(expect.objectContaining({ kind: 'answer', value: 'under_1' }));
  });

  test('a plain answer that names no time is not understood, as the models would have it', () => {
    expect(asked('since 2030')).toMatchObject({ kind: 'notUnderstood' });
    expect(asked('150 years')).toMatchObject({ kind: 'notUnderstood' });
  });
});
