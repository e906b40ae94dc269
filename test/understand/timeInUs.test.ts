import { understand } from '../../src/understand';
import { bucketYears } from '../../src/understand/timeInUs';
import { ctx, TODAY } from './realLabels';

const inSpring2027 = new Date('2027-03-10T12:00:00Z');
const say = (text: string, today = TODAY, language?: 'en' | 'es') =>
  understand({ text }, ctx('time_in_us', { today, answers: language ? { language } : {} }));
/** An answer of this value, however it was reached (`how` is checked in confidence.test.ts). */
const answered = (value: string) => expect.objectContaining({ kind: 'answer', value });
const noMatch = { kind: 'notUnderstood', reason: 'noMatch' };

describe('time_in_us: typed durations, in English and Spanish (today 2026-11-23)', () => {
  test.each([
    ['6 months', 'under_1'],
    ['6 meses', 'under_1'],
    ['less than a year', 'under_1'],
    ['menos de un año', 'under_1'],
    ['half a year', 'under_1'],
    ['medio año', 'under_1'],
    ['11 months', 'under_1'],
    ['3 weeks', 'under_1'],
    ['1 year', '1_to_2'],
    ['un año', '1_to_2'],
    ['a year and a half', '1_to_2'],
    ['un año y medio', '1_to_2'],
    ['18 months', '1_to_2'],
    ['18 meses', '1_to_2'],
    ['1 year and 6 months', '1_to_2'],
    ['almost 2 years', '1_to_2'],
    ['menos de 2 años', '1_to_2'],
    ['casi 2 años', '1_to_2'],
    ['2 years', '2_to_10'],
    ['3 years', '2_to_10'],
    ['tres años', '2_to_10'],
    ['tres anos', '2_to_10'],
    ['TRES AÑOS!', '2_to_10'],
    ['about 5 years', '2_to_10'],
    ['5 años y medio', '2_to_10'],
    ['more than 2 years', '2_to_10'],
    ['almost 10 years', '2_to_10'],
    ['casi 10 años', '2_to_10'],
    ['10 years', '10_plus'],
    ['10 años', '10_plus'],
    ['more than 10 years', '10_plus'],
    ['más de 10 años', '10_plus'],
    ['over 10 years', '10_plus'],
    ['10 or more', '10_plus'],
    ['10 años o más', '10_plus'],
    ['12 years', '10_plus'],
    ['twelve years', '10_plus'],
    ['doce años', '10_plus'],
    ['more or less 3 years', '2_to_10'],
    ['más o menos 3 años', '2_to_10'],
    ['3 years ago', '2_to_10'],
    ['hace 3 años', '2_to_10'],
    ['not sure', 'not_sure'],
    ['no sé', 'not_sure'],
  ])('"%s" -> %s', (text, value) => {
    expect(say(text)).toEqual(answered(value));
  });
});

describe('time_in_us: bare numbers are years (the question asks for years)', () => {
  test.each([
    ['0', 'under_1'],
    ['0.5', 'under_1'],
    ['1', '1_to_2'],
    ['1,5', '1_to_2'],
    ['2', '2_to_10'],
    ['9', '2_to_10'],
    ['10', '10_plus'],
    ['12', '10_plus'],
    ['10+', '10_plus'],
    ['twelve', '10_plus'],
    ['doce', '10_plus'],
    ['tres', '2_to_10'],
  ])('"%s" -> %s', (text, value) => {
    expect(say(text)).toEqual(answered(value));
  });

  test('implausible numbers are not understood', () => {
    expect(say('500')).toEqual(noMatch);
    expect(say('101')).toEqual(noMatch);
  });
});

describe('time_in_us: "since YEAR" counts from the end of that year', () => {
  test.each([
    ['since 2025', 'under_1'],
    ['desde 2025', 'under_1'],
    ['2025', 'under_1'],
    ['since 2024', '1_to_2'],
    ['since 2019', '2_to_10'],
    ['desde 2019', '2_to_10'],
    ['2019', '2_to_10'],
    ['since 2016', '2_to_10'],
    ['desde el 2016', '2_to_10'],
    ['since 2015', '10_plus'],
    ['desde 2015', '10_plus'],
    ['I came in 2019', '2_to_10'],
    ['llegué en 2019', '2_to_10'],
    ['since March 2020', '2_to_10'],
    ['desde marzo de 2020', '2_to_10'],
    ['since 2026', 'under_1'],
    ['since last year', 'under_1'],
  ])('in November 2026, "%s" -> %s', (text, value) => {
    expect(say(text)).toEqual(answered(value));
  });

  test('relative to today: the same words mean more time later on', () => {
    expect(say('since 2025', new Date('2026-12-30T12:00:00Z'))).toEqual(answered('under_1'));
    expect(say('since 2025', new Date('2027-01-05T12:00:00Z'))).toEqual(answered('1_to_2'));
    expect(say('since 2016', inSpring2027)).toEqual(answered('10_plus'));
    expect(say('desde 2016', inSpring2027)).toEqual(answered('10_plus'));
    expect(say('2017', inSpring2027)).toEqual(answered('2_to_10'));
  });

  test('future and impossible years are not understood', () => {
    for (const text of ['since 2030', 'desde 2030', '2030', '2027', 'since 1850', '1492']) expect(say(text)).toEqual(noMatch);
  });
});

describe('time_in_us: labels and option numbers', () => {
  test.each([
    ['Less than 1 year', 'under_1'],
    ['1 to 2 years', '1_to_2'],
    ['de 1 a 2 años', '1_to_2'],
    ['2 to 10 years', '2_to_10'],
    ['10 years or more', '10_plus'],
    ['option 1', 'under_1'],
    ['#3', '2_to_10'],
  ])('"%s" -> %s', (text, value) => {
    expect(say(text)).toEqual(answered(value));
  });

  test('nonsense is not understood', () => {
    for (const text of ['banana', 'yes', 'a long time ago in a galaxy', 'tomorrow']) expect(say(text)).toEqual(noMatch);
  });
});

test('bucket edges', () => {
  expect(bucketYears(0)).toBe('under_1');
  expect(bucketYears(0.999)).toBe('under_1');
  expect(bucketYears(1)).toBe('1_to_2');
  expect(bucketYears(1.999)).toBe('1_to_2');
  expect(bucketYears(2)).toBe('2_to_10');
  expect(bucketYears(9.999)).toBe('2_to_10');
  expect(bucketYears(10)).toBe('10_plus');
  expect(bucketYears(-1)).toBeUndefined();
  expect(bucketYears(Number.NaN)).toBeUndefined();
});
