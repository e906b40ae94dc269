/**
 * One i18next instance for the process, with every locale loaded at start-up (no I/O per turn).
 * Turns use a fixed translator for the conversation's language. A key missing in a language is a
 * bug: it throws, so tests catch it and production answers with the fixed apology.
 */
import i18next, { type i18n as I18n } from 'i18next';
import enCommon from '../../locales/en/common.json';
import enFindings from '../../locales/en/findings.json';
import enMeta from '../../locales/en/meta.json';
import enQuestions from '../../locales/en/questions.json';
import enReferral from '../../locales/en/referral.json';
import esCommon from '../../locales/es/common.json';
import esFindings from '../../locales/es/findings.json';
import esMeta from '../../locales/es/meta.json';
import esQuestions from '../../locales/es/questions.json';
import esReferral from '../../locales/es/referral.json';
import type { Locale } from '../../dialogs/intake';

export const namespaces = ['common', 'questions', 'findings', 'referral', 'meta'] as const;
export type Namespace = (typeof namespaces)[number];

export const resources = {
  en: { common: enCommon, questions: enQuestions, findings: enFindings, referral: enReferral, meta: enMeta },
  es: { common: esCommon, questions: esQuestions, findings: esFindings, referral: esReferral, meta: esMeta },
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
}

/** Keys remembered per language; far above the number of keys in the locales, so it only bounds a bug. */
const MEMO_LIMIT = 5000;

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
    // Texts with values ({{reference}}, {{number}}) go to i18next every time.
    const exists = new Map<string, boolean>();
    const plain = new Map<string, string>();
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
  };
}
