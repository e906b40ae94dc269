/** Option and review labels as people see them, read from the translated texts (both languages). */
import type { Texts, TextKey } from '../i18n';
import type { LabelSource } from './types';

/** One label source per set of texts, made once: the understanding layer caches what it builds from it. */
const labelSources = new WeakMap<Texts, LabelSource>();

export function labelSource(texts: Texts): LabelSource {
  let known = labelSources.get(texts);
  if (!known) labelSources.set(texts, (known = makeLabelSource(texts)));
  return known;
}

function makeLabelSource(texts: Texts): LabelSource {
  return {
    option: (question, value, lang) => {
      const t = texts.translator(lang);
      const key = `questions:${question}.options.${value}` as TextKey;
      return t.has(key) ? t.t(key) : undefined;
    },
    reviewLabel: (question, lang) => {
      const t = texts.translator(lang);
      const key = `questions:${question}.review` as TextKey;
      return t.has(key) ? t.t(key) : undefined;
    },
  };
}
