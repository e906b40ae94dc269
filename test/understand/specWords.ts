/**
 * intake-spec.md §3, "Words each value must accept at least", copied as written (accents and all).
 * Kept apart from src/understand/lexicon.ts on purpose: the tests check the lexicon against the spec.
 */
import type { QuestionId } from '../../dialogs/intake/answers';

export type Generic = 'yes' | 'no' | 'not_sure' | 'prefer_not';

/** Generic rows: apply to every question that has the value. */
export const genericSpec: Record<Generic, { en: string[]; es: string[] }> = {
  yes: { en: ['yes', 'y', 'yeah', 'yep', 'sure', 'yes I am', 'yes I do'], es: ['sí', 'si', 'claro', 'sí estoy', 'sí tengo'] },
  no: { en: ['no', 'n', 'nope', 'nah'], es: ['no', 'no tengo', 'nunca'] },
  not_sure: { en: ['not sure', "don't know", 'dont know', 'idk', 'unsure'], es: ['no sé', 'no se', 'no estoy seguro', 'no estoy segura', 'no lo sé'] },
  prefer_not: { en: ['prefer not', 'prefer not to say', 'rather not say'], es: ['prefiero no decir', 'prefiero no contestar'] },
};

/** Question rows: [question, value, English words, Spanish words]. */
export const questionSpec: Array<[QuestionId | 'review', string, string[], string[]]> = [
  ['language', 'en', ['english', 'inglés'], []],
  ['language', 'es', ['spanish', 'español', 'espanol'], []],
  ['location', 'in_us', ['in the US', 'US', 'USA', 'United States', 'here'], ['en Estados Unidos', 'en EE.UU.', 'aquí', 'aqui']],
  ['location', 'outside_us', ['outside', 'abroad', 'another country'], ['fuera', 'afuera', 'en otro país']],
  ['proceedings', 'none', ['no', 'none', 'never'], ['no', 'ninguno', 'nunca']],
  ['proceedings', 'pending', ['yes', 'open', 'pending', 'I have court'], ['sí', 'abierto', 'pendiente', 'tengo corte']],
  ['proceedings', 'admin_closed', ['closed', 'administratively closed'], ['cerrado', 'cierre administrativo']],
  ['proceedings', 'removal_order', ['order', 'deportation order', 'removal order'], ['orden', 'orden de deportación']],
  ['proceedings', 'ended', ['ended', 'terminated', 'dismissed'], ['terminado', 'terminó', 'desestimado']],
  ['hearing_when', 'within_30_days', ['this month', 'next week', 'soon', 'in 2 weeks'], ['este mes', 'la próxima semana', 'pronto', 'en 2 semanas']],
  ['hearing_when', 'later', ['later', 'in a few months'], ['más adelante', 'en unos meses']],
  ['hearing_when', 'no_date', ['no date'], ['sin fecha', 'no tengo fecha']],
  ['hearing_when', 'missed', ['I missed it', 'missed', 'missed it'], ['la perdí', 'no fui', 'falté']],
  ['relationship', 'married', ['married', 'spouse', 'husband', 'wife'], ['casado', 'casada', 'cónyuge', 'esposo', 'esposa']],
  ['relationship', 'partner', ['partner', 'boyfriend', 'girlfriend', 'engaged', 'fiancé', 'fiancée'], ['pareja', 'novio', 'novia', 'comprometido', 'comprometida']],
  ['relationship', 'none', ['no', 'none', 'single'], ['no', 'ninguno', 'ninguna', 'soltero', 'soltera']],
  ['partner_status', 'us_citizen', ['citizen', 'US citizen', 'American'], ['ciudadano', 'ciudadana', 'ciudadanía', 'americano', 'americana']],
  ['partner_status', 'permanent_resident', ['green card', 'permanent resident', 'resident', 'LPR'], ['residente', 'residente permanente', 'tarjeta verde']],
  ['partner_status', 'other_status', ['other', 'a visa', 'other status'], ['otro', 'otra', 'otro estatus', 'una visa']],
  ['partner_status', 'no_status', ['no status', 'undocumented', 'no papers'], ['sin papeles', 'sin estatus', 'indocumentado', 'indocumentada']],
  ['entry', 'inspected', ['visa', 'with a visa', 'inspected', 'airport', 'tourist visa'], ['con visa', 'aeropuerto', 'con inspección']],
  ['entry', 'without_inspection', ['without inspection', 'crossed', 'no visa', 'without papers'], ['sin inspección', 'sin visa', 'crucé', 'cruce', 'sin papeles']],
  ['entry', 'parole', ['parole', 'CBP One', 'humanitarian parole'], ['parole', 'permiso humanitario']],
  ['status_now', 'valid', ['valid', 'current', 'yes'], ['vigente', 'válido', 'sí']],
  ['status_now', 'temporary', ['TPS', 'DACA', 'work permit'], ['TPS', 'DACA', 'permiso de trabajo']],
  ['status_now', 'pending_application', ['pending', 'applied', 'waiting'], ['pendiente', 'solicitud', 'esperando']],
  ['status_now', 'expired', ['expired', 'overstayed'], ['vencido', 'vencida', 'expiró']],
  ['status_now', 'never', ['never', 'none'], ['nunca', 'ninguno']],
  ['time_in_us', 'under_1', ['less than a year', '6 months'], ['menos de un año', '6 meses']],
  ['time_in_us', '2_to_10', ['3 years'], ['tres años']],
  ['time_in_us', '10_plus', ['10 years'], ['10 años']],
  ['contact_method', 'phone', ['phone', 'call'], ['teléfono', 'llamada']],
  ['contact_method', 'text', ['text', 'SMS'], ['mensaje', 'texto']],
  ['contact_method', 'email', ['email', 'e-mail'], ['correo', 'correo electrónico']],
  ['review', 'confirm', ['confirm', 'submit', 'send', 'yes', 'looks good'], ['confirmar', 'enviar', 'sí', 'está bien']],
];
