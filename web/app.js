/*
 * Puente's chat page script. The server sends the page with the current question already in it and
 * plain forms that work without this script (src/channels/webPage.ts). This script turns the same
 * page into a chat: answers go to /api/webchat/activities (docs/webchat-protocol.md) with the page's
 * token, the replies are appended to the message list (a live region), the language toggle and the
 * quick exit (button, Esc three times, typed "exit") work without a reload, and a failed send can be
 * tried again. No framework, no build step; bot text is set as text, never as HTML.
 */
(function () {
  'use strict';

  const STORAGE = { conversationId: 'puente.conversationId', token: 'puente.token' };
  const DEFAULT_EXIT_URL = 'https://www.weather.gov/';
  /** What the language toggle types to the bot (its language command). */
  const LANGUAGE_COMMAND = { en: 'English', es: 'español' };
  const WIRE_LOCALE = { en: 'en-US', es: 'es-US' };
  /** How long the quick exit repeats the delete until the server confirms, before leaving anyway. */
  const EXIT_DELETE_WAIT_MS = 1500;
  const ESCAPE_PRESSES = 3;
  const ESCAPE_WINDOW_MS = 2000;

  const $ = (id) => document.getElementById(id);

  let data;
  try {
    data = JSON.parse($('page-data').textContent);
  } catch {
    return; // the forms still work
  }
  /** What the bot treats as "leave now", normalized as the bot does: the server's list (src/understand/exitWords.ts). */
  const EXIT_WORDS = Array.isArray(data.exitWords) ? data.exitWords.filter((w) => typeof w === 'string') : [];
  const form = $('send');
  const csrf = form && form.elements.namedItem('csrf');
  if (!form || !csrf) return;

  const state = {
    lang: data.locale === 'es' ? 'es' : 'en',
    token: csrf.value,
    conversationId: String(csrf.value).split('.')[0],
    expiresAt: Date.now() + 25 * 60 * 1000,
    exitUrl: /^https?:\/\//i.test(data.quickExitUrl || '') ? data.quickExitUrl : DEFAULT_EXIT_URL,
    /** The language the person chose on the page, until the bot answers in it. */
    pendingLang: null,
    /** The page only showed the conversation: it is stored (started) before the first answer. */
    fresh: Boolean(data.fresh),
    starting: null,
    /** The activity waiting to be sent again after a failure. */
    failed: null,
    busy: false,
    leaving: false,
  };

  // ---------------------------------------------------------------------------------------------
  // Session: the page's token, kept in sessionStorage (never in the URL) and refreshed before expiry

  function saveSession() {
    try {
      sessionStorage.setItem(STORAGE.conversationId, state.conversationId);
      sessionStorage.setItem(STORAGE.token, state.token);
    } catch {
      // Storage can be off (private modes): the cookie still resumes the chat.
    }
  }

  function request(path, options) {
    const o = options || {};
    const headers = {};
    if (o.body !== undefined) headers['content-type'] = 'application/json';
    if (state.token) headers.authorization = 'Bearer ' + state.token;
    return fetch(path, {
      method: o.method || 'POST',
      headers,
      body: o.body === undefined ? undefined : JSON.stringify(o.body),
      credentials: 'same-origin',
      cache: 'no-store',
      keepalive: Boolean(o.keepalive),
    });
  }

  async function refresh() {
    const res = await request('/api/webchat/session/refresh');
    if (!res.ok) throw new Error('refresh: HTTP ' + res.status);
    const next = await res.json();
    state.token = next.token;
    state.conversationId = next.conversationId;
    state.expiresAt = Date.now() + (Number(next.expiresIn) || 1800) * 1000 - 5 * 60 * 1000;
    for (const field of document.querySelectorAll('input[name="csrf"]')) field.value = state.token;
    saveSession();
  }

  /** Posts one activity; returns the bot's replies. Throws on network errors and non-2xx answers. */
  async function send(body) {
    if (Date.now() > state.expiresAt) await refresh();
    let res = await request('/api/webchat/activities', { body });
    if (res.status === 401) {
      await refresh();
      res = await request('/api/webchat/activities', { body });
    }
    if (!res.ok) throw new Error('activities: HTTP ' + res.status);
    const json = await res.json();
    return Array.isArray(json.activities) ? json.activities : [];
  }

  /**
   * Starts a conversation the page only showed (the server stored nothing for a page view), once;
   * its replies (the greeting and the first question) are already on the page.
   */
  function ensureStarted() {
    if (!state.fresh) return Promise.resolve();
    if (!state.starting) {
      state.starting = send({ type: 'conversationUpdate', locale: WIRE_LOCALE[state.lang] }).then(
        () => {
          state.fresh = false;
          for (const field of document.querySelectorAll('input[name="fresh"]')) field.remove();
        },
        (err) => {
          state.starting = null;
          throw err;
        },
      );
    }
    return state.starting;
  }

  // ---------------------------------------------------------------------------------------------
  // Rendering: the same shapes as the server's (src/channels/pageHtml.ts), built with text nodes

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

  function addMessage(kind, text, lang) {
    const li = el('div', 'msg msg--' + kind);
    if (kind === 'user') li.append(el('p', '', text));
    else li.append(...paragraphs(text));
    if (lang) li.lang = lang;
    $('log').append(li);
    li.scrollIntoView({ block: 'end' });
    return li;
  }

  /** Replaces the answer buttons with the last reply's suggested actions. */
  function showChoices(actions) {
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

  function receive(replies) {
    let actions = [];
    for (const reply of replies) {
      if (!reply || reply.type !== 'message' || typeof reply.text !== 'string') continue;
      addMessage('bot', reply.text);
      actions = (reply.suggestedActions && reply.suggestedActions.actions) || [];
      followBot(reply.locale);
    }
    showChoices(actions);
  }

  function showStatus(kind) {
    const box = $('status');
    if (kind === 'none') {
      box.hidden = true;
      return;
    }
    $('status-text').textContent = texts().sendFailed;
    box.hidden = false;
  }

  // ---------------------------------------------------------------------------------------------
  // Page texts and language

  const texts = () => data.texts[state.lang];

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

  function setLanguage(lang) {
    if (lang === state.lang || !data.texts[lang]) return;
    state.lang = lang;
    applyTexts();
  }

  /** A bot reply says which language the conversation is in: the page follows it. */
  function followBot(locale) {
    if (typeof locale !== 'string') return;
    const lang = /^es/i.test(locale) ? 'es' : 'en';
    if (state.pendingLang) {
      if (lang !== state.pendingLang) return;
      state.pendingLang = null;
    }
    setLanguage(lang);
  }

  // ---------------------------------------------------------------------------------------------
  // Sending

  function randomId() {
    if (crypto.randomUUID) return crypto.randomUUID();
    return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  }

  function normalized(text) {
    return String(text)
      .toLowerCase()
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  }

  const isExitWord = (text) => typeof text === 'string' && text.length <= 40 && EXIT_WORDS.includes(normalized(text));

  /**
   * Sends what the person said (`shown` is what their message shows: a typed text or a button's
   * label) and shows the bot's answer. On failure the message stays, marked, with "Try again".
   */
  async function say(activity, shown, focusAfter) {
    if (state.leaving || state.busy) return;
    state.busy = true;
    form.setAttribute('aria-busy', 'true');
    const mine = state.failed ? state.failed.node : addMessage('user', shown);
    mine.classList.remove('msg--failed');
    state.failed = null;
    try {
      await ensureStarted();
      const replies = await send(activity);
      if (state.leaving) return;
      showStatus('none');
      receive(replies);
      if (focusAfter) focusAfter();
    } catch {
      if (state.leaving) return;
      mine.classList.add('msg--failed');
      state.failed = { activity, shown, node: mine, focusAfter };
      showStatus('failed');
    } finally {
      state.busy = false;
      form.removeAttribute('aria-busy');
    }
  }

  function message(fields) {
    const body = Object.assign({ type: 'message', locale: WIRE_LOCALE[state.lang] }, fields);
    body.channelData = { clientActivityID: randomId() };
    return body;
  }

  /** After a button answer: the first new button, else the answer box. */
  function focusAnswer() {
    const first = $('choices').querySelector('button');
    if (first && !$('choices').hidden) first.focus();
    else $('text').focus();
  }

  function onSubmitText(event) {
    event.preventDefault();
    const input = $('text');
    const text = input.value.trim();
    if (!text || state.busy) return;
    if (isExitWord(text)) return quickExit();
    input.value = '';
    say(message({ text }), text, () => input.focus());
  }

  function onChoice(event) {
    event.preventDefault();
    const button = event.submitter;
    if (!button || button.name !== 'answer' || state.busy) return;
    say(message({ text: button.textContent, value: { answer: button.value } }), button.textContent, focusAnswer);
  }

  function onLanguage(event) {
    event.preventDefault();
    const button = event.submitter;
    const lang = button && button.value;
    if (!data.texts[lang] || state.leaving) return;
    const changed = lang !== state.lang;
    setLanguage(lang);
    if (!changed) return;
    state.pendingLang = lang;
    say(message({ text: LANGUAGE_COMMAND[lang] }), LANGUAGE_COMMAND[lang]);
  }

  function retry() {
    const f = state.failed;
    if (f) say(f.activity, f.shown, f.focusAfter);
  }

  // ---------------------------------------------------------------------------------------------
  // Quick exit: erase the conversation, wipe the page, leave without a way back

  /**
   * Deletes the conversation on the server, repeating the request (the server accepts a repeat, even
   * with the revoked token) until it answers 204 or `deadline` (ms) passes. keepalive: a request in
   * flight outlives the page.
   */
  async function deleteUntilConfirmed(deadline) {
    for (let attempt = 0; Date.now() < deadline; attempt++) {
      try {
        const res = await request('/api/webchat/session', { method: 'DELETE', keepalive: true });
        if (res.status === 204 || res.status === 401) return true;
      } catch {
        // network error: try again
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** attempt, 400)));
    }
    return false;
  }

  /**
   * Leaves for `target` with no way back. Inside an iframe, the whole window goes where the browser
   * allows it (the host page would otherwise stay on screen and in the history); where it does not,
   * the host page is told with a postMessage, so its own listener leaves (README: Embedding the chat).
   */
  function leaveFor(target) {
    if (window.top !== window.self) {
      try {
        window.top.location.replace(target);
        return;
      } catch {
        // A sandbox without allow-top-navigation: ask the host page to leave (its snippet), and
        // the frame leaves at least. (Told only here, so two navigations never race each other.)
        try {
          window.parent.postMessage({ type: 'puente:quick-exit', url: target }, '*');
        } catch {
          // no parent to tell
        }
      }
    }
    location.replace(target);
  }

  function quickExit(event) {
    if (event) event.preventDefault();
    if (state.leaving) return;
    state.leaving = true;
    const deleting = state.token ? deleteUntilConfirmed(Date.now() + EXIT_DELETE_WAIT_MS) : Promise.resolve(true);
    try {
      sessionStorage.removeItem(STORAGE.conversationId);
      sessionStorage.removeItem(STORAGE.token);
    } catch {
      // nothing stored
    }
    // Nothing of the chat stays on screen, even for the moment before the neutral page loads.
    const app = $('app');
    if (app) app.remove();
    document.title = '';
    const leave = () => leaveFor(state.exitUrl);
    deleting.then(leave, leave);
  }

  function watchEscape() {
    let presses = [];
    window.addEventListener(
      'keydown',
      (event) => {
        if (event.key !== 'Escape' && event.key !== 'Esc') return;
        const now = Date.now();
        presses = presses.filter((t) => now - t < ESCAPE_WINDOW_MS);
        presses.push(now);
        if (presses.length >= ESCAPE_PRESSES) quickExit();
      },
      true,
    );
  }

  /** Phones pause timers in background tabs: refresh a token close to expiry when the page is back. */
  function refreshWhenVisible() {
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible' && !state.leaving && Date.now() > state.expiresAt) refresh().catch(() => undefined);
    });
  }

  /**
   * Keeps the app inside the visible part of the screen when an on-screen keyboard opens on browsers
   * that pan the page instead of resizing it, so the exit button never scrolls out of view.
   */
  function followVisualViewport() {
    const vv = window.visualViewport;
    if (!vv) return;
    const root = document.documentElement;
    const update = () => {
      root.style.setProperty('--app-height', Math.round(vv.height) + 'px');
      root.style.setProperty('--app-top', Math.round(vv.offsetTop) + 'px');
    };
    vv.addEventListener('resize', update);
    vv.addEventListener('scroll', update);
    update();
  }

  function init() {
    document.documentElement.classList.add('js');
    saveSession();
    followVisualViewport();
    watchEscape();
    refreshWhenVisible();
    form.addEventListener('submit', onSubmitText);
    $('choices').addEventListener('submit', onChoice);
    $('lang').addEventListener('submit', onLanguage);
    $('quick-exit').form.addEventListener('submit', quickExit);
    $('retry').addEventListener('click', retry);
    const last = $('log').lastElementChild;
    if (last) last.scrollIntoView({ block: 'end' });
  }

  init();
})();
