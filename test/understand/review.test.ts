import type { QuestionId } from '../../dialogs/intake/answers';
import { understand } from '../../src/understand';
import { ctx } from './realLabels';
import { questionSpec } from './specWords';

const items: QuestionId[] = ['language', 'consent', 'location', 'relationship', 'partner_status', 'arrests', 'prior_removal', 'time_in_us', 'contact_name'];
const review = (input: { text?: string; button?: unknown }) => understand(input, ctx('review', { reviewItems: items }));
const change = (question: QuestionId) => ({ kind: 'change', question });
const confirm = { kind: 'answer', value: 'confirm' };
const noMatch = { kind: 'notUnderstood', reason: 'noMatch' };

describe('review', () => {
  const confirmWords = questionSpec.filter(([q]) => q === 'review').flatMap(([, , en, es]) => [...en, ...es]);
  test.each([...confirmWords, 'ok', 'okay', 'todo bien', 'Looks good!', 'yes, send it', 'sí, está bien', 'confirm'])('"%s" confirms', (text) => {
    expect(review({ text })).toEqual(confirm);
  });

  test.each([
    ['1', 'language'],
    ['3', 'location'],
    ['#4', 'relationship'],
    ['change 4', 'relationship'],
    ['cambiar 4', 'relationship'],
    ['cambiar el 5', 'partner_status'],
    ['no, change number 9', 'contact_name'],
    ['edit answer 8', 'time_in_us'],
  ] as const)('"%s" changes %s', (text, question) => {
    expect(review({ text })).toEqual(change(question));
  });

  test.each([
    ['Relationship', 'relationship'],
    ['change relationship', 'relationship'],
    ['cambiar relación', 'relationship'],
    ['relacion', 'relationship'],
    ["Partner's status", 'partner_status'],
    ['estatus de su cónyuge o pareja', 'partner_status'],
    ['change time in the US', 'time_in_us'],
    ['tiempo en estados unidos', 'time_in_us'],
    ['Name to use', 'contact_name'],
    ['contact_name', 'contact_name'],
  ] as const)('the review label "%s" changes %s', (text, question) => {
    expect(review({ text })).toEqual(change(question));
  });

  test.each(['0', '10', 'change 42', 'no', 'banana', 'History', 'change', 'Children'])('"%s" is not understood', (text) => {
    expect(review({ text })).toEqual(noMatch);
  });

  test('buttons', () => {
    expect(review({ button: 'confirm' })).toEqual(confirm);
    expect(review({ button: 'change:relationship' })).toEqual(change('relationship'));
    expect(review({ button: 'change:children' })).toEqual(noMatch); // not answered
    expect(review({ button: 'change:__proto__' })).toEqual(noMatch);
    expect(review({ button: 'yes' })).toEqual(noMatch);
    expect(review({ button: 'change:children', text: 'confirm' })).toEqual(confirm);
  });
});

describe('confirmRestart', () => {
  const restart = (input: { text?: string; button?: unknown }) => understand(input, ctx('confirmRestart'));
  test.each(['yes', 'y', 'yeah', 'sure', 'sí', 'si', 'claro', 'yes I do', 'sí, estoy'])('"%s" is yes', (text) => {
    expect(restart({ text })).toEqual(expect.objectContaining({ kind: 'answer', value: 'yes' }));
  });
  test.each(['no', 'n', 'nope', 'nah', 'no gracias', 'nunca', 'no thanks'])('"%s" is no', (text) => {
    expect(restart({ text })).toEqual(expect.objectContaining({ kind: 'answer', value: 'no' }));
  });
  test('buttons and the rest', () => {
    expect(restart({ button: 'yes' })).toEqual(expect.objectContaining({ kind: 'answer', value: 'yes' }));
    expect(restart({ button: 'no' })).toEqual(expect.objectContaining({ kind: 'answer', value: 'no' }));
    expect(restart({ button: 'maybe' })).toEqual(noMatch);
    expect(restart({ text: 'not sure' })).toEqual(noMatch);
    expect(restart({ text: 'restart' })).toEqual({ kind: 'command', command: 'restart' });
  });
});
