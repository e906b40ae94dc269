/**
 * The Spanish glossary of intake-spec §8 and the wording rules of §1, as checks over the catalog.
 * Each rule says what it protects; a finding names the string and the words that broke it.
 */
import type { LocaleString } from './catalog';
import { stripMarkdown } from './text';

/** A word boundary that knows accented letters (JavaScript's \b does not: it would miss "tú"). */
const BOUNDARY = '(?:(?<=[\\p{L}\\p{N}])(?![\\p{L}\\p{N}])|(?<![\\p{L}\\p{N}])(?=[\\p{L}\\p{N}]))';
function words(re: RegExp): RegExp {
  return new RegExp(re.source.split('\\b').join(BOUNDARY), re.flags.includes('u') ? re.flags : `${re.flags}u`);
}

export interface WordingProblem {
  lang: 'en' | 'es';
  id: string;
  rule: string;
  found: string;
}

interface ForbiddenRule {
  rule: string;
  lang: 'en' | 'es';
  pattern: RegExp;
}

/**
 * Renderings the Spanish locale must never use (§1, §8). They apply to every string, labels too.
 */
export const FORBIDDEN_SPANISH: readonly ForbiddenRule[] = [
  { rule: 'parole is "permiso de permanencia temporal (parole)", never "libertad condicional"', lang: 'es', pattern: words(/\blibertad (condicional|bajo palabra)\b/giu) },
  { rule: 'removal is "deportación" ("proceso de deportación"), never "remoción"', lang: 'es', pattern: words(/\b(remoci[oó]n|remociones|remover|removid[oa]s?)\b/giu) },
  { rule: 'spouse is "cónyuge": the partner\'s gender is unknown, never "esposo"/"esposa"/"marido"', lang: 'es', pattern: words(/\b(espos[oa]s?|marido)\b/giu) },
  { rule: 'immigration court is "corte de inmigración"', lang: 'es', pattern: words(/\btribunal(es)? de inmigraci[oó]n\b/giu) },
  { rule: 'Notice to Appear is "Notificación de Comparecencia (NTA)"', lang: 'es', pattern: words(/\b(aviso de comparecencia|notificaci[oó]n para comparecer)\b/giu) },
  { rule: 'motion to reopen is "moción para reabrir"', lang: 'es', pattern: words(/\bmoci[oó]n de reapertura\b/giu) },
  { rule: 'prosecutorial discretion is "discreción procesal"', lang: 'es', pattern: words(/\bdiscreci[oó]n (fiscal|judicial|acusatoria)\b/giu) },
  { rule: 'adjustment of status is "ajuste de estatus"', lang: 'es', pattern: words(/\bajuste de estado\b/giu) },
  { rule: 'consular processing is "trámite consular"', lang: 'es', pattern: words(/\b(procesamiento|proceso) consular\b/giu) },
  { rule: 'entry without inspection is "entrada sin inspección", never "ilegal" for a person or an entry', lang: 'es', pattern: words(/\b(entrada ilegal|entr[oó] ilegalmente|ilegalmente|inmigrantes? ilegal(es)?|ilegales)\b/giu) },
  { rule: 'extreme hardship is "dificultad extrema"', lang: 'es', pattern: words(/\b(penuria|sufrimiento) extrem[oa]\b/giu) },
  {
    rule: 'withholding of removal is "la protección contra la deportación a su país (withholding of removal)"; "suspensión de la deportación" names a different, older relief (v3 §8, D29)',
    lang: 'es',
    pattern: words(/\b(retenci[oó]n de (la )?(deportaci[oó]n|expulsi[oó]n)|suspensi[oó]n de (la )?deportaci[oó]n)\b/giu),
  },
  { rule: 'bond is "fianza"', lang: 'es', pattern: words(/\bbonos?\b/giu) },
  { rule: 'A-number is "Número A"', lang: 'es', pattern: words(/\bn[uú]mero de extranjero\b/giu) },
  { rule: 'notario fraud is "fraude de notarios"', lang: 'es', pattern: words(/\bfraude notarial\b/giu) },
  { rule: 'the usted register: no "tú" forms', lang: 'es', pattern: words(/\b(tú|tu|tus|te|ti|contigo|puedes|tienes|quieres|eres|estás)\b/giu) },
];

/**
 * Outcome promises and advice the wording rules forbid (§1: information, never advice; never
 * "you qualify", never a predicted outcome, never choose a form, never whether something "counts").
 */
export const FORBIDDEN_PROMISES: readonly ForbiddenRule[] = [
  { rule: 'never say the person qualifies or is eligible', lang: 'en', pattern: words(/\byou (qualify|are eligible|are qualified)\b/giu) },
  { rule: 'never predict an outcome', lang: 'en', pattern: words(/\b(you will (get|win|receive|be approved|be granted|be allowed)|will be approved|guarantee[ds]?|definitely)\b/giu) },
  { rule: 'never tell the person what to file or sign', lang: 'en', pattern: words(/\byou (should|must) (file|apply|sign|marry|get married)\b/giu) },
  { rule: 'never say whether the person\'s own marriage, entry or record counts', lang: 'en', pattern: words(/\byour (marriage|entry|arrest|conviction|record) (counts|does not count|doesn't count|is valid)\b/giu) },
  { rule: 'never say the person qualifies or is eligible ("usted califica")', lang: 'es', pattern: words(/\b(usted califica|califica para|calificar para|es elegible|reúne los requisitos)\b/giu) },
  { rule: 'never predict an outcome', lang: 'es', pattern: words(/\b(le van a aprobar|le aprobarán|va a (ganar|obtener|recibir)|garantiz\p{L}*|seguro que va)\b/giu) },
  { rule: 'never tell the person what to file or sign', lang: 'es', pattern: words(/\b(usted )?debe (presentar|firmar|casarse|pedir)\b/giu) },
  { rule: 'never say whether the person\'s own marriage, entry or record counts', lang: 'es', pattern: words(/\bsu (matrimonio|entrada|arresto|condena) (cuenta|vale|no cuenta|es válid[oa])\b/giu) },
];

/**
 * Gendered words for people whose gender is unknown: Spanish names both ("abogado o abogada",
 * "juez o jueza", "ciudadano o ciudadana", "acreditado o acreditada"). The one exception is the
 * name of an institution, "colegio de abogados" (the state bar).
 */
const PAIRED = [
  { word: 'abogad', rule: 'attorney is "abogado o abogada"' },
  { word: 'ciudadan', rule: 'a citizen of unknown gender is "ciudadano o ciudadana" (or "persona con ciudadanía")' },
  { word: 'acreditad', rule: 'accredited representative is "representante acreditado o acreditada"' },
] as const;
const PAIR_INSTITUTIONS = words(/\bcolegio de abogados\b/giu);

function unpairedWords(text: string, stem: string): string[] {
  const pair = words(new RegExp(`\\b${stem}([oa])(s?)\\s+(o|y|ni)\\s+${stem}([oa])\\2\\b`, 'giu'));
  const cleaned = text.replace(PAIR_INSTITUTIONS, ' ').replace(pair, (m, a: string, _s, _c, b: string) => (a !== b ? ' ' : m));
  return cleaned.match(words(new RegExp(`\\b${stem}[oa]s?\\b`, 'giu'))) ?? [];
}

/** The glossary's rendering of a warrant (v3 §8, D33): a fixed term, not a person of unknown gender. */
const WARRANT = words(/\borden de un juez \(warrant\)/giu);

function unpairedJudges(text: string): string[] {
  const cleaned = text
    .replace(WARRANT, ' ')
    .replace(words(/\bjuez\s+(o|ni)\s+jueza\b/giu), ' ')
    .replace(words(/\bjueces\s+(y|o)\s+juezas\b/giu), ' ');
  return cleaned.match(words(/\b(juez|jueza|jueces|juezas)\b/giu)) ?? [];
}

/**
 * English terms the Spanish locale may show only as the gloss of their glossary rendering (§1: the
 * English term in parentheses after the Spanish one). An occurrence outside such a gloss is a problem.
 */
export const GLOSSED_TERMS: readonly { term: RegExp; gloss: RegExp; rule: string }[] = [
  {
    term: words(/\bparole\b/giu),
    // Two program names keep their English name after their Spanish one (v3 §8): the travel permit
    // ("permiso para viajar (advance parole)") and the ended 2024 program "parole in place".
    gloss: /(permiso de permanencia temporal \(parole\)|permiso para viajar \(advance parole\)|parole in place)/giu,
    rule: 'parole is "permiso de permanencia temporal (parole)"; advance parole is "permiso para viajar (advance parole)" (a button label may say "parole" alone)',
  },
  {
    term: words(/\bremoval proceedings\b/giu),
    gloss: /proceso de deportación \(removal proceedings\)/giu,
    rule: 'removal proceedings is "proceso de deportación (removal proceedings)"',
  },
  { term: words(/\bNTA\b/gu), gloss: /Notificación de Comparecencia \(NTA\)/gu, rule: 'Notice to Appear is "Notificación de Comparecencia (NTA)"' },
  { term: words(/\bin absentia\b/giu), gloss: /orden de deportación en ausencia \(in absentia\)/giu, rule: 'in absentia order is "orden de deportación en ausencia"' },
  { term: words(/\badministrative closure\b/giu), gloss: /cierre administrativo \(administrative closure\)/giu, rule: 'administrative closure is "cierre administrativo"' },
  { term: words(/\bmotion to reopen\b/giu), gloss: /moción para reabrir \(motion to reopen\)/giu, rule: 'motion to reopen is "moción para reabrir"' },
  {
    term: words(/\bgreen card\b/giu),
    gloss: /(tarjeta verde \(green card\)|\(tarjeta verde, green card\))/giu,
    rule: 'green card is "tarjeta verde (green card)" or "residencia permanente legal (tarjeta verde, green card)"',
  },
  {
    term: words(/(?<!visa )\bwaiver\b/giu),
    gloss: /(perdón \(exención, waiver\)|perdón provisional por presencia ilegal \(provisional waiver, I-601A\))/giu,
    rule: 'waiver is "perdón (exención)"; provisional waiver is "perdón provisional por presencia ilegal (I-601A)"',
  },
  { term: words(/\bextreme hardship\b/giu), gloss: /dificultad extrema \(extreme hardship\)/giu, rule: 'extreme hardship is "dificultad extrema"' },
  { term: words(/\bconsular processing\b/giu), gloss: /trámite consular \(consular processing\)/giu, rule: 'consular processing is "trámite consular"' },
  { term: words(/\bA-number\b/giu), gloss: /Número A \(A-number\)/giu, rule: 'A-number is "Número A"' },
  { term: words(/\bbond\b/giu), gloss: /audiencia de fianza \(bond hearing\)/giu, rule: 'bond is "fianza"' },
  {
    term: words(/\bwithholding of removal\b/giu),
    gloss: /protección contra la deportación a su país \(withholding of removal\)/giu,
    rule: 'withholding of removal is "la protección contra la deportación a su país (withholding of removal)"',
  },
  { term: words(/\basylum\b/giu), gloss: /asilo \(asylum\)/giu, rule: 'asylum is "asilo"' },
];

function unglossed(text: string, term: RegExp, gloss: RegExp): string[] {
  const spans: [number, number][] = [...text.matchAll(gloss)].map((m) => [m.index, m.index + m[0].length]);
  return [...text.matchAll(term)].filter((m) => !spans.some(([a, b]) => m.index >= a && m.index < b)).map((m) => m[0]);
}

/** Every glossary and wording problem in the catalog (meta excluded: it is never shown). */
export function wordingProblems(catalog: readonly LocaleString[]): WordingProblem[] {
  const out: WordingProblem[] = [];
  for (const s of catalog) {
    if (s.kind === 'meta') continue;
    const text = stripMarkdown(s.visible);
    const rules = s.lang === 'es' ? [...FORBIDDEN_SPANISH, ...FORBIDDEN_PROMISES] : FORBIDDEN_PROMISES;
    for (const r of rules.filter((x) => x.lang === s.lang)) {
      for (const m of text.matchAll(r.pattern)) out.push({ lang: s.lang, id: s.id, rule: r.rule, found: m[0] });
    }
    if (s.lang !== 'es') continue;
    // The bilingual strings carry an English part on purpose; only their Spanish part is Spanish.
    for (const p of PAIRED) for (const w of unpairedWords(text, p.word)) out.push({ lang: 'es', id: s.id, rule: p.rule, found: w });
    for (const w of unpairedJudges(text)) out.push({ lang: 'es', id: s.id, rule: 'immigration judge is "juez o jueza"', found: w });
    if (s.kind !== 'text') continue;
    for (const g of GLOSSED_TERMS) for (const w of unglossed(text, g.term, g.gloss)) out.push({ lang: 'es', id: s.id, rule: g.rule, found: w });
  }
  return out;
}
