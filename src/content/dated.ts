/**
 * Dated statements (intake-spec.md §1, §5): every sentence of the content that names a year states a
 * fact of the law at some date, and must rest on a source key, so the reviewing attorney can re-check
 * the dated sentences as a list (`npm run content:report`) when the law changes, month by month.
 *
 * A finding's strings rest on the sources of its rule (src/evaluator/rules.ts); the paragraphs shared
 * by several findings rest on the sources of every rule that shows them; the few dated strings outside
 * the findings name their keys in STRING_SOURCES.
 */
import { rules, sources, type SourceKey } from '../evaluator';
import type { Lang, LocaleString } from './catalog';
import { sentencesOf } from './text';

/** Dated strings outside the findings namespace, with their source keys (intake-spec §5). */
export const STRING_SOURCES: Readonly<Record<string, readonly SourceKey[]>> = {
  /** §7 item 4: USCIS papers show only male or female since April 2025. */
  'common:result.transPapers': ['S18'],
};

export interface DatedStatement {
  lang: Lang;
  /** The string's id (`findings:CODE.body`, ...). */
  id: string;
  sentence: string;
  /** The source keys it rests on; empty means none, which the content tests refuse. */
  sources: SourceKey[];
}

const YEAR = /\b(?:19|20)\d{2}\b/;

/** The source keys behind each string id of the findings namespace, from the rules that show it. */
function findingSources(): Map<string, Set<SourceKey>> {
  const byPrefix = new Map<string, Set<SourceKey>>();
  const add = (prefix: string, keys: readonly SourceKey[]) => {
    const set = byPrefix.get(prefix) ?? new Set<SourceKey>();
    for (const k of keys) set.add(k);
    byPrefix.set(prefix, set);
  };
  for (const r of rules) {
    add(`findings:${r.code}.`, r.sources);
    // Shared paragraphs rest on the sources of every rule that shows them.
    const shown = new Set<string>([...r.text({}), ...r.text({ location: 'outside_us' }), ...r.text({ location: 'in_us' })]);
    for (const key of shown) if (key.startsWith('shared.')) add(`findings:${key}`, r.sources);
  }
  return byPrefix;
}

function sourcesOf(id: string, byPrefix: Map<string, Set<SourceKey>>): SourceKey[] {
  const listed = STRING_SOURCES[id];
  if (listed) return [...listed];
  for (const [prefix, keys] of byPrefix) if (id.startsWith(prefix) || id === prefix) return [...keys];
  return [];
}

/**
 * Where legal statements live: the findings, and the result's own paragraphs. Questions and help texts
 * use years only as examples of how to answer ("since 2019").
 */
const LEGAL = (id: string) => id.startsWith('findings:') || id.startsWith('common:result.') || id in STRING_SOURCES;

/** Every legal sentence of the catalog that names a year, with the source keys it rests on. */
export function datedStatements(catalog: readonly LocaleString[]): DatedStatement[] {
  const byPrefix = findingSources();
  const out: DatedStatement[] = [];
  for (const s of catalog) {
    if (s.kind !== 'text' || !LEGAL(s.id)) continue;
    for (const sentence of sentencesOf(s.visible)) {
      if (YEAR.test(sentence)) out.push({ lang: s.lang, id: s.id, sentence, sources: sourcesOf(s.id, byPrefix) });
    }
  }
  return out;
}

/** The report's section: each dated statement with its keys and their dates, English first. */
export function formatDatedStatements(statements: readonly DatedStatement[]): string[] {
  const lines = [
    'DATED STATEMENTS (each rests on source keys of intake-spec §5; re-check them when the law changes)',
    ...Object.entries(sources).map(([key, s]) => `  ${key} (${s.date}${'unverified' in s ? `; unverified: ${s.unverified}` : ''}): ${s.citation} <${s.link}>`),
    '',
  ];
  for (const lang of ['en', 'es'] as const) {
    for (const d of statements.filter((x) => x.lang === lang)) {
      lines.push(`${lang} ${d.sources.length ? d.sources.join(',') : 'NO SOURCE'} ${d.id}: ${d.sentence.replace(/\s+/g, ' ').trim()}`);
    }
  }
  return lines;
}
