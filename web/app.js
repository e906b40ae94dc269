/*
 * Puente's chat page script. The server sends the page with the current question in it and plain
 * forms that work without this script (src/channels/webPage.ts); the script turns the same page into
 * a chat: answers go to /api/webchat/activities (docs/webchat-protocol.md) with the page's token, the
 * replies are appended to the message list (a live region), the language toggle and the quick exit
 * (button, Esc three times, typed "exit") work without a reload, and a failed send can be tried
 * again. No framework, no build step; bot text is set as text, never as HTML.
 *
 * This entry module handles what the person does (answer, switch language, leave) and starts the
 * page; session.js holds the conversation and its transport, view.js what the page shows. A browser
 * without ES modules runs none of it and keeps the no-JavaScript page (forms POST /chat), which
 * works on its own: the intended progressive enhancement.
 */
import { WIRE_LOCALE, data, ensureStarted, forgetSession, form, refreshWhenVisible, request, saveSession, send, state } from './session.js';
import { $, addMessage, followBot, setLanguage, showChoices, showStatus } from './view.js';

// What the person says: typed answers, answer buttons and the language toggle, sent without a reload

/** What the language toggle types to the bot (its language command). */
const LANGUAGE_COMMAND = { en: 'English', es: 'español' };

function randomId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
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

// Quick exit: erase the conversation, wipe the page, leave without a way back

/** How long the quick exit repeats the delete until the server confirms, before leaving anyway. */
const EXIT_DELETE_WAIT_MS = 1500;
const ESCAPE_PRESSES = 3;
const ESCAPE_WINDOW_MS = 2000;

/** What the bot treats as "leave now", normalized as the bot does: the server's list (src/understand/exitWords.ts). */
const EXIT_WORDS = data && Array.isArray(data.exitWords) ? data.exitWords.filter((w) => typeof w === 'string') : [];

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
  forgetSession();
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

// Start-up

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

function start() {
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

// Without the page's data or its form, the script stays out of the way: the forms still work.
if (state) start();
