/**
 * The review step: confirm, or pick an answer to change by its number ("3", "change 3", "cambiar el 3")
 * or by its review label in either language ("change relationship", "pareja").
 */
import type { QuestionId } from '../../dialogs/intake/answers';
import { isQuestionId } from '../../dialogs/intake/questions';
import { allWords, changeWords, numberFillerWords, optionWords } from './lexicon';
import { normalize } from './normalize';
import { optionNumber, pick } from './optionNumber';
import { LABEL_PRIORITY, longestMatch, PhraseSet } from './phraseMatcher';
import { answer, notUnderstood, type UnderstandContext, type Understanding } from './types';
import { langs, phraseSetFor } from './vocabulary';

const CHANGE_PREFIX = 'change:';
const changeSet = new Set(allWords(changeWords).map(normalize));
const fillerSet = new Set([...allWords(numberFillerWords), ...allWords(optionWords)].map(normalize));

export function reviewButton(button: string, ctx: UnderstandContext): Understanding | undefined {
  if (button === 'confirm') return answer('confirm');
  if (!button.startsWith(CHANGE_PREFIX)) return undefined;
  const id = button.slice(CHANGE_PREFIX.length);
  return isQuestionId(id) && ctx.reviewItems.includes(id) ? { kind: 'change', question: id } : undefined;
}

/** "change 3", "no, cambiar el número 3": a change verb followed only by filler words and a number. */
function changeNumber(tokens: readonly string[]): number | undefined {
  const last = tokens[tokens.length - 1];
  if (last === undefined || !/^\d{1,3}$/.test(last)) return undefined;
  for (let i = tokens.length - 2; i >= 0; i--) {
    const t = tokens[i]!;
    if (changeSet.has(t)) return Number(last);
    if (!fillerSet.has(t)) return undefined;
  }
  return undefined;
}

export function understandReview(text: string, tokens: readonly string[], ctx: UnderstandContext): Understanding {
  const n = changeNumber(tokens) ?? optionNumber(text, tokens, true);
  if (n !== undefined) {
    const question = pick(ctx.reviewItems, n);
    return question ? { kind: 'change', question } : notUnderstood('noMatch');
  }
  const labels = new PhraseSet();
  for (const q of ctx.reviewItems) {
    const target = `${CHANGE_PREFIX}${q}`;
    labels.add(q, target, LABEL_PRIORITY);
    for (const lang of langs) {
      const label = ctx.labels.reviewLabel(q, lang);
      if (label !== undefined) labels.add(label, target, LABEL_PRIORITY);
    }
  }
  const found = longestMatch(tokens, [phraseSetFor('review'), labels]);
  if (found.kind !== 'value') return notUnderstood('noMatch');
  if (found.value === 'confirm') return answer('confirm');
  const id = found.value.slice(CHANGE_PREFIX.length) as QuestionId;
  return { kind: 'change', question: id };
}
