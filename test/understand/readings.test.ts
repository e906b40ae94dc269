/**
 * The readings of intake-spec v3 §3 that decide safety and are contracts: the "pareja" / "partner"
 * rule, divorce and death words, negation scope, named places, citizens of other countries, the
 * Notice to Appear, and the values that win over others. Option labels come from the real locales.
 */
import { readsDates, understand, type Expecting, type Understanding } from '../../src/understand';
import { createTexts, type TextKey } from '../../src/i18n';
import { clausesOf } from '../../src/understand/negation';
import { tokenize } from '../../src/understand/normalize';
import { bucketFormerWhen } from '../../src/understand/formerWhen';
import { namesADay } from '../../src/understand/readings';

const texts = createTexts();
const label = (q: string, v: string, l: 'en' | 'es') => {
  const key = `questions:${q}.options.${v}` as TextKey;
  return texts.translator(l).has(key) ? texts.translator(l).t(key) : undefined;
};
const labels = { option: label, reviewLabel: () => undefined };
const TODAY = new Date(2026, 11, 5, 12);

const say = (expecting: Expecting, text: string, button?: string): Understanding =>
  understand({ text, button }, { expecting, answers: {}, today: TODAY, reviewItems: [], labels });
/** An answer of this value, however it was reached (`how` is checked in confidence.test.ts). */
const answered = (value: string) => expect.objectContaining({ kind: 'answer', value });
const open = { kind: 'open', followUp: 'married_check' };
const reask = { kind: 'notUnderstood', reason: 'noMatch' };

describe('relationship: "pareja" / "partner" never means partner on its own', () => {
  test.each([
    'pareja', 'Pareja', 'mi pareja', 'tengo pareja', 'Tengo una pareja', 'partner', 'my partner', 'I have a partner',
    'my partner, we live together', 'vivimos juntas, es mi pareja', 'mi pareja desde 2020', 'my partner since 2020',
    'sí, tengo pareja', 'yes, my partner', "we're partners", 'no, pero tengo pareja', 'soltera, con pareja',
  ])('"%s" is open: married_check is asked', (text) => {
    expect(say('relationship', text)).toEqual(open);
  });

  test.each([
    ['casada con mi pareja', 'married'],
    ['married to my partner', 'married'],
    ['me casé con mi pareja en 2019', 'married'],
    ['my partner and I got married in Canada', 'married'],
    ['mi pareja es mi esposa', 'married'],
    ['mi pareja y yo no estamos casados', 'partner'],
    ["my partner and I aren't married", 'partner'],
    ['pareja de hecho', 'partner'],
    ['unión libre con mi pareja', 'partner'],
    ['my partner, not married', 'partner'],
    ['my partner is my boyfriend', 'partner'],
    ['no estoy casada, pero tengo pareja', 'partner'],
    ['no tengo pareja', 'none'],
    ['I have no partner', 'none'],
  ])('"%s" -> %s (a word of marriage, partnership or none decides)', (text, value) => {
    expect(say('relationship', text)).toEqual(answered(value));
  });

  test('a button press or a typed option label is never open', () => {
    for (const value of ['married', 'partner', 'former_spouse', 'none']) {
      expect(say('relationship', '', value)).toEqual(answered(value));
      for (const lang of ['en', 'es'] as const) {
        const text = label('relationship', value, lang);
        expect(text).toBeDefined();
        expect(say('relationship', text!)).toEqual(answered(value));
      }
    }
  });
});

describe('relationship: divorce and death words decide former_spouse', () => {
  test.each([
    'mi ex esposo', 'my ex-wife', 'my ex husband', 'exesposa', 'murió mi esposa', 'mi esposo murió', 'mi esposa falleció',
    'my husband passed away', 'my wife died', 'I divorced my husband', 'me divorcié de mi esposa', 'soy viuda', "I'm a widower",
    'I was married but we divorced', 'estuve casada, nos divorciamos',
  ])('"%s" -> former_spouse', (text) => {
    expect(say('relationship', text)).toEqual(answered('former_spouse'));
  });

  test.each([
    ['estoy casada con mi esposa; me divorcié de mi esposo', 'a current marriage beside a divorce'],
    ["I'm married now, I divorced my first husband", 'a current marriage beside a divorce'],
    ['mi pareja murió', 'a death beside only pareja'],
    ['my partner passed away', 'a death beside only partner'],
    ['my ex', 'a bare ex can be a former partner'],
    ['mi ex', 'a bare ex can be a former partner'],
    ['mi ex pareja', 'an ex-partner'],
  ])('"%s" is asked again (%s)', (text) => {
    expect(say('relationship', text)).toEqual(reask);
  });
});

describe('negation scope', () => {
  test.each([
    ['partner_abuse', 'no me deja ver a mi familia'],
    ['partner_abuse', 'nunca me ha pegado'],
    ['partner_abuse', "he doesn't hit me"],
    ['fear', 'no puedo volver'],
    ['fear', "no I can't go back"],
    ['proceedings', 'no fui a la corte'],
    ['detained', 'no lo dejan salir'],
    ['arrests', 'no sé si cuenta una multa'],
    ['crime_victim', 'no fui a la policía'],
    ['prior_removal', 'no me dejaron entrar'],
    ['partner_status', 'she is not a citizen'],
    ['partner_status', "he's not a U.S. citizen"],
    ['partner_status', "he doesn't have a green card"],
  ] as const)('%s: "%s" negates something else: asked again, never no/none/yes', (question, text) => {
    expect(say(question, text)).toEqual(reask);
  });

  test.each([
    ['proceedings', 'no tengo caso', 'none'],
    ['proceedings', 'No, no tengo ningún caso en la corte.', 'none'],
    ['prior_removal', 'nunca me han deportado', 'no'],
    ['fear', 'no tengo miedo de regresar', 'no'],
    ['fear', 'No, no tengo miedo de volver', 'no'],
    ['travel_plans', 'no pienso viajar', 'no'],
    ['detained', 'no estoy detenida', 'no'],
    ['partner_abuse', 'no, he never hit me', 'no'],
    ['arrests', 'no, nunca', 'no'],
    ['crime_victim', 'No. Nothing.', 'no'],
    ['fear', 'no puedo volver, me matarían', 'yes'],
    ['partner_abuse', 'no me pega pero me amenaza con llamar a inmigración', 'yes'],
    ['proceedings', 'me dieron deportación porque no fui a la corte', 'removal_order'],
    ['location', "I'm not in Mexico, I'm in Texas", 'in_us'],
    ['entry', 'I crossed and nobody caught me', 'without_inspection'],
  ] as const)('%s: "%s" -> %s', (question, text, value) => {
    expect(say(question, text)).toEqual(answered(value));
  });

  test('a clause ends at punctuation and at "but" / "pero"; "U.S." stays one word', () => {
    const text = "No. he's not a U.S. citizen, pero tiene green card";
    expect(clausesOf(text, tokenize(text))).toEqual([0, 1, 1, 1, 1, 1, 2, 2, 2, 2]);
    expect(clausesOf('no creo pero sí', tokenize('no creo pero sí'))).toEqual([0, 0, 1, 1]);
  });
});

describe('readings that decide safety', () => {
  test.each([
    ['entry', 'con inspección, pero me agarró la Patrulla Fronteriza', 'caught_released'],
    ['entry', 'inspected, then Border Patrol let me go', 'caught_released'],
    ['entry', 'crucé y me soltaron con papeles', 'caught_released'],
    ['entry', 'with my passport and a visa', 'inspected'],
    ['proceedings', 'I have a voluntary departure order', 'voluntary_departure'],
    ['proceedings', 'orden de salida voluntaria', 'voluntary_departure'],
    ['proceedings', 'I got an NTA', 'nta_no_court'],
    ['proceedings', 'me llegó un NTA', 'nta_no_court'],
    ['proceedings', 'NTA for March 3', 'pending'],
    ['proceedings', 'me llegó un NTA para el 3 de marzo', 'pending'],
    ['proceedings', 'I got an NTA, court is on 1/15/2027', 'pending'],
    ['proceedings', 'NTA sin fecha', 'nta_no_court'],
    ['proceedings', 'my case was administratively closed', 'admin_closed'],
    ['proceedings', 'my case was closed, it is on hold', 'admin_closed'],
    ['proceedings', 'my case was closed and dismissed', 'ended'],
    ['entry', 'with a visa, Border Patrol never caught me', 'inspected'],
    ['status_now', 'my green card expired', 'expired'],
    ['status_now', 'yes, DACA', 'temporary'],
    ['status_now', 'sí, tengo TPS vigente', 'temporary'],
    ['status_now', 'my parole expired', 'expired'],
    ['status_now', 'my DACA expired', 'expired'],
    ['location', 'aquí en México', 'outside_us'],
    ['location', 'here in Lagos', 'outside_us'],
    ['location', 'just outside Houston', 'in_us'],
    ['location', 'afuera de Dallas', 'in_us'],
    ['location', 'I live here', 'in_us'],
    ['location', 'fuera del país', 'outside_us'],
    ['partner_status', 'he is a US citizen born in Mexico', 'us_citizen'],
    ['partner_status', 'es ciudadana americana, nació en Honduras', 'us_citizen'],
  ] as const)('%s: "%s" -> %s', (question, text, value) => {
    expect(say(question, text)).toEqual(answered(value));
  });

  test.each([
    ['entry', 'passport'],
    ['entry', 'con mi pasaporte'],
    ['proceedings', 'closed'],
    ['proceedings', 'Mi caso está cerrado'],
    ['proceedings', 'they closed my case'],
    ['partner_status', 'a Mexican citizen'],
    ['partner_status', 'ciudadano mexicano'],
    ['partner_status', 'ciudadana de Honduras'],
    ['partner_status', 'temporary resident'],
    ['partner_status', 'es residente temporal'],
    ['location', 'here in Springfieldia'],
    ['location', 'aquí en Villa Nueva Esperanza'],
    ['married_check', 'nos casamos solo por la iglesia'],
  ] as const)('%s: "%s" is asked again', (question, text) => {
    expect(say(question, text)).toEqual(reask);
  });

  test('a day is named by a month, a weekday, a numeric date, or "may"/"mar" beside a number', () => {
    const names = (text: string) => namesADay(tokenize(text), text);
    expect(names('NTA for March 3')).toBe(true);
    expect(names('el 3 de mar')).toBe(true);
    expect(names('court on 12/01')).toBe(true);
    expect(names('I may have an NTA')).toBe(false);
    expect(names('me llegó un NTA')).toBe(false);
  });
});

describe('former_when: the 2-year line, against ctx.today only', () => {
  test('bucketing', () => {
    expect(bucketFormerWhen(0)).toBe('under_2');
    expect(bucketFormerWhen(1.99)).toBe('under_2');
    expect(bucketFormerWhen(2)).toBe('2_plus');
    expect(bucketFormerWhen(-1)).toBeUndefined();
  });

  test('the server prepares the date models for former_when too', () => {
    expect(readsDates('former_when')).toBe(true);
  });

  const at = (text: string, today: Date) => understand({ text }, { expecting: 'former_when', answers: {}, today, reviewItems: [], labels });
  test('a year alone counts from its end, a month and year from the end of that month', () => {
    expect(at('2024', new Date(2026, 11, 5, 12))).toEqual(answered('under_2'));
    expect(at('2024', new Date(2027, 0, 1, 12))).toEqual(answered('2_plus'));
    expect(at('in March 2025', new Date(2027, 2, 30, 12))).toEqual(answered('under_2'));
    expect(at('in March 2025', new Date(2027, 3, 1, 12))).toEqual(answered('2_plus'));
    expect(at('2027', new Date(2026, 11, 5, 12))).toEqual(reask);
  });
});
