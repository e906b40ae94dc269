/**
 * The understanding layer: what a typed message or a button press means for the question being asked,
 * in English and Spanish whatever the conversation's language (intake-spec §2, §3). Pure: no I/O and
 * no user-facing text; the words it knows are data in lexicon.ts.
 *
 * Order of reading a turn:
 * 1. A button value (untrusted) that is a valid code for what is expected, or a `command:<name>`.
 * 2. A whole-message command ("help", "atrás", "?"). At the `language` question a language name is
 *    the answer instead. Commands win during contact_name / contact_value too: a person named "Stop"
 *    cannot type only that, which is the price of a quick exit that always works.
 * 3. Free text (contact_name, contact_value), review, confirmRestart, or a choice: its code, option
 *    number, label in either language (LabelSource), synonyms; the longest matching phrase wins and a
 *    tie between different values is not understood. Words a negation governs do not count, and the
 *    readings that decide safety (readings.ts, relationship.ts) come after: at `relationship` a lone
 *    "pareja" / "partner" leaves the answer open (`married_check` is asked). time_in_us, hearing_when
 *    and former_when also read durations and dates with recognizers-text. At time_in_us a bare number
 *    is years ("12"); "option 2" or "#2" picks an option; at former_when a bare year ("2023") is a year.
 * 4. A phrase found inside a longer message is taken only when the rest of the message cannot change it,
 *    and otherwise confirmed once (`tentative`, confidence.ts). Every answer to a typed choice says how
 *    it was reached (`how`: label, number, phrase or date).
 *
 * Only the first 500 characters of a message are matched (MATCH_CAP); recognizers read the first 200.
 * Contact fields are validated on the whole text.
 */
import { answerSchemas, type QuestionId } from '../../dialogs/intake/answers';
import { commandNames } from '../../dialogs/intake/commands';
import { understandContactName, understandContactValue } from './contact';
import { formerWhenFromBareYear, formerWhenFromPlainText, formerWhenFromText } from './formerWhen';
import { hearingWhenFromText } from './hearingWhen';
import { isLoneQuestionMark, normalize, tokenize } from './normalize';
import { optionNumber, pick } from './optionNumber';
import { LABEL_PRIORITY, longestMatch, PhraseSet } from './phraseMatcher';
import { judge, type Evidence } from './confidence';
import { readChoice } from './readings';
import { reviewButton, understandReview } from './review';
import { bucketYears, timeInUsFromPlainText, timeInUsFromText, yearsFromBareNumber } from './timeInUs';
import {
  answer,
  notUnderstood,
  type CommandName,
  type Expecting,
  type Lang,
  type LabelSource,
  type UnderstandContext,
  type Understanding,
} from './types';
import { untypedCodes } from './lexicon';
import { commandFor, langs, phraseSetFor, valuesFor } from './vocabulary';

export type { CommandName, Expecting, LabelSource, UnderstandContext, Understanding };
export { culture, warmUpRecognizers, type Recognizer } from './recognizers';
export { labelSource } from './labelSource';
import { ageAnswer } from './age';

/** The questions whose typed answers may need the date and number models (recognizers-text). */
export function readsDates(question: QuestionId): boolean {
  return question === 'time_in_us' || question === 'hearing_when' || question === 'former_when';
}

/** Longest button value looked at; real codes are short. */
const MAX_BUTTON_CHARS = 100;
const COMMAND_PREFIX = 'command:';

/**
 * What `input` means while `ctx.expecting` is asked. `button` is the `value.answer` of a button or card
 * submit (untrusted); `text` is what was typed. Never throws.
 */
export function understand(input: { text?: string; button?: unknown }, ctx: UnderstandContext): Understanding {
  const fromButton = understandButton(input.button, ctx);
  if (fromButton) return fromButton;
  const text = typeof input.text === 'string' ? input.text : '';
  const trimmed = text.trim();
  const pressed = input.button !== undefined && input.button !== null;

  if (trimmed !== '') {
    const command = understandCommand(trimmed, ctx);
    if (command) return command;
  }
  if (ctx.expecting === 'contact_name') return understandContactName(text);
  if (ctx.expecting === 'contact_value') return understandContactValue(text, ctx.answers);
  if (trimmed === '') return notUnderstood(pressed ? 'noMatch' : 'empty');

  const tokens = tokenize(trimmed);
  if (ctx.expecting === 'review') return understandReview(trimmed, tokens, ctx);
  if (ctx.expecting === 'confirmRestart') {
    const found = longestMatch(tokens, [phraseSetFor('confirmRestart')]);
    return found.kind === 'value' ? answer(found.value) : notUnderstood('noMatch');
  }
  return understandChoice(ctx.expecting, trimmed, tokens, ctx);
}

function understandButton(button: unknown, ctx: UnderstandContext): Understanding | undefined {
  if (typeof button !== 'string' || button.length > MAX_BUTTON_CHARS) return undefined;
  if (button.startsWith(COMMAND_PREFIX)) return commandButton(button.slice(COMMAND_PREFIX.length), ctx);
  switch (ctx.expecting) {
    case 'review':
      return reviewButton(button, ctx);
    case 'confirmRestart':
      return button === 'yes' || button === 'no' ? answer(button) : undefined;
    case 'contact_name':
    case 'contact_value':
      return undefined; // free text comes typed, never from a button
    default:
      return answerSchemas[ctx.expecting].safeParse(button).success ? answer(button) : undefined;
  }
}

/** `command:help` ... ; `command:language:es`, or `command:language` for the other language. */
function commandButton(rest: string, ctx: UnderstandContext): Understanding | undefined {
  const [name, locale] = rest.split(':');
  if (name === 'language') {
    const target: Lang = locale === 'en' || locale === 'es' ? locale : ctx.answers.language === 'es' ? 'en' : 'es';
    if (locale !== undefined && locale !== target) return undefined;
    return ctx.expecting === 'language' ? answer(target) : { kind: 'command', command: 'language', locale: target };
  }
  const command = commandNames.find((c) => c === name);
  return command && command !== 'language' && locale === undefined ? { kind: 'command', command } : undefined;
}

function understandCommand(text: string, ctx: UnderstandContext): Understanding | undefined {
  if (isLoneQuestionMark(text)) return { kind: 'command', command: 'help' };
  const command = commandFor(normalize(text));
  if (command?.command === 'language' && ctx.expecting === 'language') return answer(command.locale, 'label');
  return command;
}

/**
 * Labels as shown to people, in both languages, for this question's values. Labels do not change
 * while a process runs, so each set is built once per label source and question.
 */
const labelSets = new WeakMap<LabelSource, Map<QuestionId, PhraseSet>>();
function labelSet(question: QuestionId, labels: LabelSource): PhraseSet {
  let perQuestion = labelSets.get(labels);
  if (!perQuestion) labelSets.set(labels, (perQuestion = new Map()));
  const known = perQuestion.get(question);
  if (known) return known;
  const set = buildLabelSet(question, labels);
  perQuestion.set(question, set);
  return set;
}

function buildLabelSet(question: QuestionId, labels: LabelSource): PhraseSet {
  const set = new PhraseSet();
  for (const value of valuesFor(question)) {
    for (const lang of langs) {
      const label = labels.option(question, value, lang);
      if (label !== undefined) set.add(label, value, LABEL_PRIORITY);
    }
  }
  return set;
}

function understandChoice(question: QuestionId, text: string, tokens: readonly string[], ctx: UnderstandContext): Understanding {
  const values = valuesFor(question);
  const lower = text.toLowerCase();
  if (values.includes(lower) && !untypedCodes[question]?.includes(lower)) return answer(lower, 'label');

  const isTime = question === 'time_in_us';
  const picked = pick(values, optionNumber(text, tokens, !isTime));
  if (picked !== undefined) return answer(picked, 'number');
  if (isTime) {
    const years = yearsFromBareNumber(text, ctx.today);
    if (years !== undefined) {
      const bucket = bucketYears(years);
      return bucket ? answer(bucket, 'date') : notUnderstood('noMatch');
    }
  }
  if (question === 'under_21') {
    const age = ageAnswer(tokens);
    if (age) return age;
  }
  if (question === 'former_when') {
    const year = formerWhenFromBareYear(text, ctx.today);
    if (year !== undefined) return year ? answer(year, 'date') : notUnderstood('noMatch');
  }
  if (tokens.length === 1 && /^\d+$/.test(tokens[0]!)) return notUnderstood('noMatch'); // a number, but no such option

  const { reading, evidence } = readChoice(question, text, tokens, labelSet(question, ctx.labels));
  if (reading.kind === 'value') return judged(question, reading.value, evidence);
  if (reading.kind === 'open') return { kind: 'open', followUp: 'married_check' };
  if (isTime || question === 'former_when') {
    const plain = isTime ? timeInUsFromPlainText(text, ctx.today) : formerWhenFromPlainText(text, ctx.today);
    if (plain !== undefined) return plain ? answer(plain, 'date') : notUnderstood('noMatch');
  }

  const preferred: Lang = ctx.answers.language ?? 'en';
  const parsed =
    question === 'time_in_us'
      ? timeInUsFromText(text, tokens, ctx.today, preferred, ctx.recognizer)
      : question === 'hearing_when'
        ? hearingWhenFromText(text, tokens, ctx.today, preferred, ctx.recognizer)
        : question === 'former_when'
          ? formerWhenFromText(text, tokens, ctx.today, preferred, ctx.recognizer)
          : undefined;
  return parsed ? answer(parsed, 'date') : notUnderstood('noMatch');
}

/**
 * A reading of words is taken when the rest of the message cannot change it, and otherwise confirmed
 * with the person once (confidence.ts): a silent misreading gives someone wrong legal information.
 */
function judged(question: QuestionId, value: string, evidence: Evidence): Understanding {
  const { how, sure } = judge(question, value, evidence);
  return sure ? answer(value, how) : { kind: 'tentative', value, how };
}
