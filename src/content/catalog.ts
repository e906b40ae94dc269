/**
 * Every string in `locales/`, read from the folder itself (every language folder, every `.json`
 * namespace in it), so a namespace added later is covered without a change here. Each string is
 * rendered as the person sees it: placeholders filled with realistic sample values.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { VALUE_MARK } from './text';

export type Lang = 'en' | 'es';

/**
 * - `text`: sentences the person reads (questions, help, findings, referral, notices).
 * - `label`: a button, an option or a review-step label; short by design, and what typed answers
 *   are matched against, so it is not scored for readability.
 * - `meta`: data about the content (the review date), never shown in the chat.
 */
export type StringKind = 'text' | 'label' | 'meta';

export interface LocaleString {
  lang: Lang;
  /** `namespace:dotted.key`, as the code asks for it (plural suffixes kept). */
  id: string;
  kind: StringKind;
  /** The raw value in the locale file. */
  template: string;
  /** As the person sees it, with sample values. */
  visible: string;
  /** As scored: every placeholder's value replaced by VALUE_MARK (one word of one syllable). */
  scored: string;
}

/**
 * Strings that are bilingual on purpose (shown before the language is known, or on the error path
 * that depends on nothing): the same value in both locales, the English part first.
 */
export const BILINGUAL: Readonly<Record<string, string>> = {
  'common:greeting': '\n\n',
  'common:errors.apology': '\n\n',
  'questions:language.text': ' / ',
};

const localeFile = z.record(z.string(), z.unknown());

function kindOf(namespace: string, key: string): StringKind {
  if (namespace === 'meta') return 'meta';
  const parts = key.split('.');
  const last = parts[parts.length - 1] ?? '';
  if (parts.includes('options')) return 'label';
  if (namespace === 'questions' && last === 'review') return 'label';
  if (/Label$/.test(last)) return 'label';
  return 'text';
}

function leaves(value: unknown, prefix: string, out: [string, string][], file: string): void {
  if (typeof value === 'string') {
    out.push([prefix, value]);
    return;
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) leaves(v, prefix ? `${prefix}.${k}` : k, out, file);
    return;
  }
  throw new Error(`${file}: ${prefix} is neither a string nor an object of strings`);
}

export type SampleValues = Readonly<Record<Lang, Readonly<Record<string, string>>>>;

export class MissingSampleError extends Error {
  constructor(readonly id: string, readonly placeholder: string) {
    super(`${id} uses {{${placeholder}}}, which has no sample value: add one to the content samples`);
    this.name = 'MissingSampleError';
  }
}

function fill(id: string, template: string, values: Readonly<Record<string, string>>, mark: boolean): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, name: string) => {
    const value = values[name];
    if (value === undefined) throw new MissingSampleError(id, name);
    return mark ? VALUE_MARK : value;
  });
}

/** The language folders of `locales/` (two-letter names). */
export function localeLanguages(localesDir: string): Lang[] {
  return readdirSync(localesDir)
    .filter((d) => statSync(path.join(localesDir, d)).isDirectory())
    .sort()
    .map((d) => {
      if (d !== 'en' && d !== 'es') throw new Error(`locales/${d}: the content gates know English and Spanish only`);
      return d;
    });
}

/** Every string of every namespace, in a fixed order: language, namespace (file name), file order. */
export function readCatalog(localesDir: string, samples: SampleValues): LocaleString[] {
  const out: LocaleString[] = [];
  for (const lang of localeLanguages(localesDir)) {
    const dir = path.join(localesDir, lang);
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
    for (const file of files) {
      const namespace = file.replace(/\.json$/, '');
      const parsed = localeFile.parse(JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
      const pairs: [string, string][] = [];
      leaves(parsed, '', pairs, `${lang}/${file}`);
      for (const [key, template] of pairs) {
        const id = `${namespace}:${key}`;
        out.push({
          lang,
          id,
          kind: kindOf(namespace, key),
          template,
          visible: fill(id, template, samples[lang], false),
          scored: fill(id, template, samples[lang], true),
        });
      }
    }
  }
  return out;
}
