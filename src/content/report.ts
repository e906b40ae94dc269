/**
 * The content report (`npm run content:report`): every scored string with its figures, the worst
 * ones flagged, and the gate summary. Plain text, fixed order and fixed rounding, so two runs over
 * the same locales print the same bytes.
 */
import type { Lang } from './catalog';
import { GATES, type GateResult, type ScoredText } from './gates';
import type { WordingProblem } from './glossary';

/** How many of the worst strings per language are flagged. */
export const WORST_FLAGGED = 10;

export interface ReportHeader {
  reviewed: string;
  reviewedBy: string;
  strings: number;
  labels: number;
}

const fixed = (n: number | undefined | null, digits = 1) => (n === undefined || n === null ? '-' : n.toFixed(digits));
const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const padLeft = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

function excerpt(text: string, n = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= n ? flat : `${flat.slice(0, n - 1)}…`;
}

/** The ids of the worst gated strings of a language (highest grade, lowest Fernández-Huerta). */
function worstIds(lang: Lang, texts: readonly ScoredText[]): Set<string> {
  const gated = texts.filter((t) => t.lang === lang && t.gated);
  const key = (t: ScoredText) => (lang === 'en' ? -(t.grade ?? 0) : (t.fernandezHuerta ?? 0));
  return new Set(
    [...gated]
      .sort((a, b) => key(a) - key(b) || a.id.localeCompare(b.id))
      .slice(0, WORST_FLAGGED)
      .map((t) => t.id),
  );
}

function table(lang: Lang, texts: readonly ScoredText[]): string[] {
  const worst = worstIds(lang, texts);
  const rows = texts.filter((t) => t.lang === lang);
  const idWidth = Math.max(...rows.map((t) => t.id.length), 3);
  const scoreHead = lang === 'en' ? padLeft('grade', 6) : `${padLeft('F-H', 6)} ${padLeft('INFLESZ', 7)}`;
  const lines = [`${scoreHead} ${padLeft('words', 5)} ${padLeft('sent', 4)} ${padLeft('syl/w', 5)} ${pad('lang', 4)} ${pad('flag', 5)} ${pad('key', idWidth)}  text`];
  for (const t of rows) {
    const c = t.counts;
    const score = lang === 'en' ? padLeft(fixed(t.grade), 6) : `${padLeft(fixed(t.fernandezHuerta), 6)} ${padLeft(fixed(t.inflesz), 7)}`;
    const flag = t.failures.length ? 'FAIL' : !t.gated ? 'short' : worst.has(t.id) ? 'worst' : '';
    lines.push(
      `${score} ${padLeft(String(c.words), 5)} ${padLeft(String(c.sentences), 4)} ${padLeft(c.words ? (c.syllables / c.words).toFixed(2) : '-', 5)} ${pad(t.detected ?? '', 4)} ${pad(flag, 5)} ${pad(t.id, idWidth)}  ${excerpt(t.visible)}`,
    );
  }
  return lines;
}

export function formatReport(result: GateResult, wording: readonly WordingProblem[], header: ReportHeader): string {
  const { en, es } = result.summaries;
  const out: string[] = [
    'Puente content report',
    `Content reviewed ${header.reviewed} (reviewed by: ${header.reviewedBy}).`,
    `${header.strings} strings in locales/ (${header.labels} option and review labels are not scored; meta is not shown to people).`,
    `Per-string gates apply to strings of ${GATES.minWords} words or more ("short" rows are listed but not gated); averages are over those strings.`,
    `Language identity applies to strings and sentences of ${GATES.languageMinWords} words or more ("lang" column). Placeholders are filled with sample values; values, figures and abbreviations count as one word of one syllable.`,
    '',
    `ENGLISH: Flesch-Kincaid grade, each at most ${GATES.en.maxGrade}, average at most ${GATES.en.maxMeanGrade}`,
    ...table('en', result.texts),
    '',
    `SPANISH: Fernández-Huerta, each at least ${GATES.es.minFernandezHuerta}, average at least ${GATES.es.minMeanFernandezHuerta}; INFLESZ (Szigriszt-Pazos) average at least ${GATES.es.minMeanInflesz}`,
    ...table('es', result.texts),
    '',
    'SUMMARY',
    `en: ${en.gated} strings gated; worst grade ${fixed(en.worst?.score, 2)} (${en.worst?.id ?? '-'}); average grade ${fixed(en.mean, 2)}`,
    `es: ${es.gated} strings gated; worst Fernández-Huerta ${fixed(es.worst?.score, 2)} (${es.worst?.id ?? '-'}); average ${fixed(es.mean, 2)}; ` +
      `INFLESZ worst ${fixed(es.worstInflesz?.score, 2)} (${es.worstInflesz?.id ?? '-'}), average ${fixed(es.meanInflesz, 2)}`,
  ];
  if (result.pass) out.push('All readability and language gates pass.');
  else out.push(`${result.failures.length} gate failure(s):`, ...result.failures.map((f) => `- ${f}`));
  out.push('', 'GLOSSARY (intake-spec §8) AND WORDING RULES (§1)');
  if (wording.length === 0) out.push('No glossary or wording problem.');
  else out.push(`${wording.length} problem(s):`, ...wording.map((w) => `- ${w.id} (${w.lang}): "${w.found}": ${w.rule}`));
  return `${out.join('\n')}\n`;
}
