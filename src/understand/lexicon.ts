/**
 * The words Puente understands, as data. Every list is matched in both languages whatever the
 * conversation's language; entries are written naturally (accents, apostrophes) and normalized when
 * the matchers are built (normalize.ts), so "sí", "si" and "SÍ!" are one entry.
 *
 * Sources: intake-spec.md §2 (commands) and §3 (the table of words each value must accept), plus
 * extra phrases people really type. Negated or more specific phrases are listed wherever a shorter
 * word inside them means something else ("not married" vs "married", "no visa" vs "visa"): the
 * longest matching phrase wins (phraseMatcher.ts).
 *
 * Spec v3 also keeps as data here the words its safety readings turn on (readings.ts, relationship.ts,
 * negation.ts): places, nationalities, the "pareja" / "partner" and death cues, Notice to Appear and
 * date words, negation and clause words, and which value wins where two stand side by side.
 */
import type { AnswerValue, QuestionId } from '../../dialogs/intake/answers';
import type { CommandName, Expecting, Lang } from './types';

export interface Words {
  readonly en: readonly string[];
  readonly es: readonly string[];
}

/** Commands are recognized only when the whole normalized message is one of these (intake-spec §2). */
export const commandWords: Record<Exclude<CommandName, 'language'>, Words> = {
  help: { en: ['help', 'help me', 'help please'], es: ['ayuda', 'ayúdame', 'ayuda por favor'] },
  back: { en: ['back', 'go back', 'previous question'], es: ['atrás', 'volver', 'regresar', 'pregunta anterior'] },
  restart: {
    en: ['restart', 'start over', 'start again'],
    es: ['empezar de nuevo', 'reiniciar', 'volver a empezar', 'comenzar de nuevo', 'empezar otra vez'],
  },
  exit: { en: ['exit', 'quit', 'stop', 'quick exit'], es: ['salir', 'salida rápida'] },
  delete: {
    en: ['delete', 'delete my data', 'delete everything', 'delete my answers'],
    es: ['borrar', 'borrar mis datos', 'borrar todo', 'borrar mis respuestas', 'eliminar mis datos'],
  },
};

/**
 * Language names: the `language` command everywhere, and the answer at the `language` question
 * (where they are not a command).
 */
export const languageWords: Record<Lang, Words> = {
  en: { en: ['english', 'in english', 'english please', 'in english please'], es: ['inglés', 'en inglés', 'inglés por favor'] },
  es: { en: ['spanish', 'in spanish', 'spanish please'], es: ['español', 'en español', 'castellano', 'español por favor', 'en español por favor'] },
};

export type GenericValue = 'yes' | 'no' | 'not_sure' | 'prefer_not';
export const genericValues: readonly GenericValue[] = ['yes', 'no', 'not_sure', 'prefer_not'];

/**
 * Words for yes / no / not sure / prefer not, used by every question that has that value. At a question
 * without it they still match, as a blocker (or through `genericAliases`), so "not sure" never reads as
 * "sure" = yes and "prefiero no decir" never reads as "no".
 */
export const genericWords: Record<GenericValue, Words> = {
  yes: {
    en: [
      'yes', 'y', 'yeah', 'yep', 'yup', 'sure', 'yes I am', 'yes I do', 'yes I have', 'yes I was',
      'yes we are', 'yes we do', 'yes it is', 'yes they are', 'yes please', 'of course', 'correct',
      "that's right", 'true', 'affirmative',
    ],
    es: [
      'sí', 'claro', 'sí estoy', 'sí tengo', 'sí soy', 'sí es', 'sí he', 'sí hay', 'sí fui', 'sí tiene',
      'sí estamos', 'por supuesto', 'claro que sí', 'correcto', 'afirmativo', 'sip', 'así es', 'eso es',
    ],
  },
  no: {
    en: [
      'no', 'n', 'nope', 'nah', 'never', 'no never', 'not really', 'not at all', 'no way', 'no thanks',
      'no thank you', 'no I am not', "no I'm not", "no I don't", 'no I do not', 'no I have not',
      "no I haven't", "no I wasn't", 'I am not', "I'm not", "I don't", 'I do not', 'I have not',
      "I haven't", "I wasn't", 'I was not', 'not yet', 'no not yet', "they haven't", 'they have not', "he hasn't", "she hasn't", 'no one has', 'nobody has',
    ],
    es: [
      'no', 'no tengo', 'nunca', 'no nunca', 'no estoy', 'no soy', 'no he', 'no hay', 'no fui', 'no es',
      'no gracias', 'para nada', 'claro que no', 'negativo', 'no lo tengo', 'tampoco', 'todavía no', 'aún no', 'no todavía', 'no aún', 'mejor no',
    ],
  },
  not_sure: {
    en: [
      'not sure', "don't know", 'dont know', 'idk', 'unsure', "I don't know", 'I do not know', 'not that I know', 'not that I know of',
      'do not know', "I'm not sure", 'I am not sure', 'not certain', 'no idea', 'I have no idea', "I do not remember",
      'dunno', 'maybe', 'perhaps', "I don't remember", "don't remember", "can't remember",
      "I can't remember", 'not sure yet', 'who knows', "I'm unsure",
    ],
    es: [
      'no sé', 'no se', 'no estoy seguro', 'no estoy segura', 'no lo sé', 'ni idea', 'no tengo idea', 'no que yo sepa',
      'no sabemos', 'no lo sabemos', 'no sabe', 'tal vez', 'quizás', 'quizá', 'a lo mejor', 'no recuerdo',
      'no me acuerdo', 'no lo recuerdo', 'desconozco', 'no sé bien', 'no estoy seguro todavía', 'todavía no sé', 'aún no sé', 'todavía no lo sé',
    ],
  },
  prefer_not: {
    en: [
      'prefer not', 'prefer not to say', 'rather not say', "I'd rather not say", 'rather not',
      'I prefer not to say', 'I prefer not to answer', 'prefer not to answer', "I don't want to say",
      "don't want to say", "don't want to answer", "I don't want to answer", 'no comment', "I'd rather not",
      "don't want to talk about it", "I don't want to talk about it", "I'd rather not talk about it", 'rather not talk about it',
    ],
    es: [
      'prefiero no decir', 'prefiero no contestar', 'prefiero no responder', 'prefiero no decirlo',
      'prefiero no', 'no quiero decir', 'no quiero decirlo', 'no quiero contestar', 'no quiero responder',
      'sin comentarios', 'prefiero no hablar de eso', 'no quiero hablar de eso', 'prefiero no hablar', 'no quiero hablar',
      'no quiero hablar de esto', 'prefiero no hablar de esto',
    ],
  },
};

/** Questions without a generic value that still take its words (a question's own table entries). */
export const genericAliases: Partial<Record<Expecting, Partial<Record<GenericValue, string>>>> = {
  location: { yes: 'in_us', no: 'outside_us' },
  proceedings: { yes: 'pending', no: 'none' },
  relationship: { no: 'none' },
  // The question asks "less than 2 years ago?" (intake-spec §3, 12a).
  former_when: { yes: 'under_2', no: '2_plus' },
  status_now: { yes: 'valid' },
  review: { yes: 'confirm' },
};

type QuestionWords = { [Q in QuestionId]?: Partial<Record<AnswerValue<Q>, Words>> };

/** Words per question and value (intake-spec §3 table, plus what people really type). */
export const questionWords: QuestionWords = {
  language: {
    en: { en: ['english', 'in english', 'eng', 'en'], es: ['inglés', 'en inglés'] },
    es: { en: ['spanish', 'in spanish'], es: ['español', 'en español', 'castellano', 'es', 'esp'] },
  },
  consent: {
    // "no problem" holds a "no" that negates nothing asked (negation.ts keeps phrases with their own "no").
    yes: {
      en: ['ok', 'okay', 'agree', 'I agree', 'I accept', 'accept', 'continue', 'go ahead', 'no problem', 'not a problem', 'no worries', 'I want to continue', 'want to continue', 'yes I want to continue'],
      es: ['acepto', 'de acuerdo', 'está bien', 'vale', 'continuar', 'sí acepto', 'adelante', 'no hay problema', 'sin problema', 'quiero continuar', 'quiero seguir', 'sí quiero', 'sí quiero continuar', 'quiero empezar'],
    },
    no: {
      en: ["I don't agree", 'I do not agree', 'disagree', "I don't accept", "don't continue", 'do not continue', "I don't want to continue", "I don't want to", 'no I do not want to'],
      es: ['no acepto', 'no estoy de acuerdo', 'no continuar', 'no quiero continuar', 'no quiero seguir', 'no quiero'],
    },
  },
  location: {
    in_us: {
      en: [
        'in the US', 'US', 'USA', 'United States', 'in the United States', 'the United States',
        'in the USA', 'in America', 'in the states', 'the states', 'stateside', 'yes in the US', 'I live in the US',
        'I am in the US', 'inside the US', 'in US', 'in this country', 'here in the US',
      ],
      es: [
        'en Estados Unidos', 'Estados Unidos', 'en EE.UU.', 'EE.UU.', 'EE. UU.', 'en EE. UU.', 'EEUU', 'en EEUU',
        'en USA', 'vivo en Estados Unidos', 'estoy en Estados Unidos', 'sí en Estados Unidos', 'en este país',
      ],
    },
    outside_us: {
      en: [
        'abroad', 'another country', 'outside the US', 'not in the US', 'outside the United States',
        'not in the United States', 'in another country', "I'm not in the US", 'I am not in the US',
        "I don't live in the US", 'not living in the US', 'in my country', 'in my home country', 'no outside the US',
        'outside the country', 'outside of the US',
      ],
      es: [
        'en otro país', 'otro país', 'fuera de Estados Unidos', 'fuera de EE.UU.', 'fuera de EEUU',
        'no estoy en Estados Unidos', 'no vivo en Estados Unidos', 'en mi país', 'en el extranjero',
        'no en Estados Unidos', 'no estoy en EEUU', 'fuera del país', 'afuera del país', 'afuera de Estados Unidos',
      ],
    },
  },
  under_21: {
    yes: { en: ['under 21', "I'm under 21", 'younger than 21'], es: ['menor de 21', 'soy menor de 21', 'menos de 21'] },
    no: { en: ['over 21', '21 or older', 'older than 21', "I'm over 21"], es: ['mayor de 21', 'soy mayor de 21', 'más de 21', '21 o más'] },
  },
  detained: {
    yes: {
      en: ["I'm detained",'in ICE detention', 'ICE detention', 'detention center', 'in ICE custody', 'ICE has him', 'ICE has her',  'detained', 'I am detained', 'in detention', 'is detained', 'are detained', 'ICE hold', 'an ICE hold', 'has an ICE hold', 'immigration hold', 'detainer', 'ICE detainer', 'has a detainer', 'ICE has my', 'ICE took my', 'ICE picked up my', 'ICE has my brother', 'ICE has my partner', 'hold', 'a hold', 'put a hold', 'put a hold on him', 'put a hold on her', 'put a hold on', 'ICE put a hold', 'in jail with an ICE hold'],
      es: ['detenido', 'detenida', 'estoy detenido','centro de detención', 'en detención', 'lo detuvo ICE', 'la detuvo ICE', 'lo tiene ICE', 'la tiene ICE',  'estoy detenida', 'está detenido', 'está detenida', 'están detenidos', 'orden de ICE', 'tiene orden de ICE', 'una orden de ICE', 'detainer', 'hold de ICE', 'tiene un detainer', 'la migra agarró a', 'lo agarró la migra', 'la agarró la migra', 'se lo llevó la migra', 'se la llevó la migra', 'lo tiene la migra', 'la tiene la migra', 'le puso un hold', 'puso un hold', 'un hold', 'tiene hold', 'tiene un hold de ICE', 'en la cárcel con hold'],
    },
    no: {
      en: ['not detained','nobody', 'no one', 'no-one',  "I'm not detained", 'I am not detained', 'nobody is detained', 'no one is detained', 'is not detained', "isn't detained"],
      es: ['no estoy detenido','nadie', 'ninguno', 'ninguna',  'no estoy detenida', 'no detenido', 'no detenida', 'nadie está detenido', 'no está detenido', 'no está detenida'],
    },
  },
  proceedings: {
    none: {
      en: [
        'no', 'none', 'never', 'no court', 'no case', 'no court case', "I don't have court", 'I do not have a case', "I don't have a case",
        "I don't have a court case", "I don't have any case", 'no case at all', 'never had a case', 'never been to court',
        "I've never been to court", 'never been in court', 'never had court',
      ],
      es: [
        'no', 'ninguno', 'nunca', 'ninguna', 'no tengo corte', 'no tengo caso', 'no tengo un caso', 'no tengo caso en corte',
        'no tengo un caso en corte', 'no tengo ningún caso', 'ningún caso', 'nunca he tenido caso', 'nunca he ido a la corte',
        'nunca he ido a corte', 'nunca he estado en corte', 'nunca he estado en la corte', 'nunca he tenido corte', 'no tengo caso en la corte', 'no tengo ningun caso en la corte',
      ],
    },
    pending: {
      en: [
        'yes', 'open', 'pending', 'hearing', 'I have a hearing', 'court hearing', 'my case is open', 'in removal proceedings',
        'in deportation proceedings', 'I have court', 'yes I have court', 'open case', 'court date', 'I have a court date',
        'I have a case', 'in court', 'court case', 'I have a court case', 'NTA with a date', 'notice to appear with a date',
        'NTA with a court date',
        'court', 'I have court on', 'my court is',
      ],
      es: [
        'sí', 'abierto', 'pendiente', 'audiencia', 'tengo una audiencia', 'en proceso de deportación', 'tengo cita con el juez',
        'tengo corte', 'caso abierto', 'tengo un caso', 'tengo caso', 'tengo cita en corte', 'tengo audiencia', 'caso en corte',
        'tengo un caso en corte', 'cita en la corte', 'tengo cita en la corte', 'una NTA con fecha', 'NTA con fecha', 'un NTA con fecha',
        'tengo court', 'tengo corte el', 'tengo cita de corte', 'cita de corte', 'mi corte es',
      ],
    },
    // A Notice to Appear alone is nta_no_court; with a date in the answer it is pending (readings.ts).
    nta_no_court: {
      en: [
        'NTA', 'notice to appear', 'a notice to appear', 'I got an NTA', 'I got a notice to appear', 'NTA with no date',
        'no date on my NTA', 'NTA without a date', 'NTA but no court date', 'notice to appear but no court date', 'no court date',
        "my case doesn't show up", 'my case does not show up', 'the court has no case', 'the court does not have my case',
        "the court doesn't have my case", 'has no date', 'no date', 'NTA has no date', 'not in the court system',
      ],
      es: [
        'NTA', 'Notificación de Comparecencia', 'una Notificación de Comparecencia', 'me llegó un NTA', 'me llegó una NTA',
        'me dieron una NTA', 'me dieron un NTA', 'NTA sin fecha', 'sin fecha en la NTA', 'no dice fecha', 'no tiene fecha',
        'no sale mi caso', 'no aparece mi caso', 'mi caso no aparece', 'mi caso no sale', 'la corte no tiene mi caso',
        'sin fecha de corte', 'no tengo fecha de corte', 'sin fecha',
      ],
    },
    admin_closed: {
      en: ['administratively closed', 'administrative closure', 'admin closed', 'on hold', 'my case is on hold', 'paused', 'case on hold', 'closed administratively'],
      es: ['cierre administrativo', 'cerrado administrativamente', 'en pausa', 'mi caso está en pausa', 'caso en pausa', 'cerraron administrativamente', 'lo cerraron administrativamente'],
    },
    removal_order: {
      en: [
        'order', 'deportation order', 'ordered deported', 'ordered me deported', 'ordered removed', 'final order', 'removal order',
        'order of removal', 'order of deportation', 'I have a deportation order', 'in absentia', 'deportation',
        'deported', 'I was deported', 'I got deported', 'ordered me removed', 'the judge ordered me removed', 'the judge deported me', 'ordered to leave',
      ],
      es: [
        'orden', 'orden de deportación', 'orden final', 'me ordenaron deportar', 'orden final de deportación',
        'tengo orden de deportación', 'orden de expulsión', 'orden en ausencia', 'en ausencia', 'deportación',
        'me dieron deportación', 'me dieron la deportación', 'me dieron una deportación',
        'me deportaron', 'tengo deportación', 'el juez me deportó', 'la jueza me deportó', 'me dio deportación', 'me ordenaron salir',
      ],
    },
    // Wins over "order" (valuePrecedence): a grant of voluntary departure comes with an order.
    voluntary_departure: {
      en: [
        'voluntary departure', 'time to leave', '60 days to leave', 'gave me time to leave', 'the judge gave me time to leave',
        'I have to leave by', 'I have to leave before', 'days to leave', 'a date to leave',
      ],
      es: [
        'salida voluntaria', 'me dieron tiempo para irme', 'tiempo para irme', 'tiempo para salir', 'tengo que salir antes de',
        'tengo que irme antes de', 'días para salir', 'días para irme', 'una fecha para irme',
      ],
    },
    ended: {
      en: ['ended', 'terminated', 'dismissed', 'it ended', 'case dismissed', 'over', 'finished'],
      es: ['terminado', 'terminó', 'desestimado', 'se terminó', 'terminada', 'desestimada', 'caso terminado', 'lo desestimaron'],
    },
  },
  hearing_when: {
    within_30_days: {
      en: ['this month', 'next week', 'soon', 'within 30 days', 'in 2 weeks', 'in two weeks', 'this week', 'very soon', 'in a few days', 'today', 'tomorrow', 'later this month'],
      es: ['este mes', 'la próxima semana', 'próxima semana', 'pronto', 'en 2 semanas', 'en dos semanas', 'esta semana', 'muy pronto', 'en unos días', 'en pocos días', 'hoy', 'mañana', 'la semana que viene', 'el mes que viene', 'mes que viene'],
    },
    later: {
      en: ['later', 'in a few months', 'in some months', 'months away', 'not soon', 'next year', 'in a long time'],
      es: ['más adelante', 'en unos meses', 'en varios meses', 'en algunos meses', 'el próximo año', 'el año que viene', 'no pronto', 'falta mucho'],
    },
    no_date: {
      en: ['no date', "I don't have a date", "don't have a date", 'no date yet', 'not scheduled', 'not scheduled yet', 'there is no date'],
      es: ['sin fecha', 'no tengo fecha', 'todavía no tengo fecha', 'aún no tengo fecha', 'no hay fecha', 'no tiene fecha', 'no me han dado fecha'],
    },
    missed: {
      en: ['I missed it', 'missed', 'missed it', "I didn't go", "didn't go", 'already passed', 'it already passed', 'I missed my hearing', 'missed my court date'],
      es: ['la perdí', 'no fui', 'falté', 'ya pasó', 'se me pasó', 'perdí la cita', 'perdí la audiencia', 'no me presenté', 'la semana pasada', 'el mes pasado', 'ayer'],
    },
  },
  ice_contact: {
    yes: { en: ['I have a check-in','letter', 'a letter', 'sent me a letter', 'they sent a letter', 'came to my house', 'came to my home', 'called me', 'check-in', 'check in', 'asked me to report', 'report to ICE',  'they came', 'they called'], es: ['vinieron','carta', 'una carta', 'me mandaron una carta', 'vinieron a mi casa', 'me llamaron por teléfono', 'me pidieron presentarme', 'presentarme en ICE', 'tengo que reportarme',  'me llamaron', 'tengo cita con ICE'] },
  },
  travel_plans: {
    // Multi-word phrases only: a lone "travel" would beat "no" in "no, I won't travel" (more characters).
    yes: {
      en: ['go back home','interview abroad', 'interview in my country', 'consular interview', 'embassy interview', 'visit my mom', 'visit my mother', 'visit my parents',  'going back home', 'go home', 'leave the country', 'leave the US', 'move back', 'I want to travel', 'I plan to travel', 'going to travel', 'I will travel', 'want to visit', 'going to visit', 'go back to my country', 'return to my country', 'visit my family', 'want to go back', 'I want to go back', 'want to go back home', 'want to go home', 'I want to go home'],
      es: ['voy a viajar','entrevista en el consulado', 'entrevista en mi país', 'entrevista en la embajada', 'visitar a mi mamá', 'visitar a mi madre', 'visitar a mis padres',  'quiero viajar', 'pienso viajar', 'salir del país', 'quiero salir', 'voy a salir', 'quiero salir del país', 'volver a mi país', 'regresar a mi país', 'quiero visitar', 'voy a visitar', 'visitar a mi familia', 'quiero regresar', 'quiero volver', 'quiero ir a mi país', 'quiero ir a ver a mi familia'],
    },
    no: {
      en: ['no plans', 'not traveling', 'no travel', "I don't plan to travel", 'not planning to travel', 'no plans to travel', "I'm staying", "won't travel", 'will not travel', "don't want to travel", 'not going to travel', 'not going anywhere'],
      es: ['no voy a salir', 'no pienso salir', 'no planeo viajar', 'no voy a viajar', 'no quiero viajar', 'me quedo', 'no pienso viajar', 'sin planes', 'no quiero salir', 'no voy a ningún lado'],
    },
  },
  uscis_interview: {
    yes: { en: ['I have an interview', 'interview scheduled'], es: ['tengo entrevista', 'tengo una entrevista'] },
    no: { en: ['no interview', "I don't have an interview"], es: ['no tengo entrevista', 'no tengo una entrevista', 'sin entrevista'] },
  },
  // "pareja" / "partner" alone decide nothing (relationshipCueWords.open; relationship.ts).
  relationship: {
    married: {
      en: [
        'married', 'spouse', 'got married', 'we got married', 'married to', 'married my partner', 'husband', 'wife', "I'm married",
        'I am married', 'we are married', "we're married", 'legally married', 'married to my partner', 'my spouse',
      ],
      es: [
        'casado', 'casada', 'casados', 'casadas', 'me casé', 'nos casamos', 'me casé con', 'casado con', 'casada con', 'cónyuge',
        'esposo', 'esposa', 'estoy casado', 'estoy casada', 'estamos casados', 'estamos casadas', 'marido',
        'casada con mi pareja', 'casado con mi pareja', 'me casé por la ley', 'nos casamos por la ley',
      ],
    },
    partner: {
      en: [
        'boyfriend', 'girlfriend', 'engaged', 'fiancé', 'fiancée', 'fiance', 'domestic partner', 'domestic partnership',
        'civil union', 'civil partnership', 'registered partner', 'not married', 'partner not married', 'not married but engaged',
        'engaged not married', 'not married but together', "we're not married", 'we are not married', 'not legally married',
        "we didn't get married", 'we did not get married', "aren't married", 'are not married', "aren't legally married",
        'we are engaged', "we're engaged", 'my fiance', 'my fiancé', 'my fiancée', 'my boyfriend', 'my girlfriend',
      ],
      es: [
        'novio', 'novia', 'comprometido', 'comprometida', 'prometido', 'prometida', 'unión libre', 'unión de hecho', 'unión civil',
        'pareja de hecho', 'no estamos casados', 'no estamos casadas', 'sin casarnos', 'no nos casamos', 'sin casarse',
        'pareja sin casarse', 'no casados pero comprometidos', 'no nos hemos casado', 'vivimos en unión libre',
        'comprometidos', 'comprometidas', 'estamos comprometidos', 'estamos comprometidas', 'mi novio', 'mi novia', 'prometidos',
      ],
    },
    former_spouse: {
      en: [
        'divorced', 'we divorced', 'we got divorced', 'I got divorced', 'I divorced', 'widowed', 'widow', 'widower', 'ex-husband',
        'ex husband', 'ex-wife', 'ex wife', 'ex-spouse', 'ex spouse', 'my ex-husband', 'my ex-wife', 'my ex-spouse', 'exhusband',
        'exwife', 'I was married', 'was married', 'we were married', 'used to be married', 'former spouse', 'former husband',
        'former wife', 'divorce',
      ],
      es: [
        'divorciado', 'divorciada', 'divorciados', 'divorciadas', 'nos divorciamos', 'me divorcié', 'viudo', 'viuda', 'exesposo',
        'exesposa', 'ex esposo', 'ex esposa', 'mi ex esposo', 'mi ex esposa', 'ex marido', 'mi ex marido', 'excónyuge',
        'ex cónyuge', 'estuve casado', 'estuve casada', 'estuvimos casados', 'estuvimos casadas', 'fui casado', 'fui casada',
        'era casado', 'era casada', 'divorcio', 'me quedé viuda', 'me quedé viudo',
      ],
    },
    none: {
      en: [
        'no', 'none', 'single', "I'm not married", 'I am not married', 'no partner', "I don't have a partner", 'I do not have a partner',
        'nobody', 'no one', 'never married', 'never been married', "I've never been married",
      ],
      es: [
        'no', 'ninguno', 'ninguna', 'soltero', 'soltera', 'no estoy casado', 'no estoy casada', 'sin pareja', 'no tengo pareja', 'nadie',
        'nunca me casé', 'nunca me he casado', 'no tengo novio', 'no tengo novia',
      ],
    },
  },
  married_check: {
    yes: {
      en: ['we got married', 'legally married', 'we are married', "we're married", 'married', 'yes legally', 'yes we did', 'by law', 'we got legally married'],
      es: ['nos casamos', 'por la ley', 'nos casamos por la ley', 'sí nos casamos', 'estamos casados', 'estamos casadas', 'casados', 'casadas', 'por lo civil', 'por el civil'],
    },
    no: {
      en: [
        'not married', "we're not married", 'we are not married', "we didn't get married", 'we did not get married', 'not legally',
        'civil union', 'domestic partnership', 'just living together', 'only living together', 'we just live together', "no we didn't",
        'engaged', "we're engaged", 'we are engaged', 'not yet', 'not yet married',
      ],
      es: [
        'no nos casamos', 'no estamos casados', 'no estamos casadas', 'unión libre', 'unión civil', 'unión de hecho', 'pareja de hecho',
        'solo vivimos juntos', 'solo vivimos juntas', 'sin casarnos', 'no por la ley', 'no nos hemos casado',
        'comprometidos', 'comprometidas', 'estamos comprometidos', 'todavía no', 'aún no nos casamos', 'todavía no nos casamos',
      ],
    },
  },
  partner_status: {
    us_citizen: {
      en: ['citizen', 'US citizen', 'American', 'American citizen', 'citizen of the US', 'naturalized', 'US born', 'born in the US', 'born here', 'was born here', 'she was born here', 'he was born here', 'they were born here', 'born in America', 'born in the United States'],
      es: ['ciudadano', 'ciudadana', 'ciudadanía', 'americano', 'americana', 'ciudadano americano', 'ciudadana americana', 'ciudadano estadounidense', 'ciudadana estadounidense', 'estadounidense', 'naturalizado', 'naturalizada', 'nació aquí', 'nació aquí', 'nació acá', 'nacido aquí', 'nacida aquí', 'nació en Estados Unidos', 'nacido en Estados Unidos', 'nacida en Estados Unidos'],
    },
    permanent_resident: {
      en: ['green card', 'permanent resident', 'resident', 'LPR', 'greencard', 'lawful permanent resident', 'has a green card'],
      es: ['residente', 'residente permanente', 'tarjeta verde', 'residencia', 'residencia permanente', 'residente legal', 'tiene green card'],
    },
    other_status: {
      en: ['other', 'a visa', 'other status', 'visa', 'has a visa', 'TPS', 'DACA', 'work permit', 'asylum', 'refugee', 'student visa', 'work visa'],
      es: ['otro', 'otra', 'otro estatus', 'una visa', 'visa', 'tiene visa', 'permiso de trabajo', 'asilo', 'refugiado', 'refugiada', 'otra situación'],
    },
    no_status: {
      en: ['no status', 'undocumented', 'no papers', 'no documents', 'without papers', 'no visa', 'no legal status'],
      es: ['sin papeles', 'sin estatus', 'indocumentado', 'indocumentada', 'no tiene papeles', 'sin documentos', 'no tiene estatus', 'sin visa'],
    },
  },
  prior_removal: {
    yes: {
      en: ['deported', 'I was deported','been deported',  'I got deported', 'removed', 'turned back', 'sent back', 'once', 'sent me back', 'they sent me back', 'turned me back', 'they turned me back', 'sent back at the airport', 'deported me'],
      es: ['me deportaron', 'fui deportado', 'fui deportada', 'deportado', 'deportada', 'me regresaron', 'una vez', 'me mandaron de regreso', 'me devolvieron', 'me regresaron en la frontera', 'me regresaron del aeropuerto'],
    },
    no: { en: ['never deported',"I have never been deported", 'never been deported', "I've never been deported",  'I was never deported', 'not deported', "I wasn't deported", 'I was not deported', 'never been removed'], es: ['nunca me deportaron','nunca me han deportado', 'no me han deportado', 'nunca he sido deportado', 'nunca he sido deportada',  'no me deportaron', 'no fui deportado', 'no fui deportada', 'nunca fui deportado', 'nunca fui deportada', 'no me han deportado nunca'] },
  },
  fear: { 
    yes: {
      en: ["I'm afraid", 'afraid', 'scared', 'I am afraid', "I'm scared", 'I am scared', 'they would kill me', 'they will kill me', 'they would hurt me', 'afraid to go back', 'would kill me', 'will kill me', 'want to kill me', 'wants to kill me', 'they would kill me if I go back', 'kill me', 'afraid of going back', 'scared to go back', 'in danger'],
      es: ['tengo miedo', 'miedo', 'me da miedo', 'sí tengo miedo', 'me matarían', 'me van a matar', 'me harían daño', 'miedo de regresar', 'miedo de volver', 'me quiere matar', 'me quieren matar', 'quieren matarme', 'quiere matarme', 'me mataría', 'me matan', 'corro peligro', 'estoy en peligro', 'me harían algo'],
    },
    no: {
      en: ["I'm not afraid", 'I am not afraid', 'not afraid', 'not scared', 'not afraid to go back', "I'm not afraid to go back"],
      es: ['no tengo miedo', 'no me da miedo', 'no tengo miedo de regresar', 'no tengo miedo de volver'],
    },
  },
  arrests: {
    yes: { en: ['I was arrested','once', 'one time', 'arrested', 'DUI', 'dismissed',  'I was charged', 'I was convicted', 'I got a ticket'], es: ['me arrestaron','una vez', 'me detuvieron', 'lo desestimaron', 'me acusaron',  'fui arrestado', 'fui arrestada', 'me detuvo la policía'] },
    no: { en: ['never arrested', 'I was never arrested', 'never been arrested', "I've never been arrested", 'never been arrested', 'I have never been arrested', 'never got arrested'], es: ['nunca me arrestaron', 'nunca fui arrestado', 'nunca fui arrestada', 'no me arrestaron', 'nunca me han arrestado', 'no me han arrestado', 'nunca he sido arrestado', 'nunca he sido arrestada', 'nunca me han detenido'] },
  },
  partner_abuse: {
    yes: {
      en: [
        'he hurt me', 'she hurt me', 'they hurt me', 'hurt me', 'hurts me', 'hits me', 'hit me', 'beats me', 'threatens me',
        'threatened me', 'threatens to call ICE', 'threatened to call ICE', 'threatens to call immigration', 'threatens to out me',
        'threatened to out me', 'threatens to tell people I am gay', 'threatens to tell people I have HIV', 'keeps my medicine',
        'keeps my hormones', 'keeps my medicine or hormones', 'takes my medicine', 'takes my hormones', 'hides my medicine',
        'takes my papers', 'keeps my papers', 'controls me',
        'used to hit me', 'used to beat me', 'hit me', 'beat me', 'controls my money', 'controls my papers', 'controls everything', 'controls', 'threatens to deport me',
      ],
      es: [
        'me hizo daño', 'me lastimó', 'me amenazó', 'me amenaza', 'me pega', 'me pegó', 'me ha pegado', 'me golpea', 'me golpeó',
        'me ha golpeado', 'me amenaza con llamar a inmigración', 'me amenaza con llamar a la migra', 'me amenaza con llamar a ICE',
        'amenaza con decir que soy gay', 'amenaza con decir que soy trans', 'amenaza con decir que tengo VIH',
        'me quita mis medicinas', 'me quita mis hormonas', 'me quita mis medicinas u hormonas', 'me esconde mis medicinas',
        'me quita mis papeles', 'me controla',
        'me pegaba', 'me golpeaba', 'me maltrata', 'me maltrataba', 'me controlaba', 'me controla todo', 'me quita el dinero', 'me amenaza con deportarme', 'me amenazó con decirle a mi familia', 'me amenazó con decir que soy gay',
      ],
    },
    // Not "never hit me" / "nunca me ha pegado": the question also covers threats and control.
    no: { en: ['nothing like that', 'none of that'], es: ['nada de eso', 'nada de eso nunca'] },
  },
  // Harm words (issue 18): what happened, said plainly, is the answer.
  crime_victim: {
    yes: { en: ['I was robbed', 'robbed', 'they robbed me', 'I was attacked', 'attacked me', 'someone attacked me', 'I was assaulted', 'assaulted', 'beat me', 'beat me up', 'hits me', 'hit me', 'I was raped', 'raped', 'I was scammed', 'scammed', 'someone hurt me', 'hurt me', 'stabbed', 'shot at me', 'mugged'], es: ['me robaron', 'me asaltaron', 'me golpearon', 'me golpeó', 'me pegaron', 'me atacaron', 'me atacó', 'me agredieron', 'me violaron', 'abusaron de mí', 'me estafaron', 'me hicieron daño', 'me apuñalaron', 'me dispararon', 'fui víctima'] },
  },
  children: {
    yes: {
      en: ['I have children', 'I have kids', 'children', 'kids', 'a son', 'a daughter', 'born here', 'was born here', 'were born here', 'my son', 'my daughter', 'my kids', 'my children', 'my son is a citizen', 'my kids are citizens'],
      es: ['tengo hijos', 'tengo hijas', 'tengo un hijo', 'tengo una hija', 'hijos', 'hijas', 'un hijo', 'una hija', 'nació aquí', 'nacieron aquí', 'nacido aquí', 'nacida aquí', 'nacidos aquí', 'nacidas aquí', 'mi hijo', 'mi hija', 'mis hijos', 'mis hijas', 'niños', 'niñas', 'dos hijos', 'tres hijos', 'nació en Estados Unidos', 'nacieron en Estados Unidos'],
    },
    no: {
      en: ['no children', 'no kids', "I don't have children", "I don't have kids", 'none', 'no kids at all', 'are undocumented', 'my kids are undocumented', 'my children are undocumented'],
      es: ['no tengo hijos', 'no tengo hijas', 'sin hijos', 'ninguno', 'ninguna', 'no hijos', 'no hijas', 'son indocumentados', 'son indocumentadas', 'mis hijos son indocumentados', 'no tienen papeles'],
    },
  },
  entry: {
    inspected: {
      en: ['visa', 'with a visa', 'inspected', 'airport', 'tourist visa', 'work visa', 'student visa', 'by plane', 'plane', 'visa waiver', 'ESTA', 'with inspection', 'through a port of entry', 'port of entry', 'at the port of entry', 'official crossing', 'through the border checkpoint'],
      es: ['con visa', 'aeropuerto', 'con inspección', 'visa de turista', 'visa de trabajo', 'visa de estudiante', 'en avión', 'avión', 'por el aeropuerto', 'visa', 'garita', 'por la garita', 'en la garita', 'por el puente', 'me revisaron en la garita', 'con pasaporte y visa'],
    },
    without_inspection: {
      en: ['without inspection', 'crossed', 'nobody checked me', 'without being checked', 'not checked','crossing the border', 'I crossed the river', 'illegally', 'came illegally', 'entered illegally', 'through the desert', 'through the river', 'with a coyote',  'no visa', 'without papers', 'without a visa', 'without visa', 'crossed the border', "didn't have a visa", 'without documents', 'undocumented', 'no inspection', 'not inspected', 'walked across', 'walked across the border', 'across the border', 'crossed on foot', 'swam across', 'jumped the fence'],
      es: ['sin inspección', 'sin visa', 'sin que me revisaran', 'sin que me revisen', 'no me revisaron', 'sin revisión','cruzando', 'cruzando la frontera', 'crucé el río', 'ilegal', 'ilegalmente', 'entré ilegal', 'con coyote',  'crucé', 'cruce', 'sin papeles', 'crucé la frontera', 'por el río', 'por el desierto', 'sin documentos', 'no tenía visa', 'sin pasar por control', 'indocumentado', 'indocumentada', 'cruzé', 'cruze', 'crucé caminando', 'cruzé caminando', 'cruzamos', 'crucé a pie', 'por el cerro', 'brinqué', 'me brinqué', 'por el monte'],
    },
    // Any of these decides the answer, even beside "inspected" (valuePrecedence; intake-spec §3).
    caught_released: {
      en: [
        'caught and released', 'caught and let go', 'Border Patrol', 'Border Patrol let me go', 'Border Patrol caught me',
        'I was caught', 'got caught', 'they caught me', 'caught me', 'turned myself in', 'I turned myself in', 'released with papers',
        'they let me go', 'let me go with papers', 'I-220A',
        'caught at the border', 'caught at the border and let go', 'let go', 'let me go', 'they released me', 'released me', 'was released at the border',
      ],
      es: [
        'me agarró la migra', 'la migra me agarró', 'me agarraron', 'me soltaron', 'me soltaron con papeles', 'me dejaron ir',
        'me dejaron ir con papeles', 'me entregué', 'Patrulla Fronteriza', 'la patrulla', 'me detuvo la patrulla', 'me atrapó la migra',
        'me atraparon', 'me agarró la patrulla',
        'me detuvieron en la frontera', 'me agarraron en la frontera', 'me soltaron en la frontera', 'me dieron papeles para la corte', 'me detuvo migración', 'me agarró migración', 'me agarro la migra',
      ],
    },
    parole: {
      en: ['parole', 'CBP One', 'humanitarian parole', 'CBP1', 'with parole', 'paroled'],
      es: ['parole', 'permiso humanitario', 'con parole', 'permiso de permanencia temporal', 'parole humanitario'],
    },
  },
  status_now: {
    valid: {
      en: ['valid', 'current', 'yes', 'valid visa', 'in status', 'it is valid', 'still valid', 'green card'],
      es: ['vigente', 'válido', 'sí', 'válida', 'visa vigente', 'está vigente', 'todavía vigente', 'tarjeta verde'],
    },
    temporary: {
      en: ['TPS', 'DACA', 'work permit', 'parole', 'EAD', 'temporary', 'temporary status'],
      es: ['TPS', 'DACA', 'permiso de trabajo', 'parole', 'temporal', 'estatus temporal', 'permiso de permanencia temporal'],
    },
    pending_application: {
      en: ['pending', 'applied', 'waiting','I applied for asylum', 'asylum case', 'waiting for my green card', 'I filed',  'I applied', 'application pending', 'pending application', 'asylum pending', 'in process', 'green card application', 'application for a green card', 'applied for a green card', 'applied for my green card', 'waiting for my green card'],
      es: ['pendiente', 'solicitud', 'esperando','pedí asilo', 'solicité asilo', 'tengo asilo pendiente', 'esperando mi residencia',  'apliqué', 'solicité', 'en trámite', 'trámite', 'solicitud pendiente', 'en proceso', 'solicitud de residencia', 'apliqué para la residencia', 'pedí la residencia', 'solicité la residencia', 'esperando la residencia'],
    },
    expired: {
      en: ['expired', 'overstayed', 'overstay', 'it expired', 'not valid', 'no longer valid', 'not valid anymore', 'ran out', 'they took it away', 'took it away', 'it was taken away', 'revoked', 'it ended'],
      es: ['vencido', 'vencida', 'expiró', 'expirado', 'expirada', 'se venció', 'no vigente', 'ya no es válida', 'ya no es válido', 'no está vigente', 'se me venció', 'me lo quitaron', 'me la quitaron', 'se venció el parole', 'se me venció el parole'],
    },
    never: {
      en: ['never', 'none', 'no status',"I don't have status", "I don't have papers", 'I have no status', 'I have no papers',  'never had status', 'never had papers', 'no papers', 'undocumented'],
      es: ['nunca', 'ninguno', 'ninguna', 'sin estatus','no tengo estatus', 'no tengo papeles',  'nunca tuve', 'sin papeles', 'indocumentado', 'indocumentada', 'nunca tuve papeles'],
    },
  },
  time_in_us: {
    under_1: {
      en: ['less than a year', 'less than 1 year', 'less than one year', 'under a year', 'under 1 year', 'under one year', 'not even a year', 'a few months', 'few months', 'some months', 'half a year', 'just arrived', 'I just arrived', 'recently arrived', 'less than 1'],
      es: ['menos de un año', 'menos de 1 año', 'menos de uno', 'medio año', 'unos meses', 'pocos meses', 'algunos meses', 'acabo de llegar', 'recién llegué', 'recién llegado', 'recién llegada', 'ni un año', 'menos de 1'],
    },
    '1_to_2': {
      en: ['1 to 2 years','a year and a half', 'year and a half', 'one and a half years',  '1 to 2', 'between 1 and 2 years', 'one to two years', '1-2 years'],
      es: ['de 1 a 2 años','año y medio', 'un año y medio',  '1 a 2 años', 'entre 1 y 2 años', 'de uno a dos años', '1 a 2'],
    },
    '2_to_10': {
      en: ['2 to 10 years', '2 to 10', 'between 2 and 10 years', 'two to ten years', '2-10 years'],
      es: ['de 2 a 10 años', '2 a 10 años', 'entre 2 y 10 años', 'de dos a diez años', '2 a 10'],
    },
    '10_plus': {
      en: ['10 or more', '10 years or more','a decade', 'over a decade', 'more than a decade',  '10 or more years', 'more than 10 years', 'over 10 years', 'more than ten years', '10 plus', 'over ten years', 'more than 10'],
      es: ['10 o más', '10 años o más','una década', 'más de una década',  'más de 10 años', 'más de diez años', 'diez años o más', 'más de 10'],
    },
  },
  former_when: {
    under_2: {
      en: [
        'less than 2 years', 'less than two years', 'under 2 years', 'less than 2 years ago', 'less than two years ago', 'recently',
        'last year', 'this year', 'a few months ago', 'months ago', 'not long ago', 'within 2 years', 'a year ago',
      ],
      es: [
        'menos de 2 años', 'menos de dos años', 'hace menos de 2 años', 'hace menos de dos años', 'hace poco', 'el año pasado',
        'este año', 'hace unos meses', 'hace meses', 'hace pocos meses', 'recientemente', 'hace un año',
      ],
    },
    '2_plus': {
      en: ['more than 2 years', 'more than two years', 'over 2 years', '2 years or more', 'more than 2 years ago', 'years ago', 'many years ago'],
      es: ['más de 2 años', 'más de dos años', 'hace más de 2 años', 'hace más de dos años', 'hace años', 'hace muchos años', '2 años o más'],
    },
  },
  contact_ok: {
    yes: { en: ['contact me', 'please contact me', 'ok', 'okay', 'no problem'], es: ['contáctenme', 'sí contáctenme', 'llámenme', 'de acuerdo', 'no hay problema', 'sin problema'] },
    no: { en: ["don't contact me", 'do not contact me', 'no contact', 'no thanks'], es: ['no me contacten', 'no me llamen', 'no gracias'] },
  },
  contact_method: {
    phone: { en: ['phone', 'call', 'phone call', 'call me', 'telephone', 'by phone'], es: ['teléfono', 'llamada', 'llamar', 'llámenme', 'por teléfono', 'llamada telefónica'] },
    text: { en: ['text', 'SMS','WhatsApp', 'Signal',  'text message', 'text me', 'text my phone', 'texting'], es: ['mensaje', 'texto','por WhatsApp',  'mensaje de texto', 'mensajes', 'SMS'] },
    email: { en: ['email', 'e-mail', 'mail', 'by email', 'email me'], es: ['correo', 'correo electrónico', 'por correo', 'email'] },
  },
  safe_message: {
    yes: { en: ["it's safe", 'it is safe', 'yes safe', 'no problem'], es: ['es seguro', 'sí es seguro', 'no hay problema', 'sin problema'] },
    no: { en: ['not safe', "it's not safe", 'it is not safe', 'unsafe', "don't leave a message"], es: ['no es seguro', 'no dejen mensaje', 'no dejar mensaje'] },
  },
};

/**
 * Phrases that must not be read as the value a word inside them names (they match, and win, as "no
 * value": the question is asked again).
 */
export const blockedWords: Partial<Record<Expecting, Words>> = {
  // The question asks about now: a past detention says nothing about today (ask again).
  detained: {
    en: ['was detained', 'I was detained', 'were detained', 'used to be detained', 'was in detention'],
    es: ['estuve detenido', 'estuve detenida', 'estuvo detenido', 'estuvo detenida', 'fui detenido', 'fui detenida', 'ya salí', 'ya salió'],
  },
  partner_status: {
    en: [
      'not a citizen', 'not citizen', 'not American', 'not a resident', 'not a permanent resident', 'not a US citizen',
      'temporary resident', 'a temporary resident', 'not an American citizen',
    ],
    es: [
      'no es ciudadano', 'no es ciudadana', 'no es americano', 'no es americana', 'no es residente', 'residente temporal',
      'residencia temporal', 'no es ciudadano americano', 'no es ciudadana americana',
    ],
  },
  // "closed" is said of cases on hold and of cases that ended (intake-spec §3, D30): ask again.
  proceedings: {
    en: ['closed'],
    es: ['cerrado', 'cerrada', 'cerraron'],
  },
  // A passport shows nothing about how the border was crossed (D4).
  entry: {
    en: ['passport', 'passports', 'Border Patrol never', "Border Patrol didn't", 'Border Patrol did not'],
    es: ['pasaporte', 'pasaportes', 'la migra nunca', 'la migra no', 'la Patrulla Fronteriza nunca', 'la Patrulla Fronteriza no', 'la patrulla no', 'la patrulla nunca'],
  },
  // "my ex" can be a former partner; an ex-partner is neither answer (the help text says so).
  relationship: {
    en: ['my ex', 'ex', 'ex partner', 'my ex partner', 'ex-partner', 'ex boyfriend', 'ex girlfriend'],
    es: ['mi ex', 'ex', 'ex pareja', 'mi ex pareja', 'expareja', 'mi expareja', 'ex novio', 'ex novia'],
  },
  // Only a church wedding is not always a legal marriage: ask again rather than read "nos casamos".
  married_check: {
    en: ['only in church', 'only in a church', 'just in church', 'only religious'],
    es: ['solo por la iglesia', 'sólo por la iglesia', 'nada más por la iglesia', 'solo por la religión'],
  },
};

/**
 * Countries in English and Spanish (ISO 3166-1 short names as people write them, plus common other
 * names), kept by hand until the maintained `i18n-iso-countries` data replaces them. Left out on
 * purpose: names that are also common words or names people use at this question ("Chad", "Jordan",
 * "Georgia", which is read as the US state; "Turkey" stays: at `location` it is a place).
 */
export const countryWords: Words = {
  en: [
    'Afghanistan', 'Albania', 'Algeria', 'Andorra', 'Angola', 'Antigua and Barbuda', 'Argentina', 'Armenia', 'Australia', 'Austria',
    'Azerbaijan', 'Bahamas', 'the Bahamas', 'Bahrain', 'Bangladesh', 'Barbados', 'Belarus', 'Belgium', 'Belize', 'Benin', 'Bhutan', 'Bolivia',
    'Bosnia', 'Bosnia and Herzegovina', 'Botswana', 'Brazil', 'Brunei', 'Bulgaria', 'Burkina Faso', 'Burundi', 'Cabo Verde', 'Cape Verde',
    'Cambodia', 'Cameroon', 'Canada', 'Central African Republic', 'Chile', 'China', 'Colombia', 'Comoros', 'Congo', 'DR Congo',
    'Democratic Republic of the Congo', 'Costa Rica', 'Ivory Coast', "Côte d'Ivoire", 'Croatia', 'Cuba', 'Cyprus', 'Czechia',
    'Czech Republic', 'Denmark', 'Djibouti', 'Dominican Republic', 'Ecuador', 'Egypt', 'El Salvador', 'Equatorial Guinea', 'Eritrea',
    'Estonia', 'Eswatini', 'Swaziland', 'Ethiopia', 'Fiji', 'Finland', 'France', 'Gabon', 'Gambia', 'the Gambia', 'Germany', 'Ghana', 'Greece',
    'Grenada', 'Guatemala', 'Guinea', 'Guinea-Bissau', 'Guyana', 'Haiti', 'Honduras', 'Hungary', 'Iceland', 'India', 'Indonesia', 'Iran',
    'Iraq', 'Ireland', 'Israel', 'Italy', 'Jamaica', 'Japan', 'Kazakhstan', 'Kenya', 'Kiribati', 'Kosovo', 'Kuwait', 'Kyrgyzstan',
    'Laos', 'Latvia', 'Lebanon', 'Lesotho', 'Liberia', 'Libya', 'Liechtenstein', 'Lithuania', 'Luxembourg', 'Madagascar', 'Malawi',
    'Malaysia', 'Maldives', 'Mali', 'Malta', 'Marshall Islands', 'Mauritania', 'Mauritius', 'Mexico', 'Micronesia', 'Moldova', 'Monaco',
    'Mongolia', 'Montenegro', 'Morocco', 'Mozambique', 'Myanmar', 'Burma', 'Namibia', 'Nauru', 'Nepal', 'Netherlands', 'the Netherlands',
    'Holland', 'New Zealand', 'Nicaragua', 'Niger', 'Nigeria', 'North Korea', 'North Macedonia', 'Macedonia', 'Norway', 'Oman', 'Pakistan',
    'Palau', 'Palestine', 'Panama', 'Papua New Guinea', 'Paraguay', 'Peru', 'Philippines', 'the Philippines', 'Poland', 'Portugal', 'Qatar',
    'Romania', 'Russia', 'Rwanda', 'Saint Kitts and Nevis', 'Saint Lucia', 'Saint Vincent and the Grenadines', 'San Marino',
    'Sao Tome and Principe', 'Saudi Arabia', 'Senegal', 'Serbia', 'Seychelles', 'Sierra Leone', 'Singapore', 'Slovakia', 'Slovenia',
    'Solomon Islands', 'Somalia', 'South Africa', 'South Korea', 'Korea', 'South Sudan', 'Spain', 'Sri Lanka', 'Sudan', 'Suriname', 'Sweden',
    'Switzerland', 'Syria', 'Taiwan', 'Tajikistan', 'Tanzania', 'Thailand', 'Timor-Leste', 'East Timor', 'Togo', 'Tonga',
    'Trinidad and Tobago', 'Trinidad', 'Tunisia', 'Turkey', 'Türkiye', 'Turkmenistan', 'Tuvalu', 'Uganda', 'Ukraine', 'United Arab Emirates',
    'UAE', 'United Kingdom', 'UK', 'Great Britain', 'England', 'Scotland', 'Wales', 'Uruguay', 'Uzbekistan', 'Vanuatu', 'Venezuela',
    'Vietnam', 'Viet Nam', 'Yemen', 'Zambia', 'Zimbabwe', 'Hong Kong',
  ],
  es: [
    'Afganistán', 'Albania', 'Argelia', 'Andorra', 'Angola', 'Antigua y Barbuda', 'Arabia Saudita', 'Arabia Saudí', 'Argentina', 'Armenia',
    'Australia', 'Austria', 'Azerbaiyán', 'Bahamas', 'Baréin', 'Bangladés', 'Barbados', 'Bielorrusia', 'Bélgica', 'Belice', 'Benín',
    'Bután', 'Bolivia', 'Bosnia y Herzegovina', 'Botsuana', 'Brasil', 'Brunéi', 'Bulgaria', 'Burkina Faso', 'Burundi', 'Cabo Verde',
    'Camboya', 'Camerún', 'Canadá', 'República Centroafricana', 'Chile', 'China', 'Colombia', 'Comoras', 'Congo', 'República Democrática del Congo',
    'Costa Rica', 'Costa de Marfil', 'Croacia', 'Cuba', 'Chipre', 'Chequia', 'República Checa', 'Dinamarca', 'Yibuti', 'República Dominicana',
    'Ecuador', 'Egipto', 'El Salvador', 'Guinea Ecuatorial', 'Eritrea', 'Estonia', 'Esuatini', 'Etiopía', 'Fiyi', 'Finlandia', 'Francia',
    'Gabón', 'Gambia', 'Alemania', 'Ghana', 'Grecia', 'Granada', 'Guatemala', 'Guinea', 'Guinea-Bisáu', 'Guyana', 'Haití', 'Honduras',
    'Hungría', 'Islandia', 'India', 'Indonesia', 'Irán', 'Irak', 'Iraq', 'Irlanda', 'Israel', 'Italia', 'Jamaica', 'Japón', 'Jordania',
    'Kazajistán', 'Kenia', 'Kiribati', 'Kosovo', 'Kuwait', 'Kirguistán', 'Laos', 'Letonia', 'Líbano', 'Lesoto', 'Liberia', 'Libia',
    'Liechtenstein', 'Lituania', 'Luxemburgo', 'Madagascar', 'Malaui', 'Malasia', 'Maldivas', 'Malí', 'Malta', 'Islas Marshall', 'Mauritania',
    'México', 'Micronesia', 'Moldavia', 'Mónaco', 'Mongolia', 'Montenegro', 'Marruecos', 'Mozambique', 'Birmania', 'Namibia',
    'Nauru', 'Nepal', 'Países Bajos', 'Holanda', 'Nueva Zelanda', 'Nicaragua', 'Níger', 'Nigeria', 'Corea del Norte', 'Macedonia del Norte',
    'Noruega', 'Omán', 'Pakistán', 'Palaos', 'Palestina', 'Panamá', 'Papúa Nueva Guinea', 'Paraguay', 'Perú', 'Filipinas', 'Polonia',
    'Portugal', 'Catar', 'Qatar', 'Rumania', 'Rumanía', 'Rusia', 'Ruanda', 'San Cristóbal y Nieves', 'Santa Lucía', 'San Vicente y las Granadinas',
    'San Marino', 'Santo Tomé y Príncipe', 'Senegal', 'Serbia', 'Seychelles', 'Sierra Leona', 'Singapur', 'Eslovaquia', 'Eslovenia',
    'Islas Salomón', 'Somalia', 'Sudáfrica', 'Corea del Sur', 'Corea', 'Sudán del Sur', 'España', 'Sri Lanka', 'Sudán', 'Surinam', 'Suecia',
    'Suiza', 'Siria', 'Taiwán', 'Tayikistán', 'Tanzania', 'Tailandia', 'Timor Oriental', 'Togo', 'Tonga', 'Trinidad y Tobago', 'Túnez',
    'Turquía', 'Turkmenistán', 'Tuvalu', 'Uganda', 'Ucrania', 'Emiratos Árabes Unidos', 'Reino Unido', 'Gran Bretaña', 'Inglaterra', 'Escocia',
    'Uruguay', 'Uzbekistán', 'Vanuatu', 'Venezuela', 'Vietnam', 'Yemen', 'Zambia', 'Zimbabue', 'Hong Kong',
  ],
};

/** US territories: in the US for this intake (intake-spec §3 `location`). */
export const usTerritoryWords: Words = {
  en: ['Puerto Rico', 'Guam', 'US Virgin Islands', 'Virgin Islands', 'American Samoa', 'Northern Mariana Islands', 'Saipan', 'San Juan Puerto Rico'],
  es: ['Puerto Rico', 'Guam', 'Islas Vírgenes', 'Islas Vírgenes de Estados Unidos', 'Samoa Americana', 'Islas Marianas del Norte'],
};

/** Mexican states and large cities abroad people name as where they are now (waiting at the border). */
export const foreignRegionWords: Words = {
  en: [
    'Oaxaca', 'Chiapas', 'Jalisco', 'Michoacan', 'Guerrero', 'Puebla', 'Veracruz', 'Chihuahua', 'Sonora', 'Baja California', 'Nuevo Leon',
    'Tamaulipas', 'Coahuila', 'Zacatecas', 'Sinaloa', 'Guanajuato', 'Yucatan', 'Tabasco', 'Morelos', 'Queretaro', 'Quintana Roo', 'Cancun',
    'Acapulco', 'Tegucigalpa', 'San Pedro Sula', 'Quetzaltenango', 'Puebla', 'Hermosillo', 'Saltillo', 'Piedras Negras', 'Ensenada',
    'Barranquilla', 'Cartagena', 'Guayaquil', 'Cuenca', 'Maracaibo', 'Valencia Venezuela', 'Santiago de Chile', 'Buenos Aires',
    'Sao Paulo', 'Rio de Janeiro', 'Port of Spain', 'Georgetown Guyana', 'Dhaka', 'Delhi', 'New Delhi', 'Mumbai', 'Beijing', 'Shanghai',
    'Kabul', 'Istanbul', 'Ankara', 'Cairo', 'Kinshasa', 'Addis Ababa', 'Kingston Jamaica', 'Paris', 'Berlin', 'Rome', 'Mogadishu',
  ],
  es: [
    'Michoacán', 'Nuevo León', 'Yucatán', 'Querétaro', 'Cancún', 'Estado de México', 'Baja California', 'Quetzaltenango', 'Xela',
    'San Pedro Sula', 'Tegucigalpa', 'Santiago de Chile', 'Buenos Aires', 'São Paulo', 'Río de Janeiro', 'Pekín', 'Estambul', 'El Cairo',
    'París', 'Berlín', 'Roma', 'Nueva Delhi', 'Barranquilla', 'Cartagena', 'Guayaquil',
  ],
};

/** Large US cities besides the ones in usPlaceWords. */
export const moreUsCityWords: Words = {
  en: [
    'New York City', 'Jacksonville', 'Oklahoma City', 'Memphis', 'Louisville', 'Milwaukee', 'Kansas City', 'Omaha',
    'Colorado Springs', 'Virginia Beach', 'Tulsa', 'Arlington', 'Wichita', 'Cleveland', 'Bakersfield', 'Honolulu', 'Riverside',
    'Corpus Christi', 'Stockton', 'St. Louis', 'Saint Louis', 'Pittsburgh', 'Cincinnati', 'Anchorage', 'Durham', 'Chula Vista',
    'Jersey City', 'Irvine', 'San Bernardino', 'Hialeah', 'Paterson', 'Yonkers', 'Hartford', 'Providence', 'Bridgeport',
    'Stamford', 'Manhattan', 'Staten Island', 'Long Island', 'Harlingen', 'Edinburg', 'Pharr', 'San Ysidro', 'Calexico', 'Yuma',
    'Eagle Pass', 'Boise', 'Des Moines', 'Little Rock', 'Birmingham Alabama', 'Richmond', 'Norfolk', 'Buffalo', 'Rochester',
    'Syracuse', 'Albany', 'Spokane', 'Tacoma', 'Reno', 'Henderson', 'Los Ángeles', 'Silver Spring',
  ],
  es: ['Nueva York', 'Nuevo Mexico', 'Long Island', 'el Bronx'],
};

/**
 * Places. A place named in the answer decides `location` (intake-spec §3): US states and large cities
 * are in_us (with the territories, usTerritoryWords), other countries (countryWords) and large cities
 * and regions abroad are outside_us. Left out on purpose, because they are also common words or name
 * places on both sides: "LA" (the Spanish article), "San José", "Santa Ana", "Nogales", "Mesa", "Plano".
 */
export const usPlaceWords: Words = joinWords(usTerritoryWords, moreUsCityWords, {
  en: [
    'Alabama', 'Alaska', 'Arizona', 'Arkansas', 'California', 'Colorado', 'Connecticut', 'Delaware', 'Florida', 'Georgia', 'Hawaii',
    'Idaho', 'Illinois', 'Indiana', 'Iowa', 'Kansas', 'Kentucky', 'Louisiana', 'Maine', 'Maryland', 'Massachusetts', 'Michigan',
    'Minnesota', 'Mississippi', 'Missouri', 'Montana', 'Nebraska', 'Nevada', 'New Hampshire', 'New Jersey', 'New Mexico', 'New York',
    'North Carolina', 'North Dakota', 'Ohio', 'Oklahoma', 'Oregon', 'Pennsylvania', 'Rhode Island', 'South Carolina', 'South Dakota',
    'Tennessee', 'Texas', 'Utah', 'Vermont', 'Virginia', 'Washington', 'West Virginia', 'Wisconsin', 'Wyoming', 'Puerto Rico',
    'Washington DC', 'DC', 'Los Angeles', 'Chicago', 'Houston', 'Miami', 'San Francisco', 'San Diego', 'Dallas', 'Phoenix', 'Atlanta',
    'Seattle', 'Boston', 'Denver', 'San Antonio', 'El Paso', 'Las Vegas', 'NYC', 'Austin', 'Fort Worth',
    'Sacramento', 'Oakland', 'Fresno', 'Portland', 'Philadelphia', 'Newark', 'Orlando', 'Tampa', 'Charlotte', 'Nashville',
    'Minneapolis', 'Detroit', 'Baltimore', 'Brooklyn', 'Queens', 'the Bronx', 'Bronx', 'Salt Lake City', 'Albuquerque', 'Tucson',
    'McAllen', 'Brownsville', 'Laredo', 'New Orleans', 'Raleigh', 'Indianapolis', 'Columbus', 'Long Beach', 'Anaheim',
  ],
  es: ['Nueva York', 'Nuevo México', 'Carolina del Norte', 'Carolina del Sur', 'Luisiana', 'Pensilvania', 'Misuri', 'Hawái', 'Virginia Occidental', 'Nueva Jersey', 'Filadelfia', 'Nueva Orleans', 'Los Ángeles', 'San Diego'],
});

export const foreignPlaceWords: Words = joinWords(countryWords, foreignRegionWords, {
  en: [
    'Mexico', 'Guatemala', 'Honduras', 'El Salvador', 'Nicaragua', 'Costa Rica', 'Panama', 'Colombia', 'Venezuela', 'Ecuador', 'Peru',
    'Bolivia', 'Chile', 'Argentina', 'Paraguay', 'Uruguay', 'Brazil', 'Cuba', 'Haiti', 'Jamaica', 'Dominican Republic', 'Canada',
    'Spain', 'Philippines', 'India', 'China', 'Nigeria', 'Ghana', 'Kenya', 'Uganda', 'Russia', 'Ukraine', 'Iran', 'England',
    'United Kingdom', 'UK', 'Senegal', 'Cameroon', 'Ethiopia', 'Eritrea', 'Somalia', 'South Africa', 'Egypt', 'Morocco', 'Jamaica',
    'Pakistan', 'Bangladesh', 'Afghanistan', 'Syria', 'Iraq', 'Turkey', 'France', 'Germany', 'Italy', 'Portugal', 'Japan', 'Korea',
    'Vietnam', 'Indonesia', 'Thailand', 'Australia', 'Belize', 'Trinidad', 'Guyana', 'Uzbekistan', 'Nepal', 'Mauritania', 'Congo',
    'Tijuana', 'Ciudad Juarez', 'Juarez', 'Mexicali', 'Matamoros', 'Reynosa', 'Nuevo Laredo', 'Monterrey', 'Guadalajara', 'Mexico City',
    'Tapachula', 'San Salvador', 'Tegucigalpa', 'San Pedro Sula', 'Managua', 'Guatemala City', 'Bogota', 'Medellin', 'Caracas',
    'Lima', 'Quito', 'Havana', 'Santo Domingo', 'Port-au-Prince', 'Kingston', 'Toronto', 'Vancouver', 'Montreal', 'Madrid',
    'Barcelona', 'Manila', 'Lagos', 'Abuja', 'Accra', 'Nairobi', 'Kampala', 'London', 'Kyiv', 'Moscow', 'Tehran', 'Dakar',
  ],
  es: [
    'México', 'Perú', 'Panamá', 'Haití', 'Brasil', 'República Dominicana', 'Canadá', 'España', 'Filipinas', 'Rusia', 'Ucrania',
    'Inglaterra', 'Reino Unido', 'Camerún', 'Etiopía', 'Sudáfrica', 'Egipto', 'Marruecos', 'Pakistán', 'Afganistán', 'Siria',
    'Irak', 'Turquía', 'Francia', 'Alemania', 'Italia', 'Japón', 'Corea', 'Tailandia', 'Belice', 'Ciudad de México', 'Ciudad Juárez',
    'Bogotá', 'Medellín', 'La Habana', 'Puerto Príncipe', 'Londres', 'Moscú', 'Teherán',
  ],
});

/** "a Mexican citizen" / "ciudadana hondureña" is a citizen of another country, never `us_citizen`. */
export const foreignNationalityWords: Words = {
  en: [
    'Mexican', 'Guatemalan', 'Honduran', 'Salvadoran', 'Salvadorean', 'Nicaraguan', 'Costa Rican', 'Panamanian', 'Colombian',
    'Venezuelan', 'Ecuadorian', 'Peruvian', 'Bolivian', 'Chilean', 'Argentinian', 'Argentine', 'Brazilian', 'Cuban', 'Haitian',
    'Jamaican', 'Dominican', 'Canadian', 'Spanish', 'Filipino', 'Filipina', 'Indian', 'Chinese', 'Nigerian', 'Ghanaian', 'Kenyan',
    'Ugandan', 'Russian', 'Ukrainian', 'Iranian', 'British', 'French', 'German', 'Italian', 'Senegalese', 'Cameroonian', 'Ethiopian',
    'Eritrean', 'Somali', 'Afghan', 'Syrian', 'Venezuelan', 'foreign', 'another country', 'other country',
  ],
  es: [
    'mexicano', 'mexicana', 'guatemalteco', 'guatemalteca', 'hondureño', 'hondureña', 'salvadoreño', 'salvadoreña', 'nicaragüense',
    'costarricense', 'panameño', 'panameña', 'colombiano', 'colombiana', 'venezolano', 'venezolana', 'ecuatoriano', 'ecuatoriana',
    'peruano', 'peruana', 'boliviano', 'boliviana', 'chileno', 'chilena', 'argentino', 'argentina', 'brasileño', 'brasileña',
    'cubano', 'cubana', 'haitiano', 'haitiana', 'jamaiquino', 'jamaiquina', 'dominicano', 'dominicana', 'canadiense', 'española',
    'filipino', 'filipina', 'chino', 'china', 'nigeriano', 'nigeriana', 'ruso', 'rusa', 'ucraniano', 'ucraniana', 'extranjero',
    'extranjera', 'de otro país',
  ],
};

/** Citizen words that do not themselves say "of the US": beside another country they are re-asked. */
export const bareCitizenWords: Words = {
  en: ['citizen', 'a citizen', 'naturalized'],
  es: ['ciudadano', 'ciudadana', 'ciudadanía', 'naturalizado', 'naturalizada'],
};

/**
 * "here" / "aquí" and "outside" / "fuera" decide `location` only alone or with the words below
 * (intake-spec §3): "here in Lagos" names a place the lexicon may not know.
 */
export const locationHereWords: Record<'in_us' | 'outside_us', Words> = {
  in_us: { en: ['here', "I'm here", 'I am here', 'I live here', 'right here'], es: ['aquí', 'acá', 'estoy aquí', 'vivo aquí', 'aquí mismo'] },
  outside_us: { en: ['outside', 'not here', "I'm not here"], es: ['fuera', 'afuera', 'no estoy aquí', 'no vivo aquí'] },
};
export const locationFillerWords: Words = {
  en: ['I', "I'm", 'am', 'live', 'living', 'we', 'are', 'currently', 'now', 'right', 'yes', 'no', 'in', 'the', 'of', 'country', 'just', 'still'],
  es: ['yo', 'estoy', 'vivo', 'estamos', 'vivimos', 'ahora', 'ahorita', 'actualmente', 'sí', 'no', 'en', 'el', 'la', 'de', 'del', 'país', 'todavía', 'mismo'],
};

/**
 * The relationship question's cues that are not answers themselves (relationship.ts): "pareja" /
 * "partner" leave marriage open (ask `married_check`); a death word decides `former_spouse` only
 * beside a spouse word.
 */
export const relationshipCueWords: Record<'open' | 'death', Words> = {
  open: {
    en: ['partner', 'partners', 'my partner', 'a partner', 'I have a partner', "we're partners", 'we are partners', 'life partner'],
    es: ['pareja', 'mi pareja', 'una pareja', 'tengo pareja', 'tengo una pareja', 'somos pareja'],
  },
  death: {
    en: ['died', 'passed away', 'passed', 'is dead', 'deceased', 'passed on'],
    es: ['murió', 'falleció', 'ha muerto', 'ha fallecido', 'está muerto', 'está muerta', 'se murió', 'difunto', 'difunta'],
  },
};
/** Spouse nouns: a divorce or death word beside them decides `former_spouse`; a marriage statement does not. */
export const spouseNounWords: Words = {
  en: ['husband', 'wife', 'spouse', 'my spouse'],
  es: ['esposo', 'esposa', 'cónyuge', 'marido'],
};
/** "not married" said of oneself: `none` alone, `partner` beside "pareja" / "partner". */
export const notMarriedWords: Words = {
  en: ["I'm not married", 'I am not married', 'never married', 'never been married', "I've never been married"],
  es: ['no estoy casado', 'no estoy casada', 'nunca me casé', 'nunca me he casado'],
};

/**
 * Where the words of two values stand side by side, the value listed here wins over the others
 * (intake-spec §3): a Border Patrol encounter is never `inspected`; voluntary departure beats "order";
 * a program name beats "valid"; a word of ending beats the name of the status that ended; at the
 * questions that join several events, one that happened beats a "no" about another.
 */
export const valuePrecedence: Partial<Record<QuestionId, Record<string, readonly string[]>>> = {
  entry: { caught_released: ['inspected', 'without_inspection', 'parole', 'not_sure'] },
  // These questions join several events ("deported, or sent back, or ..."): one that happened is yes,
  // beside a "no" about another ("no fui deportado pero me regresaron en el aeropuerto").
  prior_removal: { yes: ['no'] },
  arrests: { yes: ['no'] },
  crime_victim: { yes: ['no'] },
  proceedings: { voluntary_departure: ['removal_order', 'ended', 'pending', 'nta_no_court'] },
  status_now: { temporary: ['valid'], expired: ['valid', 'temporary'] },
};

/** Notice to Appear words that say nothing about a date: with a date beside them, the case is pending. */
export const ntaWords: Words = {
  en: ['NTA', 'notice to appear', 'a notice to appear', 'I got an NTA', 'I got a notice to appear'],
  es: ['NTA', 'Notificación de Comparecencia', 'una Notificación de Comparecencia', 'me llegó un NTA', 'me llegó una NTA', 'me dieron una NTA', 'me dieron un NTA'],
};
/** Words that name a day ("NTA for March 3", "el 3 de marzo", "next Monday"); "may" and "mar" only beside a number. */
export const dateWords: Words = {
  en: [
    'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'jan', 'feb',
    'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday',
    'saturday', 'sunday', 'today', 'tomorrow', 'next week', 'next month',
  ],
  es: [
    'enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'setiembre', 'octubre', 'noviembre',
    'diciembre', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo', 'hoy', 'mañana', 'la próxima semana',
    'el próximo mes',
  ],
};
export const dateWordsBesideNumber: Words = { en: ['may'], es: ['mar', 'ene', 'abr', 'ago', 'dic'] };

/**
 * Negation scope (negation.ts). A value word after one of these in the same clause is negated ("she
 * is not a citizen"); a bare "no" followed by other words negates those words, not the question ("no
 * me deja ver a mi familia").
 */
export const negationWords: Words = {
  en: ['no', 'not', 'never', "don't", "doesn't", "didn't", "isn't", "wasn't", "aren't", "weren't", "hasn't", "haven't", "hadn't", "won't", "can't", "couldn't", 'nobody', 'nor', 'neither'],
  es: ['no', 'nunca', 'jamás', 'ni', 'tampoco', 'nadie'],
};
/** "I don't remember when": uncertainty about a detail (a date, a place), not about the answer. */
export const detailQuestionWords: Words = {
  en: ['when', 'where', 'what day', 'the date', 'which day', 'how long'],
  es: ['cuándo', 'dónde', 'qué día', 'la fecha', 'el día', 'cuánto tiempo'],
};

/**
 * Words that can change what a phrase inside a longer answer means (confidence.ts): doubt, a wish or a
 * plan, a condition, an earlier time. Left over beside a phrase, they make its reading tentative ("I
 * understood: X. Is that right?"). "si" is not here: people write "sí" without its accent.
 */
export const doubtWords: Words = {
  en: [
    'maybe', 'perhaps', 'probably', 'I think', 'I guess', 'I believe', 'supposedly', 'not sure', 'if', 'unless', 'used to', 'before',
    'anymore', 'no longer', 'formerly', 'want to', 'wants to', 'would like', 'going to', 'plan to', 'planning to', 'hope', 'hopefully',
    'almost', 'kind of', 'sort of', 'might', 'could be', 'I hope', 'someday',
  ],
  es: [
    'creo', 'creo que', 'tal vez', 'quizás', 'quizá', 'a lo mejor', 'probablemente', 'supuestamente', 'parece', 'pienso que', 'antes',
    'ya no', 'quiero', 'quiere', 'queremos', 'vamos a', 'voy a', 'pensamos', 'espero', 'ojalá', 'casi', 'puede ser', 'a menos que',
    'algún día', 'no sé si', 'no estoy seguro', 'no estoy segura',
  ],
};

/**
 * Words that change a phrase's meaning at one question only: `detained` asks about now, so a past
 * detention ("lo detuvo ICE el año pasado", "they let me out") is checked with the person, never taken
 * as now (a past detention said in a phrase of its own, "estuve detenido", is a blocker).
 */
export const questionDoubtWords: Partial<Record<QuestionId, Words>> = {
  detained: {
    en: ['was', 'last year', 'last month', 'they let me out', 'let me out', 'let him out', 'let her out', 'released', 'got out', 'in the past'],
    es: ['estuve', 'estaba', 'estuvo', 'el año pasado', 'el mes pasado', 'ya salí', 'ya salió', 'me soltaron', 'lo soltaron', 'la soltaron', 'salí', 'en el pasado'],
  },
};

/**
 * Words that answer only as the whole message: "y" is an English "yes" alone and the Spanish "and"
 * inside a sentence ("está en la cárcel y ...").
 */
export const aloneOnlyWords: Words = { en: ['y', 'n'], es: [] };

/** Words that start a new clause: what follows is not in the scope of a negation before them. */
export const clauseBreakWords: Words = {
  en: ['but', 'because', 'although', 'though', 'however'],
  es: ['pero', 'porque', 'aunque', 'sino'],
};
/** Words after a bare "no" that change nothing ("no, nothing", "no nunca", "no gracias"). */
export const negationFillerWords: Words = {
  en: ['nothing', 'never', 'no', 'not', 'really', 'at', 'all', 'ever', 'thanks', 'thank', 'you', 'please', 'sir', 'maam', 'none', 'nobody', 'nope', 'way'],
  es: ['nada', 'nunca', 'jamás', 'no', 'gracias', 'por', 'favor', 'ninguno', 'ninguna', 'nadie', 'señor', 'señora', 'para', 'tampoco'],
};

/** Value codes that are not read when typed: "partner" typed alone leaves marriage open (intake-spec §3). */
export const untypedCodes: Partial<Record<QuestionId, readonly string[]>> = { relationship: ['partner'] };

/** Review: words that submit the answers (intake-spec §3 table "review confirm"). */
export const confirmWords: Words = {
  en: ['confirm', 'submit', 'send', 'yes', 'looks good', 'ok', 'okay', 'all good', 'good', 'correct', 'done', 'send it', 'submit it', 'everything is correct', "that's right", 'all correct'],
  es: ['confirmar', 'enviar', 'sí', 'está bien', 'todo bien', 'confirmo', 'envíalo', 'enviarlo', 'listo', 'correcto', 'todo correcto', 'está todo bien', 'todo está bien', 'de acuerdo', 'vale'],
};

/** Review: verbs before an item's number or label ("change 3", "cambiar el 3", "edit relationship"). */
export const changeWords: Words = {
  en: ['change', 'edit', 'fix', 'correct', 'modify', 'update'],
  es: ['cambiar', 'editar', 'corregir', 'modificar', 'cambio', 'cambia', 'cambie'],
};

/** Words that make a number an option number ("option 2", "opción 2", "number 2"; "#2" too). */
export const optionWords: Words = {
  en: ['option', 'number', 'choice', 'num'],
  es: ['opción', 'número', 'nro', 'núm'],
};

/** Words allowed around an option word and a number ("the option 2", "la opción número 2", "change answer 3"). */
export const numberFillerWords: Words = {
  en: ['the', 'answer', 'question', 'item', 'my'],
  es: ['el', 'la', 'respuesta', 'pregunta', 'mi'],
};

/** Duration modifiers for time_in_us: "less than 2 years" stays under the threshold, "more than 10" passes it. */
export const durationModifierWords: Record<'less' | 'more' | 'approx', Words> = {
  less: {
    en: ['less than', 'under', 'almost', 'nearly', 'not even', 'not quite', 'a little less than', 'just under'],
    es: ['menos de', 'casi', 'ni siquiera', 'un poco menos de', 'no llega a', 'no llego a'],
  },
  more: {
    en: ['more than', 'over', 'at least', 'a little more than', 'just over', 'longer than'],
    es: ['más de', 'al menos', 'por lo menos', 'un poco más de', 'mínimo'],
  },
  approx: {
    en: ['more or less', 'about', 'around', 'approximately', 'roughly'],
    es: ['más o menos', 'aproximadamente', 'como', 'unos', 'unas', 'cerca de'],
  },
};

/** Words that put a duration in the past for hearing_when ("hace 3 días"; English "ago" is a date already). */
export const pastWords: Words = { en: ['ago'], es: ['hace'] };

export const allWords = (w: Words): readonly string[] => [...w.en, ...w.es];

/** Several word lists as one. */
function joinWords(...lists: readonly Words[]): Words {
  return { en: lists.flatMap((w) => w.en), es: lists.flatMap((w) => w.es) };
}
