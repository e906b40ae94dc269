import type { QuestionId } from '../../dialogs/intake/answers';
import { questions } from '../../dialogs/intake/questions';
import { understand } from '../../src/understand';
import { ctx, optionLabels } from './realLabels';
import { genericSpec, questionSpec, specReadings, type Generic } from './specWords';
import { untypedCodes } from '../../src/understand/lexicon';

const choiceQuestions = questions.filter((q) => q.kind === 'choice');
const say = (question: QuestionId, text: string) => understand({ text }, ctx(question));
/** An answer of this value, however it was reached (`how` is checked in confidence.test.ts). */
const answered = (value: string) => expect.objectContaining({ kind: 'answer', value });
const noMatch = { kind: 'notUnderstood', reason: 'noMatch' };

/** Generic words of the spec at every question that has the value, in both languages. */
const genericCases = choiceQuestions.flatMap((q) =>
  (Object.keys(genericSpec) as Generic[])
    .filter((g) => q.values.includes(g))
    .flatMap((g) => [...genericSpec[g].en, ...genericSpec[g].es].map((word) => [q.id, word, g] as const)),
);

describe('every word of the spec table is understood, whatever the conversation language', () => {
  test.each(genericCases)('%s: "%s" -> %s', (question, word, value) => {
    expect(say(question, word)).toEqual(answered(value));
  });

  const rows = questionSpec
    .filter(([q]) => q !== 'review')
    .flatMap(([q, value, en, es]) => [...en, ...es].map((word) => [q as QuestionId, word, value] as const));
  test.each(rows)('%s: "%s" -> %s', (question, word, value) => {
    expect(say(question, word)).toEqual(answered(value));
  });

  test.each(rows)('%s: "%s" with case, accents and surrounding punctuation changed', (question, word, value) => {
    const shouted = `¡${word.toUpperCase().normalize('NFD').replace(/\p{M}/gu, '')}!`;
    expect(say(question, shouted)).toEqual(answered(value));
  });

  test.each(specReadings)('%s: "%s" -> %s (a reading of spec v3 that takes no value)', (question, word, reading) => {
    expect(say(question, word)).toEqual(reading === 'OPEN' ? { kind: 'open', followUp: 'married_check' } : noMatch);
  });
});

describe('value codes and option numbers', () => {
  // A typed "partner" is the spec's open reading, not the code (intake-spec §3): see specReadings.
  const codes = choiceQuestions.flatMap((q) => q.values.filter((v) => !untypedCodes[q.id]?.includes(v)).map((v) => [q.id, v] as const));
  test.each(codes)('%s: the code "%s" itself', (question, code) => {
    expect(say(question, code)).toEqual(answered(code));
  });

  const numbered = choiceQuestions
    .filter((q) => q.id !== 'time_in_us')
    .flatMap((q) => q.values.map((v, i) => [q.id, i + 1, v] as const));
  test.each(numbered)('%s: option %i -> %s ("n", "#n", "option n", "opción n")', (question, n, value) => {
    for (const text of [`${n}`, `#${n}`, `option ${n}`, `Opción ${n}`, `${n}.`, `la opción número ${n}`]) {
      expect(say(question, text)).toEqual(answered(value));
    }
  });

  test('a number with no such option is not understood', () => {
    expect(say('consent', '3')).toEqual(noMatch);
    expect(say('consent', '0')).toEqual(noMatch);
    expect(say('hearing_when', '15')).toEqual(noMatch);
  });

  test('at time_in_us a bare number is years, "option n" and "#n" pick an option', () => {
    expect(say('time_in_us', '1')).toEqual(answered('1_to_2'));
    expect(say('time_in_us', '2')).toEqual(answered('2_to_10'));
    expect(say('time_in_us', 'option 2')).toEqual(answered('1_to_2'));
    expect(say('time_in_us', '#4')).toEqual(answered('10_plus'));
    expect(say('time_in_us', 'opción 5')).toEqual(answered('not_sure'));
  });
});

describe('labels as shown to people, typed in either language', () => {
  const labelled = Object.entries(optionLabels).flatMap(([q, byValue]) =>
    Object.entries(byValue).flatMap(([value, [en, es]]) => [
      [q as QuestionId, en, value] as const,
      [q as QuestionId, es, value] as const,
    ]),
  );
  test.each(labelled)('%s: "%s" -> %s', (question, label, value) => {
    expect(say(question, label)).toEqual(answered(value));
    expect(say(question, `  ${label.toLowerCase()}!! `)).toEqual(answered(value));
  });

  test('labels with words around them', () => {
    expect(say('location', 'yes I am, in the U.S.')).toEqual(answered('in_us'));
    expect(say('location', 'sí, estoy en Estados Unidos')).toEqual(answered('in_us'));
    expect(say('relationship', 'partner, not married')).toEqual(answered('partner'));
    expect(say('relationship', 'pareja sin casarse')).toEqual(answered('partner'));
  });
});

describe('the longest matching phrase wins', () => {
  test.each([
    ['entry', 'without inspection', 'without_inspection'],
    ['entry', 'I crossed without a visa', 'without_inspection'],
    ['entry', 'no visa', 'without_inspection'],
    ['entry', 'sin visa', 'without_inspection'],
    ['entry', 'with a tourist visa', 'inspected'],
    ['entry', 'humanitarian parole', 'parole'],
    ['detained', 'no sé', 'not_sure'],
    ['detained', 'no se', 'not_sure'],
    ['detained', 'no lo sé', 'not_sure'],
    ['detained', 'not sure', 'not_sure'],
    ['detained', 'I am not sure', 'not_sure'],
    ['detained', "I don't know", 'not_sure'],
    ['detained', 'ni idea', 'not_sure'],
    ['detained', 'no idea', 'not_sure'],
    ['arrests', 'prefiero no decir', 'prefer_not'],
    ['arrests', "I'd rather not say", 'prefer_not'],
    ['relationship', 'not married', 'partner'],
    ['relationship', 'I am not married', 'none'],
    ['relationship', 'no estoy casada', 'none'],
    ['relationship', 'no tengo pareja', 'none'],
    ['relationship', 'engaged, not married', 'partner'],
    ['location', 'not in the US', 'outside_us'],
    ['location', 'outside the US', 'outside_us'],
    ['location', 'no estoy en Estados Unidos', 'outside_us'],
    ['proceedings', 'no tengo corte', 'none'],
    ['proceedings', 'yes, I have court', 'pending'],
    ['proceedings', 'orden de deportación', 'removal_order'],
    ['status_now', 'no longer valid', 'expired'],
    ['travel_plans', 'quiero salir del país', 'yes'],
    ['travel_plans', 'go back home', 'yes'],
    ['travel_plans', 'no voy a salir', 'no'],
    ['consent', 'yes I am', 'yes'],
    ['consent', 'sí, estoy', 'yes'],
    ['children', 'si tengo', 'yes'],
    ['children', 'no tengo hijos', 'no'],
    ['fear', 'yes I do', 'yes'],
    ['safe_message', 'no es seguro', 'no'],
    ['contact_method', 'mensaje de texto', 'text'],
    ['partner_status', 'residente permanente', 'permanent_resident'],
    ['partner_status', 'U.S. citizen', 'us_citizen'],
    ['hearing_when', 'no tengo fecha', 'no_date'],
    ['hearing_when', 'no fui', 'missed'],
  ] as const)('%s: "%s" -> %s', (question, text, value) => {
    expect(say(question, text)).toEqual(answered(value));
  });
});

describe('sentences people type', () => {
  test.each([
    ['proceedings', 'I have a court case', 'pending'],
    ['proceedings', "I don't have a court case", 'none'],
    ['proceedings', 'tengo un caso en corte', 'pending'],
    ['proceedings', 'no tengo caso en corte', 'none'],
    ['proceedings', 'my case was administratively closed', 'admin_closed'],
    ['detained', 'my husband is detained', 'yes'],
    ['detained', 'mi esposo está detenido', 'yes'],
    ['relationship', 'I have a girlfriend', 'partner'],
    ['relationship', 'we live together, not married', 'partner'],
    ['relationship', 'I am single', 'none'],
    ['partner_status', 'he is a US citizen', 'us_citizen'],
    ['partner_status', 'ella es residente', 'permanent_resident'],
    ['partner_status', 'he has no papers', 'no_status'],
    ['entry', 'I came with a tourist visa and stayed', 'inspected'],
    ['entry', 'I crossed the border', 'without_inspection'],
    ['entry', 'entré sin papeles', 'without_inspection'],
    ['entry', 'I came through CBP One', 'parole'],
    ['entry', "I didn't have a visa", 'without_inspection'],
    ['entry', 'no tenía visa', 'without_inspection'],
    ['status_now', 'my visa expired', 'expired'],
    ['status_now', 'tengo TPS', 'temporary'],
    ['status_now', 'I applied for asylum', 'pending_application'],
    ['status_now', 'my visa is still valid', 'valid'],
    ['fear', 'tengo miedo', 'yes'],
    ['arrests', 'I was arrested once', 'yes'],
    ['arrests', 'nunca me arrestaron', 'no'],
    ['children', 'two kids', 'yes'],
    ['children', 'tengo dos hijos', 'yes'],
    ['contact_method', 'call me please', 'phone'],
    ['travel_plans', 'maybe', 'not_sure'],
  ] as const)('%s: "%s" -> %s', (question, text, value) => {
    expect(say(question, text)).toEqual(answered(value));
  });

  // A one-word topic synonym would beat "no" on characters; these must stay "no".
  test.each([
    ['detained', 'no, nobody is detained'],
    ['detained', 'no, he is not detained'],
    ['detained', 'no, nadie está detenido'],
    ['travel_plans', "no, I won't travel"],
    ['travel_plans', "no, I'm not going to travel"],
    ['travel_plans', 'no, no quiero viajar'],
    ['safe_message', "no, it's not safe"],
    ['fear', "no, I'm not afraid"],
    ['arrests', 'no, I was never arrested'],
    ['consent', "no, I don't want to continue"],
    ['children', 'no, no kids'],
  ] as const)('%s: "%s" -> no', (question, text) => {
    expect(say(question, text)).toEqual(answered('no'));
  });
});

describe('what is not understood', () => {
  test.each([
    ['relationship', 'wife or none', 'two values tie'],
    ['proceedings', 'order ended', 'two values tie'],
    ['children', 'not sure', 'a question without not_sure: "sure" must not read as yes'],
    ['children', 'no sé', 'nor "no"'],
    ['children', 'prefiero no decir', 'a question without prefer_not'],
    ['partner_abuse', "don't know", 'a question without not_sure'],
    ['partner_status', 'not a citizen', 'a negation blocks the word inside it'],
    ['time_in_us', 'yes', 'yes has no meaning here'],
    ['consent', 'banana', 'nothing matches'],
    ['relationship', 'sí', 'relationship has no yes'],
  ] as const)('%s: "%s" (%s)', (question, text, _why) => {
    expect(say(question, text)).toEqual(noMatch);
  });

  test('different values as long in tokens are a tie, asked again, whatever their letters', () => {
    // "No" is also the consent button's label, which outranks a word of its length: confirmed, never taken.
    expect(say('consent', 'si no')).toEqual({ kind: 'tentative', value: 'no', how: 'phrase' });
    expect(say('consent', 'yes no')).toEqual({ kind: 'tentative', value: 'no', how: 'phrase' });
    expect(say('consent', 'yes nope')).toEqual({ kind: 'notUnderstood', reason: 'noMatch' });
    expect(say('arrests', 'no, not arrested')).not.toEqual(answered('yes'));
    expect(say('fear', 'no miedo')).not.toEqual(answered('yes'));
    expect(say('detained', 'yes no not sure')).toEqual({ kind: 'tentative', value: 'not_sure', how: 'phrase' });
  });
});
