/**
 * intake-spec.md §3, "Words each value must accept at least", copied as written (accents and all).
 * Kept apart from src/understand/lexicon.ts on purpose: the tests check the lexicon against the spec.
 * Spec v3: "closed" / "cerrado" and a lone "partner" / "pareja" left their rows (they are re-asked, or
 * open: see specReadings below).
 */
import type { QuestionId } from '../../dialogs/intake/answers';

export type Generic = 'yes' | 'no' | 'not_sure' | 'prefer_not';

/** Generic rows: apply to every question that has the value. */
export const genericSpec: Record<Generic, { en: string[]; es: string[] }> = {
  yes: { en: ['yes', 'y', 'yeah', 'yep', 'sure', 'yes I am', 'yes I do'], es: ['sí', 'si', 'claro', 'sí estoy', 'sí tengo'] },
  no: { en: ['no', 'n', 'nope', 'nah'], es: ['no', 'no tengo', 'nunca'] },
  not_sure: {
    en: ['not sure', "don't know", 'dont know', 'idk', 'unsure', "don't remember"],
    es: ['no sé', 'no se', 'no estoy seguro', 'no estoy segura', 'no lo sé', 'no me acuerdo', 'no recuerdo'],
  },
  prefer_not: {
    en: ['prefer not', 'prefer not to say', 'rather not say', "I'd rather not", "don't want to talk about it"],
    es: ['prefiero no decir', 'prefiero no decirlo', 'prefiero no contestar', 'prefiero no hablar de eso', 'no quiero hablar de eso'],
  },
};

/** Question rows: [question, value, English words, Spanish words]. */
export const questionSpec: Array<[QuestionId | 'review', string, string[], string[]]> = [
  ['language', 'en', ['english', 'inglés'], []],
  ['language', 'es', ['spanish', 'español', 'espanol'], []],
  ['location', 'in_us', ['in the US', 'US', 'USA', 'United States', 'here'], ['en Estados Unidos', 'en EE.UU.', 'aquí', 'aqui']],
  ['location', 'outside_us', ['outside', 'abroad', 'another country'], ['fuera', 'afuera', 'en otro país']],
  ['proceedings', 'none', ['no', 'none', 'never'], ['no', 'ninguno', 'nunca']],
  ['proceedings', 'pending', ['yes', 'open', 'pending', 'I have court'], ['sí', 'abierto', 'pendiente', 'tengo corte']],
  ['proceedings', 'nta_no_court', ['NTA with no date', 'no date on my NTA', 'notice to appear but no court date', "my case doesn't show up", 'the court has no case', 'notice to appear', 'NTA', 'I got an NTA'], ['NTA sin fecha', 'sin fecha en la NTA', 'no dice fecha', 'no tiene fecha', 'no sale mi caso', 'no aparece mi caso', 'la corte no tiene mi caso', 'Notificación de Comparecencia', 'me llegó un NTA']],
  ['proceedings', 'admin_closed', ['on hold', 'administratively closed', 'administrative closure'], ['en pausa', 'cierre administrativo', 'cerrado administrativamente']],
  ['proceedings', 'voluntary_departure', ['voluntary departure', 'time to leave', '60 days to leave'], ['salida voluntaria', 'me dieron tiempo para irme', 'tengo que salir antes de']],
  ['proceedings', 'removal_order', ['order', 'deportation order', 'removal order'], ['orden', 'orden de deportación']],
  ['proceedings', 'ended', ['ended', 'terminated', 'dismissed'], ['terminado', 'terminó', 'desestimado', 'lo desestimaron']],
  ['detained', 'yes', ['detained', 'ICE has him', 'ICE has her', 'ICE hold', 'detainer'], ['detenido', 'detenida', 'lo tiene ICE', 'la tiene ICE', 'orden de ICE', 'detainer']],
  ['hearing_when', 'within_30_days', ['this month', 'next week', 'soon', 'in 2 weeks'], ['este mes', 'la próxima semana', 'pronto', 'en 2 semanas']],
  ['hearing_when', 'later', ['later', 'in a few months'], ['más adelante', 'en unos meses']],
  ['hearing_when', 'no_date', ['no date'], ['sin fecha', 'no tengo fecha']],
  ['hearing_when', 'missed', ['I missed it', 'missed', 'missed it'], ['la perdí', 'no fui', 'falté']],
  ['relationship', 'married', ['married', 'spouse', 'husband', 'wife', 'legally married', 'married to my partner'], ['casado', 'casada', 'casados', 'casadas', 'cónyuge', 'esposo', 'esposa', 'me casé', 'nos casamos', 'casada con mi pareja']],
  ['relationship', 'partner', ['boyfriend', 'girlfriend', 'engaged', 'fiancé', 'fiancée', 'not married', 'civil union', 'domestic partner', 'partner not married'], ['novio', 'novia', 'comprometido', 'comprometida', 'prometido', 'prometida', 'no estamos casados', 'no estamos casadas', 'sin casarnos', 'no nos casamos', 'unión libre', 'unión de hecho', 'unión civil', 'pareja de hecho']],
  ['relationship', 'former_spouse', ['divorced', 'we divorced', 'widowed', 'widow', 'widower', 'ex-husband', 'ex husband', 'ex-wife', 'ex wife', 'ex-spouse', 'my husband died', 'my wife died', 'my spouse died', 'my husband passed away'], ['divorciado', 'divorciada', 'nos divorciamos', 'me divorcié', 'viudo', 'viuda', 'exesposo', 'exesposa', 'ex esposo', 'ex esposa', 'mi esposo murió', 'mi esposa murió', 'mi esposo falleció', 'mi esposa falleció', 'murió mi esposo', 'murió mi esposa']],
  ['relationship', 'none', ['no', 'none', 'single', 'no partner', 'nobody'], ['no', 'ninguno', 'ninguna', 'soltero', 'soltera', 'no tengo pareja', 'sin pareja', 'nadie']],
  ['married_check', 'yes', ['yes', 'we got married', 'legally married'], ['sí', 'nos casamos', 'por la ley']],
  ['married_check', 'no', ['no', 'not married', 'civil union'], ['no', 'no nos casamos', 'unión libre', 'unión civil']],
  ['partner_abuse', 'yes', ['hits me', 'hurt me', 'threatens to call ICE', 'threatens to out me', 'keeps my medicine or hormones'], ['me pega', 'me golpea', 'me amenaza con llamar a inmigración', 'amenaza con decir que soy gay', 'me quita mis medicinas u hormonas']],
  ['former_when', 'under_2', ['less than 2 years', 'last year'], ['menos de 2 años', 'el año pasado']],
  ['former_when', '2_plus', ['more than 2 years'], ['más de 2 años']],
  ['partner_status', 'us_citizen', ['citizen', 'US citizen', 'American'], ['ciudadano', 'ciudadana', 'ciudadanía', 'americano', 'americana']],
  ['partner_status', 'permanent_resident', ['green card', 'permanent resident', 'resident', 'LPR'], ['residente', 'residente permanente', 'tarjeta verde']],
  ['partner_status', 'other_status', ['other', 'a visa', 'other status', 'TPS', 'DACA'], ['otro', 'otra', 'otro estatus', 'una visa', 'TPS', 'DACA']],
  ['partner_status', 'no_status', ['no status', 'undocumented', 'no papers'], ['sin papeles', 'sin estatus', 'indocumentado', 'indocumentada']],
  ['entry', 'inspected', ['visa', 'with a visa', 'inspected', 'airport', 'tourist visa'], ['con visa', 'aeropuerto', 'con inspección']],
  ['location', 'in_us', ['just outside Houston'], ['afuera de Dallas']],
  ['location', 'outside_us', ['here in Lagos'], ['aquí en México']],
  ['entry', 'without_inspection', ['without inspection', 'crossed', 'no visa', 'without papers'], ['sin inspección', 'sin visa', 'crucé', 'cruce', 'sin papeles']],
  ['entry', 'caught_released', ['caught and released', 'Border Patrol let me go', 'turned myself in', 'released with papers'], ['me agarró la migra', 'me soltaron', 'me soltaron con papeles', 'me dejaron ir con papeles', 'me entregué', 'Patrulla Fronteriza']],
  ['entry', 'parole', ['parole', 'CBP One', 'humanitarian parole'], ['parole', 'permiso humanitario']],
  ['status_now', 'valid', ['valid', 'current', 'yes'], ['vigente', 'válido', 'sí']],
  ['status_now', 'temporary', ['TPS', 'DACA', 'work permit'], ['TPS', 'DACA', 'permiso de trabajo']],
  ['status_now', 'pending_application', ['pending', 'applied', 'waiting'], ['pendiente', 'solicitud', 'esperando']],
  ['status_now', 'expired', ['expired', 'overstayed', 'my parole expired', 'they took it away'], ['vencido', 'vencida', 'expiró', 'se me venció', 'se me venció el parole', 'me lo quitaron']],
  ['status_now', 'never', ['never', 'none'], ['nunca', 'ninguno']],
  ['time_in_us', 'under_1', ['less than a year', '6 months'], ['menos de un año', '6 meses']],
  ['time_in_us', '2_to_10', ['3 years'], ['tres años']],
  ['time_in_us', '10_plus', ['10 years'], ['10 años']],
  ['contact_method', 'phone', ['phone', 'call'], ['teléfono', 'llamada']],
  ['contact_method', 'text', ['text', 'SMS'], ['mensaje', 'texto']],
  ['contact_method', 'email', ['email', 'e-mail'], ['correo', 'correo electrónico']],
  ['review', 'confirm', ['confirm', 'submit', 'send', 'yes', 'looks good'], ['confirmar', 'enviar', 'sí', 'está bien']],
];

/**
 * The spec's readings without a value (v3): asked again (`X`), or left open for `married_check` (`OPEN`).
 */
export const specReadings: Array<[QuestionId, string, 'X' | 'OPEN']> = [
  ['proceedings', 'closed', 'X'],
  ['proceedings', 'my case was closed', 'X'],
  ['proceedings', 'cerrado', 'X'],
  ['proceedings', 'me cerraron el caso', 'X'],
  ['relationship', 'partner', 'OPEN'],
  ['relationship', 'my partner', 'OPEN'],
  ['relationship', 'I have a partner', 'OPEN'],
  ['relationship', 'pareja', 'OPEN'],
  ['relationship', 'mi pareja', 'OPEN'],
  ['relationship', 'tengo pareja', 'OPEN'],
  ['relationship', 'my ex', 'X'],
  ['relationship', 'mi ex', 'X'],
  ['entry', 'passport', 'X'],
  ['entry', 'pasaporte', 'X'],
  ['partner_status', 'a Mexican citizen', 'X'],
  ['partner_status', 'ciudadana de Honduras', 'X'],
  ['partner_status', 'temporary resident', 'X'],
  ['partner_status', 'residente temporal', 'X'],
];
