/* What the page shows (a module of the chat page, app.js): messages and answer buttons built with
 * text nodes in the server's shapes (src/channels/pageHtml.ts), and the page's texts in its language. */
import { data, state } from './session.js';

export const $ = (id) => document.getElementById(id);

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Web addresses in bot text (the referral resources), the same pattern as the server's. */
const URL_PATTERN = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)]/g;

/** Text nodes, with web addresses as links that leave no referrer and no opener. */
function inline(text) {
  const nodes = [];
  let at = 0;
  for (const m of String(text).matchAll(URL_PATTERN)) {
    nodes.push(document.createTextNode(text.slice(at, m.index)));
    const a = el('a', '', m[0]);
    a.href = m[0];
    a.rel = 'noopener noreferrer';
    nodes.push(a);
    at = m.index + m[0].length;
  }
  nodes.push(document.createTextNode(text.slice(at)));
  return nodes;
}

function withText(node, text) {
  node.append(...inline(text));
  return node;
}

/** Bot text: paragraphs, `- ` lists, a `**title**` or `_because_` paragraph. Never HTML. */
function paragraphs(text) {
  const out = [];
  for (const p of String(text || '').split(/\n{2,}/)) {
    if (!p.trim()) continue;
    const lines = p.split('\n');
    if (lines.every((l) => l.startsWith('- '))) {
      const ul = el('ul');
      for (const l of lines) ul.append(withText(el('li'), l.slice(2)));
      out.push(ul);
      continue;
    }
    const strong = /^\*\*([\s\S]+)\*\*$/.exec(p);
    const em = /^_([\s\S]+)_$/.exec(p);
    const para = el('p');
    if (strong) para.append(withText(el('strong'), strong[1]));
    else if (em) para.append(withText(el('em'), em[1]));
    else {
      lines.forEach((line, i) => {
        if (i) para.append(el('br'));
        para.append(...inline(line));
      });
    }
    out.push(para);
  }
  return out;
}

export function addMessage(kind, text, lang) {
  const li = el('div', 'msg msg--' + kind);
  if (kind === 'user') li.append(el('p', '', text));
  else li.append(...paragraphs(text));
  if (lang) li.lang = lang;
  $('log').append(li);
  li.scrollIntoView({ block: 'end' });
  return li;
}

/** Replaces the answer buttons with the last reply's suggested actions. */
export function showChoices(actions) {
  const box = $('choices');
  for (const b of box.querySelectorAll('button')) b.remove();
  for (const action of actions) {
    const button = el('button', 'choice', action.title);
    button.type = 'submit';
    button.name = 'answer';
    button.value = typeof action.value === 'string' ? action.value : String((action.value && action.value.answer) || '');
    box.append(button);
  }
  box.hidden = actions.length === 0;
}

// Page texts and language: both languages come in the page's data; the page follows the bot's.

const texts = () => data.texts[state.lang];

/** Shows ('failed') or hides ('none') the "could not send" line with its "Try again" button. */
export function showStatus(kind) {
  const box = $('status');
  if (kind === 'none') {
    box.hidden = true;
    return;
  }
  $('status-text').textContent = texts().sendFailed;
  box.hidden = false;
}

function applyTexts() {
  const t = texts();
  document.documentElement.lang = state.lang;
  document.title = t.titleLabel;
  $('title').textContent = t.titleLabel;
  $('quick-exit').textContent = t.exitLabel;
  $('lang').setAttribute('aria-label', t.languageLabel);
  $('choices').setAttribute('aria-label', t.answersLabel);
  for (const node of document.querySelectorAll('[data-t]')) {
    const value = t[node.dataset.t];
    if (typeof value === 'string') node.textContent = value;
  }
  for (const button of document.querySelectorAll('#lang button')) {
    button.setAttribute('aria-pressed', String(button.value === state.lang));
  }
  if (!$('status').hidden) showStatus('failed');
}

export function setLanguage(lang) {
  if (lang === state.lang || !data.texts[lang]) return;
  state.lang = lang;
  applyTexts();
}

/** A bot reply says which language the conversation is in: the page follows it. */
export function followBot(locale) {
  if (typeof locale !== 'string') return;
  const lang = /^es/i.test(locale) ? 'es' : 'en';
  if (state.pendingLang) {
    if (lang !== state.pendingLang) return;
    state.pendingLang = null;
  }
  setLanguage(lang);
}
