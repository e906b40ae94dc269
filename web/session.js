/* The page's conversation (a module of the chat page, app.js): its data and state, and the transport,
 * with the token kept in sessionStorage (never in the URL) and refreshed before it expires. */

const STORAGE = { conversationId: 'puente.conversationId', token: 'puente.token' };
const DEFAULT_EXIT_URL = 'https://www.weather.gov/';
export const WIRE_LOCALE = { en: 'en-US', es: 'es-US' };

function readData() {
  try {
    return JSON.parse(document.getElementById('page-data').textContent);
  } catch {
    return null;
  }
}

/** The page's data (#page-data): its texts, language, exit words… `null` when missing. */
export const data = readData();
/** The answer form; its `csrf` field holds the token the server signed for this page. */
export const form = document.getElementById('send');
const csrf = form && form.elements.namedItem('csrf');

/** What the page knows of the conversation; `null` when the page lacks its data (the forms still work). */
export const state =
  data && csrf
    ? {
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
      }
    : null;

export function saveSession() {
  try {
    sessionStorage.setItem(STORAGE.conversationId, state.conversationId);
    sessionStorage.setItem(STORAGE.token, state.token);
  } catch {
    // Storage can be off (private modes): the cookie still resumes the chat.
  }
}

export function forgetSession() {
  try {
    sessionStorage.removeItem(STORAGE.conversationId);
    sessionStorage.removeItem(STORAGE.token);
  } catch {
    // nothing stored
  }
}

export function request(path, options) {
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

export async function refresh() {
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
export async function send(body) {
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
export function ensureStarted() {
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

/** Phones pause timers in background tabs: refresh a token close to expiry when the page is back. */
export function refreshWhenVisible() {
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && !state.leaving && Date.now() > state.expiresAt) refresh().catch(() => undefined);
  });
}
