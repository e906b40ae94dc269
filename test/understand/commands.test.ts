import type { QuestionId } from '../../dialogs/intake/answers';
import { understand, type Expecting } from '../../src/understand';
import { ctx } from './realLabels';

const say = (expecting: Expecting, text: string) => understand({ text }, ctx(expecting));

/** intake-spec §2: the words each command must accept at least. */
const spec: Array<[string, string]> = [
  ['help', 'help'], ['help', 'ayuda'], ['help', '?'],
  ['back', 'back'], ['back', 'atrás'], ['back', 'atras'], ['back', 'volver'],
  ['restart', 'restart'], ['restart', 'start over'], ['restart', 'empezar de nuevo'], ['restart', 'reiniciar'],
  ['exit', 'exit'], ['exit', 'quit'], ['exit', 'salir'], ['exit', 'stop'],
  ['delete', 'delete'], ['delete', 'delete my data'], ['delete', 'borrar'], ['delete', 'borrar mis datos'],
];
const languageSpec: Array<[string, 'en' | 'es']> = [
  ['english', 'en'], ['inglés', 'en'], ['ingles', 'en'], ['español', 'es'], ['espanol', 'es'], ['spanish', 'es'],
];
const everywhere: Expecting[] = ['consent', 'travel_plans', 'hearing_when', 'time_in_us', 'contact_name', 'contact_value', 'review', 'confirmRestart'];

describe('whole-message commands (intake-spec §2)', () => {
  test.each(spec.flatMap(([command, word]) => everywhere.map((at) => [word, command, at] as const)))(
    '"%s" is %s at %s',
    (word, command, at) => {
      expect(say(at, word)).toEqual({ kind: 'command', command });
    },
  );

  test.each(spec)('%s: "%s" ignoring case, accents, punctuation and spacing', (command, word) => {
    for (const text of [word.toUpperCase(), `  ${word}!  `, `¡${word}!`, `${word}.`, word.normalize('NFD').replace(/\p{M}/gu, '')]) {
      expect(say('consent', text)).toEqual({ kind: 'command', command });
    }
  });

  test('question marks alone are help', () => {
    for (const text of ['?', ' ? ', '??', '¿?']) expect(say('entry', text)).toEqual({ kind: 'command', command: 'help' });
    expect(say('entry', '¿ayuda?')).toEqual({ kind: 'command', command: 'help' });
  });

  test.each(languageSpec)('"%s" switches the language to %s outside the language question', (word, locale) => {
    expect(say('relationship', word)).toEqual({ kind: 'command', command: 'language', locale });
    expect(say('review', word)).toEqual({ kind: 'command', command: 'language', locale });
  });

  test.each(languageSpec)('at the language question "%s" is the answer %s', (word, locale) => {
    expect(say('language', word)).toEqual(expect.objectContaining({ kind: 'answer', value: locale }));
  });

  test('other commands still work at the language question', () => {
    expect(say('language', 'ayuda')).toEqual({ kind: 'command', command: 'help' });
    expect(say('language', 'salir')).toEqual({ kind: 'command', command: 'exit' });
  });
});

describe('command words inside an answer are not commands', () => {
  test.each([
    ['travel_plans', 'quiero salir del país', expect.objectContaining({ kind: 'answer', value: 'yes' })],
    ['travel_plans', 'go back home', expect.objectContaining({ kind: 'answer', value: 'yes' })],
    ['travel_plans', 'I want to go back to my country to visit', expect.objectContaining({ kind: 'answer', value: 'yes' })],
    ['consent', 'yes, help me', expect.objectContaining({ kind: 'answer', value: 'yes' })],
    ['consent', 'help yes', expect.objectContaining({ kind: 'answer', value: 'yes' })],
    ['entry', 'stop at the border', { kind: 'notUnderstood', reason: 'noMatch' }],
    // A wish beside a phrase is confirmed (confidence.ts); it is an answer, never the delete command.
    ['relationship', 'I want to delete my husband', { kind: 'tentative', value: 'married', how: 'phrase' }],
    ['contact_name', 'Stop Sign', expect.objectContaining({ kind: 'answer', value: 'Stop Sign' })],
    ['contact_name', 'Ayuda Pérez', expect.objectContaining({ kind: 'answer', value: 'Ayuda Pérez' })],
  ] as const)('%s: "%s"', (at, text, expected) => {
    expect(say(at as QuestionId, text)).toEqual(expected);
  });

  test('a whole-message command wins even at free-text questions (documented trade-off)', () => {
    expect(say('contact_name', 'Stop')).toEqual({ kind: 'command', command: 'exit' });
    expect(say('contact_value', 'help')).toEqual({ kind: 'command', command: 'help' });
  });
});

describe('command buttons', () => {
  test.each(['help', 'back', 'restart', 'exit', 'delete'] as const)('command:%s', (command) => {
    expect(understand({ button: `command:${command}` }, ctx('entry'))).toEqual({ kind: 'command', command });
  });

  test('command:language with and without a locale', () => {
    expect(understand({ button: 'command:language:es' }, ctx('entry'))).toEqual({ kind: 'command', command: 'language', locale: 'es' });
    expect(understand({ button: 'command:language' }, ctx('entry', { answers: { language: 'es' } }))).toEqual({
      kind: 'command',
      command: 'language',
      locale: 'en',
    });
    expect(understand({ button: 'command:language:en' }, ctx('language'))).toEqual(expect.objectContaining({ kind: 'answer', value: 'en' }));
  });

  test('unknown command buttons fall back to the text', () => {
    expect(understand({ button: 'command:format-disk', text: 'yes' }, ctx('consent'))).toEqual(expect.objectContaining({ kind: 'answer', value: 'yes' }));
    expect(understand({ button: 'command:language:fr' }, ctx('consent'))).toEqual({ kind: 'notUnderstood', reason: 'noMatch' });
    expect(understand({ button: 'command:help:now' }, ctx('consent'))).toEqual({ kind: 'notUnderstood', reason: 'noMatch' });
  });
});
