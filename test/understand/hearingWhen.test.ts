import { understand } from '../../src/understand';
import { ctx, TODAY } from './realLabels';

const inFebruary = new Date('2027-02-20T12:00:00Z');
const say = (text: string, today = TODAY, language?: 'en' | 'es') =>
  understand({ text }, ctx('hearing_when', { today, answers: language ? { language } : {} }));
/** An answer of this value, however it was reached (`how` is checked in confidence.test.ts). */
const answered = (value: string) => expect.objectContaining({ kind: 'answer', value });

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** The scenarios' `{date+N}`: "on <Month> <day>" N days from today. */
const onDay = (today: Date, n: number) => {
  const d = new Date(today.getTime() + n * 86_400_000);
  return `on ${MONTHS[d.getMonth()]} ${d.getDate()}`;
};

describe('hearing_when: dates and durations, bucketed against today (Monday 2026-11-23)', () => {
  test.each([
    ['in 2 weeks', 'within_30_days'],
    ['en 2 semanas', 'within_30_days'],
    ['in 3 weeks', 'within_30_days'],
    ['en 3 semanas', 'within_30_days'],
    ['dentro de 3 semanas', 'within_30_days'],
    ['in 5 weeks', 'later'],
    ['en 5 semanas', 'later'],
    ['in 2 months', 'later'],
    ['en 2 meses', 'later'],
    ['next week', 'within_30_days'],
    ['la próxima semana', 'within_30_days'],
    ['la proxima semana', 'within_30_days'],
    ['tomorrow', 'within_30_days'],
    ['mañana', 'within_30_days'],
    ['today', 'within_30_days'],
    ['this Friday', 'within_30_days'],
    ['el viernes', 'within_30_days'],
    ['next month', 'within_30_days'],
    ['on March 3', 'later'],
    ['el 3 de marzo', 'later'],
    ['December 1', 'within_30_days'],
    ['December 1st', 'within_30_days'],
    ['el 1 de diciembre', 'within_30_days'],
    ['12/15/2026', 'within_30_days'],
    ['12/23/2026', 'within_30_days'],
    ['12/24/2026', 'later'],
    ['2026-12-15', 'within_30_days'],
    ['15 de enero de 2027', 'later'],
    ['my hearing is on December 1st at 9am', 'within_30_days'],
    ['yesterday', 'missed'],
    ['ayer', 'missed'],
    ['last week', 'missed'],
    ['la semana pasada', 'missed'],
    ['3 days ago', 'missed'],
    ['hace 3 días', 'missed'],
    ['on November 20', 'later'],
    ['last friday', 'missed'],
    ['el viernes pasado', 'missed'],
    ['11/1/2026', 'missed'],
    ['no date', 'no_date'],
    ['I missed it', 'missed'],
    ['not sure', 'not_sure'],
    ['In the next 30 days', 'within_30_days'],
    ['Más adelante', 'later'],
  ])('"%s" -> %s', (text, value) => {
    expect(say(text)).toEqual(answered(value));
  });

  test('relative to today: the same date means something else in February 2027', () => {
    expect(say('on March 3', inFebruary)).toEqual(answered('within_30_days'));
    expect(say('el 3 de marzo', inFebruary)).toEqual(answered('within_30_days'));
    expect(say('December 1', inFebruary)).toEqual(answered('later'));
    expect(say('12/15/2026', inFebruary)).toEqual(answered('missed'));
    expect(say('in 3 weeks', inFebruary)).toEqual(answered('within_30_days'));
  });

  test.each([0, 1, 7, 16, 30])('"{date+%i}" is within 30 days', (n) => {
    expect(say(onDay(TODAY, n))).toEqual(answered('within_30_days'));
    expect(say(onDay(inFebruary, n), inFebruary)).toEqual(answered('within_30_days'));
  });

  test.each([31, 45, 90, 150])('"{date+%i}" is later', (n) => {
    expect(say(onDay(TODAY, n))).toEqual(answered('later'));
  });

  // intake-spec §3 (v3): a date without a year is its next occurrence, never a missed hearing; a
  // person who missed one says so ("I missed it").
  test.each([1, 10, 80, 100, 200])('"{date-%i}" (no year) means the coming one, later', (n) => {
    expect(say(onDay(TODAY, -n))).toEqual(answered('later'));
  });

  test.each([45, 200, 260])('"{date+%i}" (no year) is later, however far ahead in the year', (n) => {
    expect(say(onDay(TODAY, n))).toEqual(answered('later'));
  });

  // "this friday" on a Saturday was once read as yesterday: an urgent, wrong "you missed a hearing".
  const everyDayOf2027 = Array.from({ length: 365 }, (_, i) => new Date(2027, 0, 1 + i, 12));
  test.each(['this friday', 'this monday', 'friday', 'el viernes', 'este viernes', 'el lunes', 'next tuesday', 'el próximo martes'])(
    '"%s" is within 30 days on every day of 2027',
    (text) => {
      const wrong = everyDayOf2027.filter((day) => say(text, day).kind !== 'answer' || (say(text, day) as { value: string }).value !== 'within_30_days');
      expect(wrong.map((d) => d.toDateString())).toEqual([]);
    },
  );

  test.each(['in a month', 'en un mes', 'next month', 'el próximo mes', 'in 4 weeks', 'this month', 'este mes'])(
    '"%s" is on the urgent side of the boundary on every day of 2027',
    (text) => {
      const wrong = everyDayOf2027.filter((day) => (say(text, day) as { value?: string }).value !== 'within_30_days');
      expect(wrong.map((d) => d.toDateString())).toEqual([]);
    },
  );

  test('a day/month order the two languages read differently follows the conversation language', () => {
    expect(say('1/12/2026', TODAY, 'en')).toEqual(answered('missed'));
    expect(say('1/12/2026', TODAY, 'es')).toEqual(answered('within_30_days'));
  });

  test('bare numbers are option numbers here', () => {
    expect(say('1')).toEqual(answered('within_30_days'));
    expect(say('2')).toEqual(answered('later'));
    expect(say('4')).toEqual(answered('missed'));
  });

  test('nonsense is not understood', () => {
    for (const text of ['banana', 'no', 'yes', 'every Monday', 'at 9am', 'a long time ago']) {
      expect(say(text)).toEqual({ kind: 'notUnderstood', reason: 'noMatch' });
    }
  });
});
