/**
 * The glossary of intake-spec §8 and the wording rules of §1, checked where a test can: the Spanish
 * renderings, no promises or advice, every finding with its "because", neutral reasons for sensitive
 * answers, the "never skip" sentence wherever a finding says to see an attorney before filing or
 * travelling, and every result ending with the referral and the standing notice.
 */
import path from 'node:path';
import { questions, type IntakeAnswers } from '../../dialogs/intake';
import { intakeAnswersSchema } from '../../dialogs/intake/answers';
import { wordingProblems, type LocaleString } from '../../src/content';
import { evaluate, findingCodes, type Assessment, type FindingCode } from '../../src/evaluator';
import { createTexts, type TextKey } from '../../src/i18n';
import { renderResult } from '../../src/render';
import { loadScenarios, SCENARIO_DIR } from '../support/scenarios';
import { exampleProfile, realCatalog } from '../support/contentTools';

const catalog = realCatalog();
const texts = createTexts();
const TODAY = new Date('2026-11-23T12:00:00Z');

/** Married to a permanent resident, in status, inspected, no court case, no red flag. */
const BASELINE: Record<string, string> = {
  language: 'en', consent: 'yes', location: 'in_us', under_21: 'no', detained: 'no', proceedings: 'none', ice_contact: 'no',
  travel_plans: 'no', uscis_interview: 'no', relationship: 'married', partner_status: 'permanent_resident', partner_abuse: 'no',
  children: 'no', entry: 'inspected', status_now: 'valid', time_in_us: '2_to_10', prior_removal: 'no', fear: 'no', arrests: 'no',
  crime_victim: 'no', contact_ok: 'no',
};

const planted = (lang: 'en' | 'es', visible: string, kind: LocaleString['kind'] = 'text'): LocaleString => ({
  lang,
  id: 'findings:PLANTED.body',
  kind,
  template: visible,
  visible,
  scored: visible,
});
const found = (s: LocaleString) => wordingProblems([s]).map((p) => p.found.toLowerCase());

describe('the Spanish glossary (§8)', () => {
  it('holds over every string of the locales, and every other wording rule too', () => {
    expect(wordingProblems(catalog)).toEqual([]);
  });

  it.each([
    ['the parole is not "libertad condicional"', 'Entró con libertad condicional hace un año.', 'libertad condicional'],
    ['removal is never "remoción"', 'Tiene un caso de remoción en la corte.', 'remoción'],
    ['a spouse of unknown gender is never "esposa"', 'Si su esposa tiene la ciudadanía, puede pedir.', 'esposa'],
    ['a spouse of unknown gender is never "esposo"', 'Si su esposo tiene la ciudadanía, puede pedir.', 'esposo'],
    ['a citizen of unknown gender is never "ciudadano" alone', 'Si su cónyuge es ciudadano, puede pedir.', 'ciudadano'],
    ['an attorney is never "abogado" alone', 'Hable con un abogado hoy.', 'abogado'],
    ['an attorney is never "abogada" alone', 'Esa persona no es abogada.', 'abogada'],
    ['a judge is never "juez" alone', 'El juez decide su caso.', 'juez'],
    ['a representative is never "acreditado" alone', 'Hable con un representante acreditado.', 'acreditado'],
    ['immigration court is not "tribunal"', 'Vaya al tribunal de inmigración.', 'tribunal de inmigración'],
    ['a Notice to Appear is not "aviso de comparecencia"', 'Recibió un aviso de comparecencia.', 'aviso de comparecencia'],
    ['no "tú" forms', 'Si tú quieres, puedes seguir.', 'tú'],
    ['no "ilegal" for an entry', 'Si tuvo una entrada ilegal, hable con alguien.', 'entrada ilegal'],
    ['parole carries its glossary rendering in a sentence', 'Entró con parole el año pasado.', 'parole'],
    ['green card follows "tarjeta verde"', 'Su cónyuge tiene la green card.', 'green card'],
    ['waiver is "perdón (exención)"', 'Hay un perdón (waiver) en algunos casos.', 'waiver'],
  ])('%s', (_name, text, word) => {
    expect(found(planted('es', text))).toContain(word);
  });

  it.each([
    'Hable con un abogado o abogada de inmigración.',
    'Solo pueden los abogados y abogadas.',
    'Esa persona no es abogado ni abogada.',
    'El juez o jueza decide. Deportación rápida, sin juez ni jueza.',
    'Quien se hizo ciudadana o ciudadano, o tiene la ciudadanía estadounidense.',
    'Vea si tiene licencia en el colegio de abogados de su estado (state bar).',
    'Entró con permiso de permanencia temporal (parole).',
    'Tiene la tarjeta verde (green card) o la residencia permanente legal (tarjeta verde, green card).',
    'Hay un perdón (exención, waiver). Vale con el programa sin visa (visa waiver).',
    'Hay un perdón provisional por presencia ilegal (provisional waiver, I-601A).',
  ])('accepts the glossary renderings: %s', (text) => {
    expect(found(planted('es', text))).toEqual([]);
  });

  it('lets a button label say "parole" alone (the question help explains it)', () => {
    expect(found(planted('es', 'Con parole', 'label'))).toEqual([]);
    expect(found(planted('es', 'Con parole', 'text'))).toEqual(['parole']);
  });

  it('mentions "expulsión" once beside "deportación" (§8: removal proceedings)', () => {
    const es = catalog.filter((s) => s.lang === 'es' && /proceso de deportación \(removal proceedings\), también llamado de expulsión/.test(s.template));
    expect(es.map((s) => s.id)).toEqual(['questions:proceedings.help']);
  });
});

describe('no promise and no advice (§1)', () => {
  it.each([
    ['en', 'Because you are married, you qualify for a green card.', 'you qualify'],
    ['en', 'Your application will be approved.', 'will be approved'],
    ['en', 'You should file Form I-130 now.', 'you should file'],
    ['en', 'Your marriage counts for immigration.', 'your marriage counts'],
    ['es', 'Usted califica para la tarjeta verde.', 'usted califica'],
    ['es', 'Le van a aprobar la solicitud.', 'le van a aprobar'],
    ['es', 'Usted debe presentar el formulario hoy.', 'usted debe presentar'],
  ] as const)('flags in %s: %s', (lang, text, phrase) => {
    expect(found(planted(lang, text))).toContain(phrase);
  });
});

describe('findings name their reasons (§1, §7)', () => {
  /** The "no because" findings of §4 (v3). */
  const WITHOUT_BECAUSE: readonly FindingCode[] = ['SAFETY_RESOURCES', 'SAFETY_RESOURCES_OUTSIDE', 'ASYLUM_INFO', 'ATTORNEY_REFERRAL', 'NOTARIO_WARNING'];

  it.each(['en', 'es'] as const)('every finding that answers trigger has a "because" line in %s', (lang) => {
    const t = texts.translator(lang);
    const start = lang === 'en' ? /^Because (you said|of) / : /^(Porque dijo|Por) /;
    for (const code of findingCodes) {
      const key = `findings:${code}.because` as TextKey;
      if (WITHOUT_BECAUSE.includes(code)) {
        expect({ code, because: t.has(key) }).toEqual({ code, because: false });
        continue;
      }
      expect({ code, because: t.has(key) && start.test(t.t(key)) }).toEqual({ code, because: true });
    }
  });

  it('names sensitive answers neutrally, so a result seen over a shoulder outs no one', () => {
    const sensitive = new Set(questions.filter((q) => q.sensitive).map((q) => q.id));
    const withSensitiveReason = new Set<FindingCode>();
    for (const a of intakes()) for (const f of evaluate(a, TODAY).findings) if (f.because.some((id) => sensitive.has(id))) withSensitiveReason.add(f.code);
    expect(withSensitiveReason.size).toBeGreaterThan(5);
    const words = { en: /abus|hurt|arrest|charge|convict|crim|deport|afraid|fear|victim|violence|cited/i, es: /abus|daño|maltrat|arrest|acus|conden|delit|crimen|deport|miedo|víctima|violencia|citaci/i };
    for (const lang of ['en', 'es'] as const) {
      const t = texts.translator(lang);
      for (const code of withSensitiveReason) {
        const line = t.t(`findings:${code}.because` as TextKey);
        expect({ code, lang, line, names: words[lang].test(line) }).toEqual({ code, lang, line, names: false });
      }
    }
  });

  it('says "never skip a hearing" wherever a finding says to see an attorney before filing or travelling', () => {
    const en = texts.translator('en');
    const es = texts.translator('es');
    const beforeFilingOrTravel = /before you (decide, )?(file|travel|leave)|before (filing|travel)|do not (file|travel|leave)|without checking|before an attorney reviews|filing anything/i;
    const saying = findingCodes.filter((code) => beforeFilingOrTravel.test(en.t(`findings:${code}.body` as TextKey)));
    expect(saying.length).toBeGreaterThan(8);
    for (const code of saying) {
      expect({ code, en: en.t(`findings:${code}.body` as TextKey).includes('Never skip a court hearing, an ICE check-in or a USCIS appointment, even before you reach an attorney.') }).toEqual({ code, en: true });
      expect({ code, es: es.t(`findings:${code}.body` as TextKey).includes('Nunca falte a una audiencia, ni a una cita con ICE o con USCIS, aunque aún no tenga abogado o abogada.') }).toEqual({ code, es: true });
    }
  });
});

describe('every result ends with the referral and the standing notice (§1, §6)', () => {
  const assessments: Assessment[] = [
    ...[SCENARIO_DIR, path.resolve(__dirname, '../scenarios')].flatMap((dir) => loadScenarios(dir)).map((s) => evaluate(answersOf(s.values), TODAY)),
    ...intakes().map((a) => evaluate(a, TODAY)),
    // Family paths that need many answers to line up, rarely drawn at random.
    ...(
      [
        {},
        { status_now: 'expired' },
        { location: 'outside_us', partner_status: 'us_citizen' },
        { relationship: 'former_spouse', partner_status: 'us_citizen', partner_abuse: 'no', former_when: 'under_2' },
      ] as Record<string, string>[]
    ).map((overrides) => evaluate(flowAnswers({ ...BASELINE, ...overrides }), TODAY)),
  ];

  it.each(['en', 'es'] as const)('in %s, for the shared scenarios and many generated intakes', (lang) => {
    const t = texts.translator(lang);
    const fired = new Set<string>();
    for (const assessment of assessments) {
      assessment.findings.forEach((f) => fired.add(f.code));
      const replies = renderResult(t, exampleProfile, assessment, 'PU-7KQ2M-X9D4F').map((r) => r.text);
      const all = replies.join('\n\n');
      expect(all).toContain(t.t('referral:firm'));
      expect(all).toContain(t.t('referral:heading'));
      expect(replies[replies.length - 1]!.startsWith(t.t('common:result.standingNotice'))).toBe(true);
      if (assessment.urgent) expect(all).toContain(exampleProfile.urgentPhone);
    }
    // The intakes reach every finding, so every finding's result was checked.
    expect([...fired].sort()).toEqual([...findingCodes].sort());
  });

  it('shows the same notice at the end of the result and in the referral text', () => {
    for (const lang of ['en', 'es'] as const) {
      const t = texts.translator(lang);
      expect(t.t('common:result.standingNotice')).toBe(t.t('referral:notice'));
    }
  });
});

/** The answers the flow keeps: only questions whose condition holds, in order. */
function flowAnswers(wanted: Record<string, string>): IntakeAnswers {
  const a: Record<string, string> = {};
  for (const q of questions) if (q.when(a as IntakeAnswers) && wanted[q.id] !== undefined) a[q.id] = wanted[q.id]!;
  return intakeAnswersSchema.parse(a);
}

/** A scenario's answer codes, without the review step's "confirm" (not an answer to a question). */
function answersOf(values: Record<string, string>): IntakeAnswers {
  const { review: _review, ...answers } = values;
  return intakeAnswersSchema.parse(answers);
}

/** Intakes the flow can produce: every question asked when its condition holds, answers drawn by a fixed seed. */
function intakes(count = 600): IntakeAnswers[] {
  let seed = 7;
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const out: IntakeAnswers[] = [];
  for (let i = 0; i < count; i++) {
    const a: Record<string, string> = {};
    for (const q of questions) {
      if (!q.when(a as IntakeAnswers)) continue;
      if (q.kind === 'text') a[q.id] = q.id === 'contact_name' ? 'Sam' : 'sam@example.org';
      else if (q.values.length) a[q.id] = q.values[Math.floor(next() * q.values.length)]!;
    }
    if (a.consent === 'no') continue;
    out.push(intakeAnswersSchema.parse(a));
  }
  return out;
}
