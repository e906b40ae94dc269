import { isLoneQuestionMark, normalize, tokenize } from '../../src/understand/normalize';

describe('normalize', () => {
  test.each([
    ['Sí', 'si'],
    ['¡SÍ, ESTOY!', 'si estoy'],
    ["Don't know", 'dont know'],
    ['don’t know', 'dont know'],
    ['en EE.UU.', 'en eeuu'],
    ['EE. UU.', 'ee uu'],
    ['U.S.A.', 'usa'],
    ['the U.S.', 'the us'],
    ['yes.I am', 'yes i am'],
    ['e-mail', 'e mail'],
    ['  lots   of\tspace\n', 'lots of space'],
    ['1.5 years', '1.5 years'],
    ['12/15/2026', '12 15 2026'],
    ['#2', '2'],
    ['año', 'ano'],
    ['ｙｅｓ', 'yes'],
    ['y\u200Bes', 'yes'],
    ['İstanbul', 'istanbul'],
    ['🙂', ''],
  ])('"%s" -> "%s"', (text, out) => {
    expect(normalize(text)).toBe(out);
  });

  test('only the first 500 characters are read', () => {
    expect(tokenize(`${'a '.repeat(250)}b`)).not.toContain('b');
  });

  test('lone question marks', () => {
    expect(isLoneQuestionMark('?')).toBe(true);
    expect(isLoneQuestionMark('¿?')).toBe(true);
    expect(isLoneQuestionMark('?!')).toBe(true);
    expect(isLoneQuestionMark('yes?')).toBe(false);
    expect(isLoneQuestionMark('!')).toBe(false);
  });
});
