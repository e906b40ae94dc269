/**
 * How sure a reading is (src/understand/confidence.ts): every reading says how it was reached, a label,
 * an option number or a date is taken as it is, and a phrase inside a longer message is taken silently
 * only when the rest of the message cannot change it; otherwise it is confirmed once (`tentative`).
 * Labels are the real ones (locales/).
 */
import { understand, type Expecting, type Understanding } from '../../src/understand';
import { MAX_LEFTOVER } from '../../src/understand/confidence';
import { ctx, optionLabels } from './realLabels';

const TODAY = new Date(2026, 11, 5, 12);
const say = (expecting: Expecting, text: string): Understanding => understand({ text }, ctx(expecting, { today: TODAY }));
const taken = (value: string, how: string) => ({ kind: 'answer', value, how });
const confirmed = (value: string) => ({ kind: 'tentative', value, how: 'phrase' });

describe('every reading says how it was reached', () => {
  const labelled = Object.entries(optionLabels).flatMap(([question, byValue]) =>
    Object.entries(byValue).flatMap(([value, [en, es]]) => [[question, en, value] as const, [question, es, value] as const]),
  );
  test.each(labelled)('%s: the label "%s" is taken as %s, by label', (question, label, value) => {
    expect(say(question as Expecting, label)).toEqual(taken(value, 'label'));
  });

  test.each([
    ['relationship', 'casada', 'married', 'label'],
    ['children', 'no, no tengo', 'no', 'label'],
    ['proceedings', 'no tengo caso', 'none', 'label'],
    ['proceedings', '2', 'pending', 'number'],
    ['entry', 'opción 3', 'caught_released', 'number'],
    ['time_in_us', '3 años', '2_to_10', 'date'],
    ['former_when', 'hace 8 meses', 'under_2', 'date'],
    ['under_21', 'tengo 45', 'no', 'date'],
    ['ice_contact', 'vinieron a mi casa la semana pasada', 'yes', 'phrase'],
  ] as const)('%s: "%s" -> %s (%s)', (question, text, value, how) => {
    expect(say(question, text)).toEqual(taken(value, how));
  });

  test('a button is taken as it is, never confirmed (the turn marks it as a button)', () => {
    expect(understand({ button: 'removal_order', text: 'no sé, creo que sí?' }, ctx('proceedings'))).toEqual({ kind: 'answer', value: 'removal_order' });
  });
});

describe('a phrase inside a longer message is taken when the rest cannot change it', () => {
  test.each([
    ['proceedings', 'me dieron deportación porque no fui a la corte', 'removal_order'],
    ['relationship', "we're not married, together 8 years", 'partner'],
    ['relationship', 'not married but together 8 years', 'partner'],
    ['relationship', 'casada con mi pareja desde 2019', 'married'],
    ['proceedings', 'tengo salida voluntaria y orden', 'voluntary_departure'],
    ['location', "I'm not in Mexico, I'm in Texas", 'in_us'],
    ['entry', 'I crossed and nobody caught me', 'without_inspection'],
    ['partner_abuse', 'no, he never hit me', 'no'],
    ['prior_removal', 'no fui deportado pero me regresaron en el aeropuerto', 'yes'],
    ['fear', 'no puedo volver, me matarían', 'yes'],
    ['partner_status', 'sí, ella nació aquí', 'us_citizen'],
    ['uscis_interview', 'not yet', 'no'],
  ] as const)('%s: "%s" -> %s', (question, text, value) => {
    expect(say(question, text)).toEqual(expect.objectContaining({ kind: 'answer', value }));
  });
});

describe('otherwise it is confirmed once', () => {
  test.each([
    ['a negation in its clause that governs nothing else', 'proceedings', 'tengo corte no', 'pending'],
    ['a word of another value beside it', 'travel_plans', 'no sé, quiero visitar a mi mamá', 'yes'],
    ['agreement beside the question\'s "no"', 'consent', 'si no', 'no'],
    ['doubt', 'relationship', 'casada, creo', 'married'],
    ['a wish', 'travel_plans', 'tal vez quiero visitar a mi familia', 'yes'],
    ['an earlier time, where the question asks about now', 'detained', 'lo detuvo ICE el año pasado', 'yes'],
    ['a question mark', 'ice_contact', 'una carta de ICE?', 'yes'],
  ] as const)('%s: %s "%s" -> confirm %s', (_why, question, text, value) => {
    expect(say(question, text)).toEqual(confirmed(value));
  });

  test(`more than ${MAX_LEFTOVER} words that no phrase explains: a long story is checked, not skimmed`, () => {
    const story = (n: number) => `me mandaron una carta ${Array.from({ length: n }, () => 'bla').join(' ')}`;
    expect(say('ice_contact', story(MAX_LEFTOVER))).toEqual(taken('yes', 'phrase'));
    expect(say('ice_contact', story(MAX_LEFTOVER + 1))).toEqual(confirmed('yes'));
  });
});

describe('where nothing sensible can be offered, the question is asked again', () => {
  test.each([
    ['relationship', 'wife or none'],
    ['location', 'estoy en México pero quiero ir a Estados Unidos'],
    ['proceedings', 'me cerraron el caso'],
    ['partner_status', 'ciudadano mexicano'],
    ['partner_abuse', 'nunca me ha pegado'],
  ] as const)('%s: "%s"', (question, text) => {
    expect(say(question, text)).toEqual({ kind: 'notUnderstood', reason: 'noMatch' });
  });
});
