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
import type { Locale } from '../../dialogs/intake';

export const namespaces = ['common', 'questions', 'findings', 'referral', 'meta', 'channels'] as const;
export type Namespace = (typeof namespaces)[number];

export const resources = {
  en: { common: enCommon, questions: enQuestions, findings: enFindings, referral: enReferral, meta: enMeta, channels: enChannels },
  es: { common: esCommon, questions: esQuestions, findings: esFindings, referral: esReferral, meta: esMeta, channels: esChannels },
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
    const made: Translator = {
      locale,
      has: (key) => instance.exists(key, { lng: locale }),
      t: (key, vars) => {
        if (!instance.exists(key, { lng: locale })) throw new MissingTextError(key, locale);
        return fixed(key, vars ?? {}) as string;
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
