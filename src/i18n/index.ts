/**
 * One i18next instance for the process, with every locale loaded at start-up (no I/O per turn).
 * Turns use a fixed translator for the conversation's language. A key missing in a language is a
 * bug: it throws, so tests catch it and production answers with the fixed apology.
 */
import i18next, { type i18n as I18n } from 'i18next';
import enChannels from '../../locales/en/channels.json';
import enCommon from '../../locales/en/common.json';
import enFindings from '../../locales/en/findings.json';
import enMeta from '../../locales/en/meta.json';
import enQuestions from '../../locales/en/questions.json';
import enReferral from '../../locales/en/referral.json';
import esChannels from '../../locales/es/channels.json';
import esCommon from '../../locales/es/common.json';
import esFindings from '../../locales/es/findings.json';
import esMeta from '../../locales/es/meta.json';
import esQuestions from '../../locales/es/questions.json';
import esReferral from '../../locales/es/referral.json';
import enWeb from '../../locales/en/web.json';
import esWeb from '../../locales/es/web.json';
import enStaff from '../../locales/en/staff.json';
import esStaff from '../../locales/es/staff.json';
import type { Locale } from '../../dialogs/intake';

export const namespaces = ['common', 'questions', 'findings', 'referral', 'meta', 'channels', 'web', 'staff'] as const;
export type Namespace = (typeof namespaces)[number];

export const resources = {
  en: { common: enCommon, questions: enQuestions, findings: enFindings, referral: enReferral, meta: enMeta, channels: enChannels, web: enWeb, staff: enStaff },
  es: { common: esCommon, questions: esQuestions, findings: esFindings, referral: esReferral, meta: esMeta, channels: esChannels, web: esWeb, staff: esStaff },
} as const;

/** A key as `namespace:dotted.path`. */
export type TextKey = `${Namespace}:${string}`;
export type Vars = Record<string, string | number>;

export interface Translator {
  readonly locale: Locale;
  t(key: TextKey, vars?: Vars): string;
  has(key: TextKey): boolean;
}

export class MissingTextError extends Error {
  constructor(readonly key: string, readonly locale: Locale) {
    super(`missing text ${key} in ${locale}`);
    this.name = 'MissingTextError';
  }
}

export interface Texts {
  translator(locale: Locale): Translator;
  /** The fixed bilingual apology, read once at start-up so the error path depends on nothing. */
  readonly apology: string;
  /** Content review date from the locales (design.md §7). */
  readonly contentReviewed: string;
  /** Who signed the legal wording off (`meta:reviewedBy`); "pending attorney review" until someone does. */
  readonly contentReviewedBy: string;
}

/** Keys remembered per language; far above the number of keys in the locales, so it only bounds a bug. */
const MEMO_LIMIT = 5000;

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;
/** Values that i18next reads as options (plurals, context, language...) rather than as placeholders. */
const OPTION_NAMES = new Set(['count', 'context', 'ordinal', 'lng', 'lngs', 'ns', 'defaultValue', 'replace', 'returnObjects', 'joinArrays', 'postProcess', 'interpolation']);

/**
 * A text whose only i18next syntax is `{{name}}` placeholders (no nesting, formats or unescaping),
 * which `fill` completes exactly as i18next does with escapeValue off; `undefined` for any other text.
 */
function simpleTemplate(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw.includes('$t(')) return undefined;
  const rest = raw.replace(PLACEHOLDER, '');
  return rest.includes('{{') || rest.includes('}}') ? undefined : raw;
}

/** The template with every placeholder replaced by its value; `undefined` when a value is missing. */
function fill(template: string, vars: Vars): string | undefined {
  let missing = false;
  const text = template.replace(PLACEHOLDER, (_, name: string) => {
    const value = vars[name];
    if (value === undefined) missing = true;
    return String(value);
  });
  return missing ? undefined : text;
}

export function createTexts(): Texts {
  const instance: I18n = i18next.createInstance();
  void instance.init({
    resources,
    lng: 'en',
    fallbackLng: false,
    ns: [...namespaces],
    defaultNS: 'common',
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    returnEmptyString: false,
  });
  const cache = new Map<Locale, Translator>();
  const translator = (locale: Locale): Translator => {
    const known = cache.get(locale);
    if (known) return known;
    const fixed = instance.getFixedT(locale);
    // The texts never change while the process runs, so a key's existence and its text without
    // values are looked up in i18next once and remembered: a question turn asks for a dozen of them
    // (question, option labels), and each i18next lookup resolves, interpolates and post-processes.
    // A text with values ({{reference}}, {{number}}) keeps its template, filled here when it is a
    // plain one; anything else (or an option such as `count` among the values) goes to i18next.
    const exists = new Map<string, boolean>();
    const plain = new Map<string, string>();
    const templates = new Map<string, string | null>();
    const template = (key: TextKey): string | undefined => {
      let known = templates.get(key);
      if (known === undefined) {
        const colon = key.indexOf(':');
        known = simpleTemplate(instance.getResource(locale, key.slice(0, colon), key.slice(colon + 1))) ?? null;
        if (templates.size < MEMO_LIMIT) templates.set(key, known);
      }
      return known ?? undefined;
    };
    const has = (key: TextKey): boolean => {
      let found = exists.get(key);
      if (found === undefined) {
        found = instance.exists(key, { lng: locale });
        if (exists.size < MEMO_LIMIT) exists.set(key, found);
      }
      return found;
    };
    const made: Translator = {
      locale,
      has,
      t: (key, vars) => {
        if (vars === undefined) {
          const text = plain.get(key);
          if (text !== undefined) return text;
        }
        if (!has(key)) throw new MissingTextError(key, locale);
        if (vars !== undefined && !Object.keys(vars).some((name) => OPTION_NAMES.has(name))) {
          const raw = template(key);
          const filled = raw === undefined ? undefined : fill(raw, vars);
          if (filled !== undefined) return filled;
        }
        const text = fixed(key, vars ?? {}) as string;
        if (vars === undefined && plain.size < MEMO_LIMIT) plain.set(key, text);
        return text;
      },
    };
    cache.set(locale, made);
    return made;
  };
  return {
    translator,
    apology: translator('en').t('common:errors.apology'),
    contentReviewed: translator('en').t('meta:contentReviewed'),
    contentReviewedBy: translator('en').t('meta:reviewedBy'),
  };
}
