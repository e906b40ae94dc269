/**
 * Replies as Adaptive Cards for Microsoft Teams (design.md §4). Teams shows at most three suggested
 * actions, so every choice is a card button instead. A button submits `{ answer, question }`: the
 * answer code, understood like a typed answer, and the question it was shown with, so a button on an
 * old card (Teams keeps them clickable) cannot answer a later question. Every sentence comes from the
 * reply; this file only lays it out.
 */
import { ActivityTypes, InputHints, type Activity, type Attachment } from 'botbuilder';
import { questionById, questions, type Locale, type QuestionId } from '../../dialogs/intake';
import type { Translator } from '../i18n';
import type { Choice, Reply, ResultSection, ReviewCard } from '../render';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
/** Teams renders Adaptive Cards up to 1.5 on desktop, web and mobile. */
export const ADAPTIVE_CARD_VERSION = '1.5';

type CardElement = Record<string, unknown>;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: string;
  /** The conversation's language (en/es). */
  lang: Locale;
  /** Shown by clients that cannot render the card. */
  fallbackText: string;
  body: CardElement[];
}

/** What a card button sends back, and what the bot accepts from a card submit. */
export interface CardSubmit {
  answer: string;
  question: string;
}

const QUESTION_IDS: ReadonlySet<string> = new Set(questions.map((q) => q.id));

function card(lang: Locale, fallbackText: string, body: CardElement[]): AdaptiveCard {
  return { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: ADAPTIVE_CARD_VERSION, lang, fallbackText, body };
}

/**
 * Text blocks for markdown text: one per line, paragraphs spaced apart, so list lines ("- …") stay
 * separate on every Teams client.
 */
function textBlocks(text: string, extra: CardElement = {}): CardElement[] {
  return text
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== '')
    .flatMap((paragraph, p) =>
      paragraph.split('\n').map((line, l) => ({
        type: 'TextBlock',
        text: line,
        wrap: true,
        ...(p > 0 && l === 0 ? { spacing: 'Medium' } : l > 0 ? { spacing: 'None' } : {}),
        ...extra,
      })),
    );
}

/**
 * A button that answers. Sensitive questions (intake-spec §1) are not echoed into the chat history;
 * other answers appear there as if typed, as suggested actions do on the web.
 */
function submitAction(choice: Choice, expecting: string, echo: boolean, style?: 'positive'): CardElement {
  const value: CardSubmit = { answer: choice.value, question: expecting };
  return {
    type: 'Action.Submit',
    title: choice.title,
    ...(style ? { style } : {}),
    data: { ...value, msteams: { type: 'messageBack', ...(echo ? { displayText: choice.title } : {}), value } },
  };
}

/** One button a row: long labels stay whole, and no client limit on actions in a row applies. */
const buttonRow = (action: CardElement): CardElement => ({ type: 'ActionSet', actions: [action] });

/**
 * What a prompt with choices is waiting for: a question id, `review`, or a yes or no (`confirmRestart`,
 * and the confirmation of a reading, which the turn reads the same way).
 */
function expectingOf(reply: Reply): string {
  if (reply.channelData?.confirming) return 'confirmRestart';
  return reply.channelData?.question ?? reply.channelData?.prompt ?? 'unknown';
}

function isSensitive(expecting: string): boolean {
  return QUESTION_IDS.has(expecting) && questionById(expecting as QuestionId).sensitive;
}

export function questionCard(reply: Reply, lang: Locale): AdaptiveCard {
  const expecting = expectingOf(reply);
  const echo = !isSensitive(expecting);
  return card(lang, reply.text, [...textBlocks(reply.text), ...(reply.choices ?? []).map((c) => buttonRow(submitAction(c, expecting, echo)))]);
}

export function reviewCard(review: ReviewCard, fallback: string, t: Translator): AdaptiveCard {
  const items = review.items.map((item) => ({
    type: 'ColumnSet',
    separator: true,
    spacing: 'Medium',
    columns: [
      {
        type: 'Column',
        width: 'stretch',
        verticalContentAlignment: 'Center',
        items: [{ type: 'TextBlock', wrap: true, text: t.t('common:review.item', { number: item.number, question: item.question, answer: item.answer }) }],
      },
      { type: 'Column', width: 'auto', verticalContentAlignment: 'Center', items: [buttonRow(submitAction(item.change, 'review', true))] },
    ],
  }));
  return card(t.locale, fallback, [
    ...textBlocks(review.intro),
    ...textBlocks(t.t('channels:card.reviewHint'), { isSubtle: true }),
    ...items,
    { ...buttonRow(submitAction(review.confirm, 'review', true, 'positive')), separator: true, spacing: 'Large' },
  ]);
}

const SECTION_STYLE: Record<ResultSection['tone'], string> = {
  urgent: 'attention',
  attorney: 'warning',
  info: 'default',
  referral: 'emphasis',
  notice: 'default',
};

/** The result (intake-spec §7) as one card: a section per finding, the referral, the closing notice. */
export function resultCard(sections: readonly ResultSection[], fallback: string, lang: Locale): AdaptiveCard {
  const body = sections.map((s, i) => ({
    type: 'Container',
    style: SECTION_STYLE[s.tone],
    ...(s.tone === 'urgent' || s.tone === 'referral' ? { bleed: true } : {}),
    ...(i > 0 ? { separator: true, spacing: 'Large' } : {}),
    items: [
      ...(s.lead ? textBlocks(s.lead, { weight: 'Bolder' }) : []),
      ...(s.title ? [{ type: 'TextBlock', text: s.title, wrap: true, style: 'heading', weight: 'Bolder', size: 'Medium', ...(s.tone === 'urgent' ? { color: 'Attention' } : {}) }] : []),
      ...s.paragraphs.flatMap((p, j) => textBlocks(p, j === 0 && !s.title ? {} : { spacing: 'Small' })),
      ...(s.because ? textBlocks(s.because, { isSubtle: true, spacing: 'Small' }) : []),
    ],
  }));
  return card(lang, fallback, body);
}

/** The polite refusal in a group chat or channel, with a button to a one-on-one chat when possible. */
export function privateChatCard(text: string, buttonTitle: string, url: string, lang: Locale): AdaptiveCard {
  return card(lang, text, [...textBlocks(text), buttonRow({ type: 'Action.OpenUrl', title: buttonTitle, url })]);
}

export function cardAttachment(content: AdaptiveCard): Attachment {
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content };
}

/**
 * Replies -> Teams activities. Prompts with choices become question cards, the review step one card
 * with a change button per answer, and the result's sections one card. Other replies stay markdown.
 */
export function teamsActivities(replies: readonly Reply[], wireLocale: string, t: Translator): Partial<Activity>[] {
  const out: Partial<Activity>[] = [];
  const base = (reply: Reply, inputHint: InputHints): Partial<Activity> => ({
    type: ActivityTypes.Message,
    locale: wireLocale,
    inputHint,
    ...(reply.channelData ? { channelData: reply.channelData } : {}),
  });
  for (let i = 0; i < replies.length; i++) {
    const reply = replies[i]!;
    if (reply.card?.kind === 'section') {
      // Consecutive sections (the whole result) become one card, carrying the first one's channelData.
      const group: Reply[] = [reply];
      while (replies[i + 1]?.card?.kind === 'section') group.push(replies[++i]!);
      const sections = group.map((r) => r.card as ResultSection);
      const fallback = group.map((r) => r.text).join('\n\n');
      out.push({ ...base(reply, InputHints.IgnoringInput), attachments: [cardAttachment(resultCard(sections, fallback, t.locale))] });
    } else if (reply.card?.kind === 'review') {
      out.push({ ...base(reply, InputHints.ExpectingInput), attachments: [cardAttachment(reviewCard(reply.card, reply.text, t))] });
    } else if (reply.choices?.length) {
      out.push({ ...base(reply, InputHints.ExpectingInput), attachments: [cardAttachment(questionCard(reply, t.locale))] });
    } else {
      const asking = reply.channelData?.question !== undefined;
      out.push({ ...base(reply, asking ? InputHints.ExpectingInput : InputHints.IgnoringInput), text: reply.text, textFormat: 'markdown' });
    }
  }
  return out;
}
