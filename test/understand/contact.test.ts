import type { IntakeAnswers } from '../../dialogs/intake/answers';
import { understand } from '../../src/understand';
import { ctx } from './realLabels';

const name = (text: string | undefined) => understand({ text }, ctx('contact_name'));
const value = (text: string, method?: IntakeAnswers['contact_method']) =>
  understand({ text }, ctx('contact_value', { answers: method ? { contact_method: method } : {} }));
const answered = (v: string) => expect.objectContaining({ kind: 'answer', value: v });
const reason = (r: string) => ({ kind: 'notUnderstood', reason: r });

describe('contact_name: any 1-80 characters, cleaned', () => {
  test.each([
    ['Sam', 'Sam'],
    ['  Ale   María  ', 'Ale María'],
    ['José Ñúñez', 'José Ñúñez'],
    ['محمد', 'محمد'],
    ['Kai 🌈', 'Kai 🌈'],
    ['yes', 'yes'],
    ['no', 'no'],
    ['x'.repeat(80), 'x'.repeat(80)],
    ['Sam\u202Eevil', 'Samevil'],
    ['Sam\tLee\n', 'Sam Lee'],
  ])('"%s" -> "%s"', (text, cleaned) => {
    expect(name(text)).toEqual(answered(cleaned));
  });

  test.each([[''], ['   '], ['x'.repeat(81)], ['a'.repeat(5000)]])('"%s" is not a valid name', (text) => {
    expect(name(text)).toEqual(reason('invalidName'));
  });

  test('no text at all is not a valid name', () => {
    expect(name(undefined)).toEqual(reason('invalidName'));
  });

  test('a button value is never a name', () => {
    expect(understand({ button: 'Sam' }, ctx('contact_name'))).toEqual(reason('invalidName'));
  });
});

describe('contact_value: validated against contact_method', () => {
  test.each([
    ['+1 555 010 2345', 'phone'],
    ['(555) 010-2345', 'phone'],
    ['555.010.2345', 'text'],
    ['5550102345', 'text'],
  ] as const)('"%s" is a phone number for %s', (text, method) => {
    expect(value(text, method)).toEqual(answered(text));
  });

  test('phone numbers are trimmed', () => {
    expect(value('  +1 555 010 2345 ', 'phone')).toEqual(answered('+1 555 010 2345'));
  });

  test.each(['sam@example.org', 'ale.p+puente@correo.example.com'])('"%s" is an email address', (text) => {
    expect(value(text, 'email')).toEqual(answered(text));
  });

  test.each(['12345', '555-CALL-NOW', 'sam@example.org', '1'.repeat(21), `+1 ${'5'.repeat(5000)}`, 'call me'])(
    '"%s" is not a phone number',
    (text) => {
      expect(value(text, 'phone')).toEqual(reason('invalidPhone'));
      expect(value(text, 'text')).toEqual(reason('invalidPhone'));
    },
  );

  test.each(['sam', 'sam@', '@example.org', '+1 555 010 2345', `${'a'.repeat(300)}@example.org`, 'sam @example.org'])(
    '"%s" is not an email address',
    (text) => {
      expect(value(text, 'email')).toEqual(reason('invalidEmail'));
    },
  );

  test('without a method either is accepted', () => {
    expect(value('sam@example.org')).toEqual(answered('sam@example.org'));
    expect(value('+1 555 010 2345')).toEqual(answered('+1 555 010 2345'));
    expect(value('sam@')).toEqual(reason('invalidEmail'));
    expect(value('12')).toEqual(reason('invalidPhone'));
  });

  test('empty text is invalid for the method', () => {
    expect(value('  ', 'email')).toEqual(reason('invalidEmail'));
    expect(value('', 'phone')).toEqual(reason('invalidPhone'));
  });
});
