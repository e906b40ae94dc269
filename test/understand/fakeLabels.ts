/** A LabelSource like the locales' (written for the tests), so typed labels can be checked in both languages. */
import type { QuestionId } from '../../dialogs/intake/answers';
import type { LabelSource, UnderstandContext } from '../../src/understand';

type Pair = [en: string, es: string];

const generic: Record<string, Pair> = {
  yes: ['Yes', 'Sí'],
  no: ['No', 'No'],
  not_sure: ['Not sure', 'No estoy seguro'],
  prefer_not: ['Prefer not to say', 'Prefiero no decir'],
};

export const optionLabels: Partial<Record<QuestionId, Record<string, Pair>>> = {
  language: { en: ['English', 'Inglés'], es: ['Español', 'Spanish'] },
  consent: { yes: ['Yes, continue', 'Sí, continuar'], no: ['No, thanks', 'No, gracias'] },
  location: { in_us: ['Yes, in the U.S.', 'Sí, en Estados Unidos'], outside_us: ['No, outside the U.S.', 'No, fuera de Estados Unidos'] },
  proceedings: {
    none: ['No court case', 'No tengo caso en corte'],
    pending: ['Yes, an open case', 'Sí, un caso abierto'],
    admin_closed: ['Administratively closed', 'Cierre administrativo'],
    removal_order: ['A deportation order', 'Una orden de deportación'],
    ended: ['Ended or dismissed', 'Terminado o desestimado'],
  },
  hearing_when: {
    within_30_days: ['In the next 30 days', 'En los próximos 30 días'],
    later: ['Later than that', 'Más adelante'],
    no_date: ['No date yet', 'Todavía sin fecha'],
    missed: ['I missed a hearing', 'Falté a una audiencia'],
  },
  relationship: {
    married: ['Married', 'Casado o casada'],
    partner: ['Partner, not married', 'Pareja, sin casarse'],
    none: ['Neither', 'Ninguna de las dos'],
  },
  partner_status: {
    us_citizen: ['U.S. citizen', 'Ciudadanía estadounidense'],
    permanent_resident: ['Green card', 'Residente permanente'],
    other_status: ['Another status', 'Otro estatus'],
    no_status: ['No status', 'Sin estatus'],
  },
  entry: {
    inspected: ['With inspection (visa, border check)', 'Con inspección (visa, control en la frontera)'],
    without_inspection: ['Without inspection', 'Sin inspección'],
    parole: ['With parole', 'Con permiso de permanencia temporal (parole)'],
  },
  status_now: {
    valid: ['A visa or status that has not ended', 'Una visa o estatus que no ha terminado'],
    temporary: ['TPS, DACA, parole or a work permit', 'TPS, DACA, parole o permiso de trabajo'],
    pending_application: ['An application is pending', 'Una solicitud pendiente'],
    expired: ['It expired', 'Se venció'],
    never: ['Never had status', 'Nunca tuve estatus'],
  },
  time_in_us: {
    under_1: ['Less than 1 year', 'Menos de 1 año'],
    '1_to_2': ['1 to 2 years', 'De 1 a 2 años'],
    '2_to_10': ['2 to 10 years', 'De 2 a 10 años'],
    '10_plus': ['10 years or more', '10 años o más'],
  },
  contact_method: { phone: ['Phone call', 'Llamada'], text: ['Text message', 'Mensaje de texto'], email: ['Email', 'Correo electrónico'] },
};

export const reviewLabels: Partial<Record<QuestionId, Pair>> = {
  language: ['Language', 'Idioma'],
  consent: ['Consent', 'Permiso'],
  location: ['Where you are', 'Dónde está'],
  relationship: ['Relationship', 'Relación'],
  partner_status: ["Partner's status", 'Estatus de su pareja'],
  partner_abuse: ['Your safety', 'Su seguridad'],
  children: ['Children', 'Hijos'],
  // Sensitive questions share a neutral label on purpose (intake-spec §1): typing it is ambiguous.
  arrests: ['About your history', 'Sobre su historia'],
  prior_removal: ['About your history', 'Sobre su historia'],
  time_in_us: ['Time in the U.S.', 'Tiempo en Estados Unidos'],
  contact_name: ['Your name', 'Su nombre'],
};

export const fakeLabels: LabelSource = {
  option(question, value, lang) {
    const pair = optionLabels[question]?.[value] ?? generic[value];
    return pair?.[lang === 'en' ? 0 : 1];
  },
  reviewLabel(question, lang) {
    return reviewLabels[question]?.[lang === 'en' ? 0 : 1];
  },
};

export const TODAY = new Date('2026-11-23T12:00:00Z');

export function ctx(expecting: UnderstandContext['expecting'], extra: Partial<UnderstandContext> = {}): UnderstandContext {
  return { expecting, answers: {}, today: TODAY, reviewItems: [], labels: fakeLabels, ...extra };
}
