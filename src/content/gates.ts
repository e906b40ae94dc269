/**
 * The content quality gates (docs/decisions/007-content-quality-gates.md): readability per string
 * and on average, and language identity, over every string of the catalog. The language tools
 * (an English syllable counter and a language detector, both packages) are passed in, so this module
 * has no dependency of its own.
 */
import { BILINGUAL, type Lang, type LocaleString } from './catalog';
import { fernandezHuerta, fleschKincaidGrade, szigrisztPazos } from './readability';
import { spanishSyllables } from './spanishSyllables';
import { count, proseOf, sentencesOf, wordsOf, type Counted } from './text';

export interface LanguageTools {
  englishSyllables(word: string): number;
  /** ISO 639-1 code of the text's language ('' when unknown). */
  identify(text: string): string;
}

export const GATES = {
  /** Per-string readability gates apply to strings of this many words or more. */
  minWords: 5,
  /** Strings (and sentences) this long must be identified as their locale's language. */
  languageMinWords: 10,
  en: { maxGrade: 8, maxMeanGrade: 6.5 },
  es: { minFernandezHuerta: 60, minMeanFernandezHuerta: 70, minMeanInflesz: 65 },
} as const;

/**
 * Keys left out of language identity, each for a stated reason. Keep this list tiny: a key here can
 * hide a translation mistake.
 */
export const LANGUAGE_EXCLUSIONS: Readonly<Record<string, string>> = {};

/** One scored piece of text: a whole string, or one part of a bilingual string. */
export interface ScoredText {
  lang: Lang;
  /** The string's id; a bilingual string's parts get `#en` / `#es`. */
  id: string;
  visible: string;
  counts: Counted;
  /** Per-string readability gate applies (five words or more). */
  gated: boolean;
  grade?: number;
  fernandezHuerta?: number;
  inflesz?: number;
  /** What the detector said, when the text is long enough to ask. */
  detected?: string;
  failures: string[];
}

export interface LanguageSummary {
  lang: Lang;
  gated: number;
  /** English: highest grade; Spanish: lowest Fernández-Huerta. */
  worst: { id: string; score: number } | null;
  mean: number | null;
  /** Spanish only: average INFLESZ (Szigriszt-Pazos) and the lowest one. */
  meanInflesz?: number | null;
  worstInflesz?: { id: string; score: number } | null;
  failures: string[];
}

export interface GateResult {
  texts: ScoredText[];
  summaries: Record<Lang, LanguageSummary>;
  /** Every failure, string-level and summary-level, in report order. */
  failures: string[];
  pass: boolean;
}

/** The parts of a string to score, each in its own language. */
function partsOf(s: LocaleString): { lang: Lang; id: string; visible: string; scored: string }[] {
  const separator = BILINGUAL[s.id];
  if (separator === undefined) return [{ lang: s.lang, id: s.id, visible: s.visible, scored: s.scored }];
  const visible = s.visible.split(separator);
  const scored = s.scored.split(separator);
  if (visible.length !== 2 || scored.length !== 2) throw new Error(`${s.lang}:${s.id} must have an English and a Spanish part`);
  return (['en', 'es'] as const).map((lang, i) => ({ lang, id: `${s.id}#${lang}`, visible: visible[i]!, scored: scored[i]! }));
}

function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export function scoreText(lang: Lang, text: string, tools: LanguageTools): Counted {
  return count(text, lang === 'en' ? (w) => tools.englishSyllables(w) : spanishSyllables);
}

export function runGates(catalog: readonly LocaleString[], tools: LanguageTools): GateResult {
  const texts: ScoredText[] = [];
  const seenBilingual = new Set<string>();
  for (const s of catalog) {
    if (s.kind !== 'text') continue;
    // A bilingual string is the same in both locale files: score its parts once.
    if (BILINGUAL[s.id] !== undefined) {
      if (seenBilingual.has(s.id)) continue;
      seenBilingual.add(s.id);
    }
    for (const part of partsOf(s)) {
      const counts = scoreText(part.lang, part.scored, tools);
      const scored: ScoredText = { lang: part.lang, id: part.id, visible: part.visible, counts, gated: counts.words >= GATES.minWords, failures: [] };
      if (counts.words > 0) {
        if (part.lang === 'en') scored.grade = fleschKincaidGrade(counts);
        else {
          scored.fernandezHuerta = fernandezHuerta(counts);
          scored.inflesz = szigrisztPazos(counts);
        }
      }
      if (scored.gated && scored.grade !== undefined && scored.grade > GATES.en.maxGrade) {
        scored.failures.push(`${part.id} (en): Flesch-Kincaid grade ${round(scored.grade, 2)} is above ${GATES.en.maxGrade}`);
      }
      if (scored.gated && scored.fernandezHuerta !== undefined && scored.fernandezHuerta < GATES.es.minFernandezHuerta) {
        scored.failures.push(`${part.id} (es): Fernández-Huerta ${round(scored.fernandezHuerta, 2)} is below ${GATES.es.minFernandezHuerta}`);
      }
      checkLanguage(part.lang, part.id, part.scored, tools, scored);
      texts.push(scored);
    }
  }
  const summaries = { en: summarize('en', texts), es: summarize('es', texts) };
  const failures = [...texts.flatMap((t) => t.failures), ...summaries.en.failures, ...summaries.es.failures];
  return { texts, summaries, failures, pass: failures.length === 0 };
}

/**
 * Language identity: the whole text when it has ten words or more, and every sentence of ten words
 * or more inside it, so one untranslated sentence cannot hide in a long string.
 */
function checkLanguage(lang: Lang, id: string, scored: string, tools: LanguageTools, out: ScoredText): void {
  const baseId = id.replace(/#(en|es)$/, '');
  if (LANGUAGE_EXCLUSIONS[baseId] !== undefined) return;
  const prose = proseOf(scored);
  if (wordsOf(prose).length < GATES.languageMinWords) return;
  out.detected = tools.identify(prose);
  if (out.detected !== lang) out.failures.push(`${id} (${lang}): identified as '${out.detected || 'unknown'}', not '${lang}'`);
  for (const sentence of sentencesOf(prose)) {
    if (wordsOf(sentence).length < GATES.languageMinWords) continue;
    const detected = tools.identify(sentence);
    if (detected !== lang) out.failures.push(`${id} (${lang}): the sentence “${sentence}” is identified as '${detected || 'unknown'}', not '${lang}'`);
  }
}

function summarize(lang: Lang, texts: readonly ScoredText[]): LanguageSummary {
  const gated = texts.filter((t) => t.lang === lang && t.gated);
  const failures: string[] = [];
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  if (lang === 'en') {
    const grades = gated.map((t) => ({ id: t.id, score: t.grade! }));
    const worst = grades.reduce<{ id: string; score: number } | null>((w, g) => (w === null || g.score > w.score ? g : w), null);
    const m = mean(grades.map((g) => g.score));
    if (m !== null && m > GATES.en.maxMeanGrade) failures.push(`en: average Flesch-Kincaid grade ${round(m, 2)} is above ${GATES.en.maxMeanGrade}`);
    return { lang, gated: gated.length, worst, mean: m, failures };
  }
  const fh = gated.map((t) => ({ id: t.id, score: t.fernandezHuerta! }));
  const sp = gated.map((t) => ({ id: t.id, score: t.inflesz! }));
  const lowest = (xs: { id: string; score: number }[]) => xs.reduce<{ id: string; score: number } | null>((w, g) => (w === null || g.score < w.score ? g : w), null);
  const m = mean(fh.map((g) => g.score));
  const mi = mean(sp.map((g) => g.score));
  if (m !== null && m < GATES.es.minMeanFernandezHuerta) failures.push(`es: average Fernández-Huerta ${round(m, 2)} is below ${GATES.es.minMeanFernandezHuerta}`);
  if (mi !== null && mi < GATES.es.minMeanInflesz) failures.push(`es: average INFLESZ ${round(mi, 2)} is below ${GATES.es.minMeanInflesz}`);
  return { lang, gated: gated.length, worst: lowest(fh), mean: m, meanInflesz: mi, worstInflesz: lowest(sp), failures };
}

/** Language tools from the two packages (syllable's counter, an eld detector). */
export function languageToolsFrom(syllable: (word: string) => number, detector: { detect(text: string): { language: string } }): LanguageTools {
  return { englishSyllables: (w) => syllable(w), identify: (t) => detector.detect(t).language };
}
