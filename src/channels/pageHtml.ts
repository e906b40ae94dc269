/**
 * The chat page as HTML (issue 20): the current question rendered on the server from the same
 * Reply objects every channel gets, as plain forms that work without JavaScript (one question per
 * page). web/app.js then turns the same markup into the chat. Every text is escaped here; bot text is
 * plain text with the few markdown marks render.ts writes (`**title**`, `_because_`, `- ` lists).
 */
import type { Locale } from '../../dialogs/intake';
import type { Translator } from '../i18n';
import type { Choice, Reply } from '../render';

/**
 * The page's style and script. The script is ES modules: the entry is loaded with
 * `<script type="module">` (deferred, as every module script is) and the modules it imports are
 * listed with `<link rel="modulepreload">`, so a slow network fetches them all at once instead of one
 * import after another. A browser without module support ignores both and keeps the no-JavaScript
 * page, whose forms work on their own: acceptable progressive enhancement.
 */
export interface PageAssets {
  /** The script's entry module. */
  script: string;
  /** Every module the entry imports (hashed URLs, like the entry's): preloaded, so none waits for its importer. */
  modules: readonly string[];
  style: string;
}

export interface PageModel {
  locale: Locale;
  /** The page texts in the page's language. */
  t: Translator;
  /** Both languages' page texts for the script's language toggle. */
  texts: Record<Locale, Record<string, string>>;
  organization?: string;
  replies: readonly Reply[];
  /** The signed token of this conversation: the forms' CSRF field and the script's bearer token. */
  token: string;
  quickExitUrl: string;
  /** The typed words the script leaves on instead of sending (understand/exitWords.ts). */
  exitWords: readonly string[];
  assets: PageAssets;
  sessionDays: number;
  recordDays: number;
  /** A line above the replies (an expired form). */
  status?: string;
  /** The conversation is only shown, not stored yet: the forms and the script start it with the first answer. */
  fresh?: boolean;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Days as the notice says them: whole numbers plainly, fractions to one decimal. */
export function days(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** Web addresses in bot text (the referral resources), made links as Web Chat did. */
const URL_PATTERN = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)]/g;

/** Escaped text with its web addresses as links that leave no referrer and no opener. */
function inline(text: string): string {
  let out = '';
  let at = 0;
  for (const m of text.matchAll(URL_PATTERN)) {
    out += escapeHtml(text.slice(at, m.index));
    out += `<a href="${escapeHtml(m[0])}" rel="noopener noreferrer">${escapeHtml(m[0])}</a>`;
    at = m.index + m[0].length;
  }
  return out + escapeHtml(text.slice(at));
}

/** One paragraph of bot text as HTML. */
function paragraph(p: string): string {
  const lines = p.split('\n');
  if (lines.every((l) => l.startsWith('- '))) return `<ul>${lines.map((l) => `<li>${inline(l.slice(2))}</li>`).join('')}</ul>`;
  const strong = /^\*\*(.+)\*\*$/s.exec(p);
  if (strong) return `<p><strong>${inline(strong[1]!)}</strong></p>`;
  const em = /^_(.+)_$/s.exec(p);
  if (em) return `<p><em>${inline(em[1]!)}</em></p>`;
  return `<p>${lines.map(inline).join('<br>')}</p>`;
}

export function textHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .filter((p) => p.trim())
    .map(paragraph)
    .join('');
}

/** The choices to offer now: those of the last reply that has any. */
export function currentChoices(replies: readonly Reply[]): Choice[] {
  for (let i = replies.length - 1; i >= 0; i--) {
    const c = replies[i]!.choices;
    if (c?.length) return c;
  }
  return [];
}

/**
 * One bot reply. `data-question` names the question it asks and `data-result` marks the result, as
 * channelData does on the wire (no answer and no finding code is written into the page).
 */
function messageHtml(r: Reply): string {
  const question = r.channelData?.question ? ` data-question="${escapeHtml(r.channelData.question)}"` : '';
  const result = r.channelData?.intakeResult ? ' data-result=""' : '';
  // elementtiming on the question's paragraphs (text is timed by its own element): the benchmark
  // reads when the question was painted (bench/page.ts).
  const html = r.channelData?.question ? textHtml(r.text).replace(/<p>/g, '<p elementtiming="question">') : textHtml(r.text);
  return `<div class="msg msg--bot"${question}${result}>${html}</div>`;
}

const csrfField = (token: string) => `<input type="hidden" name="csrf" value="${escapeHtml(token)}">`;

/** JSON inside a <script type="application/json"> element: never closes the element. */
function jsonData(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

export function renderPage(m: PageModel): string {
  const hidden = (token: string) => `${csrfField(token)}${m.fresh ? '<input type="hidden" name="fresh" value="1">' : ''}`;
  const t = (key: string, vars?: Record<string, string | number>) => escapeHtml(m.t.t(`web:${key}`, vars));
  const choices = currentChoices(m.replies);
  const langButton = (lang: Locale, label: string) =>
    `<button type="submit" class="lang__button" name="lang" value="${lang}" lang="${lang}" aria-pressed="${lang === m.locale}">${label}</button>`;
  const messages = m.replies.map(messageHtml).join('');
  const choiceForm = choices.length
    ? `<form method="post" action="/chat" class="choices" id="choices" aria-label="${t('answersLabel')}">${hidden(m.token)}${choices
        .map((c) => `<button type="submit" class="choice" name="answer" value="${escapeHtml(c.value)}">${escapeHtml(c.title)}</button>`)
        .join('')}</form>`
    : `<form method="post" action="/chat" class="choices" id="choices" aria-label="${t('answersLabel')}" hidden>${hidden(m.token)}</form>`;
  return `<!doctype html>
<html lang="${m.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, interactive-widget=resizes-content">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<meta name="color-scheme" content="light">
<title>${t('titleLabel')}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${escapeHtml(m.assets.style)}">
<script type="module" src="${escapeHtml(m.assets.script)}"></script>
${m.assets.modules.map((u) => `<link rel="modulepreload" href="${escapeHtml(u)}">\n`).join('')}</head>
<body>
<div class="app" id="app">
<header class="topbar">
<div class="brand"><p class="brand__name">Puente</p>${m.organization ? `<p class="brand__org" id="org">${escapeHtml(m.organization)}</p>` : ''}</div>
<form method="post" action="/exit" class="exit-form" data-exit-url="${escapeHtml(m.quickExitUrl)}">${hidden(m.token)}<button type="submit" class="exit" id="quick-exit">${t('exitLabel')}</button></form>
<form method="post" action="/chat" class="lang" id="lang" aria-label="${t('languageLabel')}">${hidden(m.token)}${langButton('en', 'English')}${langButton('es', 'Español')}</form>
</header>
<main class="main" id="main">
<h1 class="visually-hidden" id="title">${t('titleLabel')}</h1>
<details class="notice" id="notice">
<summary class="notice__summary" data-t="notice.summary">${t('notice.summary')}</summary>
<ul class="notice__list">
<li data-t="notice.advice">${t('notice.advice')}</li>
<li data-t="notice.stored">${t('notice.stored', { sessionDays: days(m.sessionDays), recordDays: days(m.recordDays) })}</li>
<li data-t="notice.exit">${t('notice.exit')}</li>
<li data-t="notice.delete">${t('notice.delete')}</li>
</ul>
</details>
<section class="chat" id="chat" aria-labelledby="chat-label">
<h2 class="visually-hidden" id="chat-label" data-t="chatLabel">${t('chatLabel')}</h2>
<div class="log" id="log" role="log" aria-live="polite" aria-labelledby="chat-label" tabindex="0">${m.status ? `<div class="msg msg--notice">${textHtml(m.status)}</div>` : ''}${messages}</div>
<div class="status" id="status" hidden><p id="status-text" role="alert"></p><button type="button" class="status__retry" id="retry" data-t="retryLabel">${t('retryLabel')}</button></div>
<div class="reply">
${choiceForm}
<form method="post" action="/chat" class="send" id="send">${hidden(m.token)}<label for="text" class="visually-hidden" data-t="answerLabel">${t('answerLabel')}</label><input type="text" id="text" name="text" class="send__input" autocomplete="off" autocapitalize="sentences" maxlength="2000" enterkeyhint="send"><button type="submit" class="send__button" data-t="sendLabel">${t('sendLabel')}</button></form>
</div>
</section>
</main>
</div>
<script type="application/json" id="page-data">${jsonData({ locale: m.locale, texts: m.texts, quickExitUrl: m.quickExitUrl, exitWords: m.exitWords, fresh: Boolean(m.fresh) })}</script>
</body>
</html>
`;
}
