/*
 * Puente's chat page: Microsoft Web Chat connected to the bot through /api/webchat/*
 * (docs/webchat-protocol.md), with a quick exit, a language toggle and a privacy notice.
 * Plain browser JavaScript, no build step; the page's CSP allows scripts from this origin only.
 */
(function () {
  'use strict';

  /** Every page text, same keys in both languages. Web Chat's own strings come from its locale. */
  const TEXTS = {
    en: {
      docTitle: 'Puente: immigration help chat',
      exit: 'Exit quickly',
      languageGroup: 'Language',
      chatLabel: 'Chat',
      noticeSummary: 'Your privacy and safety',
      noticeAdvice: 'This chat gives general information. It is not legal advice.',
      noticeStored:
        'We save your answers in a locked (encrypted) form. If you do not finish, we erase them after 30 days. If you send them, we erase them 90 days later.',
      noticeExit: 'To leave fast, press “Exit quickly”, press Esc 3 times, or type “exit”. This erases the chat.',
      noticeDelete: 'To erase your answers at any time, type “delete”.',
      connecting: 'Connecting…',
      startFailed: 'We could not start the chat. Please check your connection and try again.',
      retry: 'Try again',
    },
    es: {
      docTitle: 'Puente: chat de ayuda con inmigración',
      exit: 'Salida rápida',
      languageGroup: 'Idioma',
      chatLabel: 'Chat',
      noticeSummary: 'Su privacidad y seguridad',
      noticeAdvice: 'Este chat da información general. No es asesoría legal.',
      noticeStored:
        'Guardamos sus respuestas bajo llave (cifradas). Si no termina, las borramos a los 30 días. Si las envía, las borramos 90 días después.',
      noticeExit: 'Para salir rápido, toque “Salida rápida”, oprima Esc 3 veces o escriba “salir”. Esto borra el chat.',
      noticeDelete: 'Para borrar sus respuestas en cualquier momento, escriba “borrar”.',
      connecting: 'Conectando…',
      startFailed: 'No pudimos abrir el chat. Revise su conexión e intente otra vez.',
      retry: 'Intentar otra vez',
    },
  };

  const STORAGE = { conversationId: 'puente.conversationId', token: 'puente.token' };
  const DEFAULT_EXIT_URL = 'https://www.weather.gov/';
  /**
   * What the bot treats as "leave now" (its exit command, src/understand/lexicon.ts), normalized:
   * the page leaves on these too, without sending them.
   */
  const EXIT_WORDS = ['exit', 'quit', 'stop', 'quick exit', 'salir', 'salida rapida'];
  /** What the language toggle types to the bot (its language command). */
  const LANGUAGE_COMMAND = { en: 'English', es: 'español' };
  const WEBCHAT_LOCALE = { en: 'en-US', es: 'es-US' };
  const USER_ID = 'person';
  /** How long the quick exit repeats the delete until the server confirms, before leaving anyway. */
  const EXIT_DELETE_WAIT_MS = 1500;
  const ESCAPE_PRESSES = 3;
  const ESCAPE_WINDOW_MS = 2000;

  const ConnectionStatus = { Uninitialized: 0, Connecting: 1, Online: 2, Ended: 5 };

  const state = {
    lang: initialLanguage(),
    quickExitUrl: DEFAULT_EXIT_URL,
    organization: null,
    /** { conversationId, token } */
    session: null,
    renewing: null,
    refreshTimer: 0,
    /** When the current token expires (ms). */
    expiresAt: 0,
    store: null,
    directLine: null,
    /** The language the person chose on the page, until the bot answers in it. */
    pendingLang: null,
    leaving: false,
  };

  function initialLanguage() {
    const langs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en'];
    return /^es\b/i.test(String(langs[0] || '')) ? 'es' : 'en';
  }

  const $ = (id) => document.getElementById(id);

  // ---------------------------------------------------------------------------------------------
  // Page texts and language

  function applyTexts() {
    const t = TEXTS[state.lang];
    document.documentElement.lang = state.lang;
    document.title = t.docTitle;
    for (const el of document.querySelectorAll('[data-t]')) el.textContent = t[el.dataset.t];
    for (const el of document.querySelectorAll('[data-t-label]')) el.setAttribute('aria-label', t[el.dataset.tLabel]);
    for (const button of document.querySelectorAll('[data-lang]')) {
      button.setAttribute('aria-pressed', String(button.dataset.lang === state.lang));
    }
    const org = $('org');
    if (state.organization && state.organization[state.lang]) {
      org.textContent = state.organization[state.lang];
      org.hidden = false;
    }
  }

  /** Switches the page and Web Chat's own strings; the transcript stays (same store, same connection). */
  function setLanguage(lang) {
    if (lang === state.lang || !TEXTS[lang]) return;
    state.lang = lang;
    applyTexts();
    renderChat();
  }

  /** The toggle: switch at once, and tell the bot, which switches and keeps the answers. */
  function chooseLanguage(lang) {
    if (state.leaving) return;
    const changed = lang !== state.lang;
    setLanguage(lang);
    if (!changed || !state.store) return;
    state.pendingLang = lang;
    state.store.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text: LANGUAGE_COMMAND[lang] } });
  }

  /** A bot reply says which language the conversation is in: the page follows it. */
  function followBot(locale) {
    if (typeof locale !== 'string') return;
    const lang = /^es/i.test(locale) ? 'es' : 'en';
    if (state.pendingLang) {
      if (lang !== state.pendingLang) return; // an older reply, sent before the toggle
      state.pendingLang = null;
    }
    setLanguage(lang);
  }

  // ---------------------------------------------------------------------------------------------
  // Session: conversation id and token in sessionStorage, never in the URL

  function saveSession(session) {
    state.session = { conversationId: session.conversationId, token: session.token };
    try {
      sessionStorage.setItem(STORAGE.conversationId, session.conversationId);
      sessionStorage.setItem(STORAGE.token, session.token);
    } catch {
      // Storage can be off (private modes): the chat still works until the tab closes.
    }
    clearTimeout(state.refreshTimer);
    const seconds = Number(session.expiresIn) || 1800;
    state.expiresAt = Date.now() + seconds * 1000;
    state.refreshTimer = setTimeout(() => {
      refreshSession().catch(() => undefined);
    }, Math.max(30, seconds - 120) * 1000);
  }

  /** Phones pause timers in background tabs: refresh a token close to expiry when the page is back. */
  function refreshWhenVisible() {
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState !== 'visible' || !state.session || state.leaving) return;
      if (Date.now() > state.expiresAt - 5 * 60 * 1000) refreshSession().catch(() => undefined);
    });
  }

  function storedSession() {
    try {
      const conversationId = sessionStorage.getItem(STORAGE.conversationId);
      const token = sessionStorage.getItem(STORAGE.token);
      return conversationId && token ? { conversationId, token } : null;
    } catch {
      return null;
    }
  }

  function clearStoredSession() {
    try {
      sessionStorage.removeItem(STORAGE.conversationId);
      sessionStorage.removeItem(STORAGE.token);
    } catch {
      // nothing stored
    }
  }

  function request(path, { method = 'POST', body, token, keepalive = false } = {}) {
    const headers = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    return fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      keepalive,
    });
  }

  async function createSession() {
    const res = await request('/api/webchat/session', { body: {} });
    if (!res.ok) throw new Error(`session: HTTP ${res.status}`);
    const session = await res.json();
    saveSession(session);
    return state.session;
  }

  /** A new token for the same conversation; `null` when the old token is no longer accepted. */
  async function refreshSession(session = state.session) {
    if (!session) return null;
    const res = await request('/api/webchat/session/refresh', { token: session.token });
    if (res.status === 401) return null;
    if (!res.ok) throw new Error(`refresh: HTTP ${res.status}`);
    const next = await res.json();
    saveSession(next);
    return state.session;
  }

  /** After a 401: a new token, or else a new conversation. Concurrent callers share one attempt. */
  function renewSession() {
    if (!state.renewing) {
      state.renewing = (async () => (await refreshSession()) || createSession())().finally(() => {
        state.renewing = null;
      });
    }
    return state.renewing;
  }

  /** Posts one activity; returns the bot's replies. Throws on network errors and non-2xx answers. */
  async function sendToBot(body) {
    let res = await request('/api/webchat/activities', { body, token: state.session && state.session.token });
    if (res.status === 401) {
      await renewSession();
      res = await request('/api/webchat/activities', { body, token: state.session.token });
    }
    if (!res.ok) throw new Error(`activities: HTTP ${res.status}`);
    const json = await res.json();
    return Array.isArray(json.activities) ? json.activities : [];
  }

  // ---------------------------------------------------------------------------------------------
  // A minimal DirectLine for Web Chat

  /** An Observable-like stream that replays everything it emitted to late subscribers. */
  function replaySubject() {
    const observers = new Set();
    const history = [];
    return {
      next(value) {
        history.push(value);
        for (const o of [...observers]) if (o.next) o.next(value);
      },
      observable: {
        subscribe(observerOrNext) {
          const o = typeof observerOrNext === 'function' ? { next: observerOrNext } : observerOrNext || {};
          observers.add(o);
          for (const value of history) if (o.next) o.next(value);
          return {
            unsubscribe() {
              observers.delete(o);
            },
          };
        },
      },
    };
  }

  /** An Observable that runs `start(observer)` once per subscriber. */
  function observable(start) {
    return {
      subscribe(observerOrNext) {
        const o = typeof observerOrNext === 'function' ? { next: observerOrNext } : observerOrNext || {};
        let closed = false;
        const guarded = {
          next: (v) => !closed && o.next && o.next(v),
          error: (e) => {
            if (closed) return;
            closed = true;
            if (o.error) o.error(e);
          },
          complete: () => {
            if (closed) return;
            closed = true;
            if (o.complete) o.complete();
          },
        };
        start(guarded);
        return {
          unsubscribe() {
            closed = true;
          },
        };
      },
    };
  }

  function randomId() {
    if (crypto.randomUUID) return crypto.randomUUID();
    return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  }

  /** Only the fields the server accepts (docs/webchat-protocol.md). */
  function toWire(activity) {
    const body = { type: activity.type };
    if (typeof activity.text === 'string') body.text = activity.text;
    const value = activity.value;
    if (typeof value === 'string') body.value = { answer: value };
    else if (value && typeof value.answer === 'string') body.value = { answer: value.answer };
    if (typeof activity.locale === 'string') body.locale = activity.locale;
    const clientActivityID = activity.channelData && activity.channelData.clientActivityID;
    if (clientActivityID) body.channelData = { clientActivityID };
    return body;
  }

  /** "Exit", " SALIR. ", "Salida rápida" -> true; the same normalization as the bot's. */
  function isExitWord(text) {
    if (typeof text !== 'string' || text.length > 40) return false;
    const normalized = text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
    return EXIT_WORDS.includes(normalized);
  }

  function createDirectLine() {
    const activities = replaySubject();
    const status = replaySubject();
    let sequence = 0;

    /**
     * Emits an activity in arrival order: the sequence id makes Web Chat keep this order whatever the
     * server's and the phone's clocks say.
     */
    function emit(activity) {
      sequence += 1;
      activities.next({ ...activity, channelData: { ...(activity.channelData || {}), 'webchat:sequence-id': sequence } });
    }

    function receive(replies, { follow = true } = {}) {
      for (const reply of replies) {
        if (!reply || typeof reply !== 'object') continue;
        emit({ ...reply, id: reply.id || randomId(), timestamp: reply.timestamp || new Date().toISOString() });
        if (follow && reply.type === 'message') followBot(reply.locale);
      }
    }

    return {
      activity$: activities.observable,
      connectionStatus$: {
        subscribe(observerOrNext) {
          const o = typeof observerOrNext === 'function' ? { next: observerOrNext } : observerOrNext || {};
          if (o.next) {
            o.next(ConnectionStatus.Uninitialized);
            o.next(ConnectionStatus.Connecting);
            o.next(ConnectionStatus.Online);
          }
          return status.observable.subscribe(o);
        },
      },
      postActivity(activity) {
        return observable((observer) => {
          if (activity.type === 'message' && isExitWord(activity.text)) {
            // Leaving: the exit erases the conversation; the word itself is never sent.
            quickExit();
            return;
          }
          const echo = {
            ...activity,
            id: `u-${randomId()}`,
            timestamp: new Date().toISOString(),
            from: { ...(activity.from || {}), id: USER_ID, role: 'user' },
          };
          sendToBot(toWire(activity)).then(
            (replies) => {
              if (state.leaving) return;
              emit(echo);
              receive(replies);
              observer.next(echo.id);
              observer.complete();
            },
            (err) => {
              // Web Chat then marks the message "Send failed. Retry."
              if (!state.leaving) observer.error(err);
            },
          );
        });
      },
      /** The greeting, or the current question when the conversation already exists. */
      start(locale, resumed) {
        return sendToBot({ type: 'conversationUpdate', locale }).then((replies) => {
          // A new conversation is greeted in the language the page asked for; a resumed one in its own.
          receive(replies, { follow: resumed });
        });
      },
      end() {
        status.next(ConnectionStatus.Ended);
      },
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Web Chat

  const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
  const COLOR = { accent: '#00538A', text: '#1A1A1A', subtle: '#595959', light: '#F2F4F7', border: '#8A8886' };

  /** Colors chosen for at least 4.5:1 contrast (text) and 3:1 (borders of controls). */
  const STYLE_OPTIONS = {
    accent: COLOR.accent,
    subtle: COLOR.subtle,
    primaryFont: FONT,
    backgroundColor: '#FFFFFF',
    rootHeight: '100%',
    rootWidth: '100%',
    hideUploadButton: true,
    bubbleBackground: COLOR.light,
    bubbleBorderColor: '#D0D4DA',
    bubbleBorderRadius: 8,
    bubbleTextColor: COLOR.text,
    bubbleFromUserBackground: COLOR.accent,
    bubbleFromUserBorderColor: COLOR.accent,
    bubbleFromUserBorderRadius: 8,
    bubbleFromUserTextColor: '#FFFFFF',
    bubbleMinWidth: 0,
    bubbleMaxWidth: 640,
    timestampColor: COLOR.subtle,
    notificationText: COLOR.subtle,
    sendBoxTextColor: COLOR.text,
    sendBoxPlaceholderColor: COLOR.subtle,
    sendBoxButtonColor: COLOR.accent,
    sendBoxBorderTop: `solid 1px ${COLOR.border}`,
    sendBoxHeight: 48,
    suggestedActionLayout: 'flow',
    suggestedActionHeight: 44,
    suggestedActionBorderRadius: 8,
    suggestedActionBorderWidth: 2,
    suggestedActionBackgroundColor: '#FFFFFF',
    suggestedActionBorderColor: COLOR.accent,
    suggestedActionTextColor: COLOR.accent,
    suggestedActionBackgroundColorOnHover: '#E5EEF5',
    suggestedActionBackgroundColorOnActive: '#CCDDEB',
    suggestedActionTextColorOnHover: COLOR.accent,
    suggestedActionTextColorOnActive: COLOR.accent,
    suggestedActionTextColorOnDisabled: COLOR.subtle,
    suggestedActionBorderColorOnDisabled: COLOR.border,
    suggestedActionKeyboardFocusIndicatorBorderColor: COLOR.text,
    suggestedActionKeyboardFocusIndicatorBorderStyle: 'solid',
    suggestedActionKeyboardFocusIndicatorBorderWidth: 2,
    transcriptActivityVisualKeyboardIndicatorColor: COLOR.text,
    transcriptActivityVisualKeyboardIndicatorStyle: 'solid',
    transcriptActivityVisualKeyboardIndicatorWidth: 2,
    transcriptVisualKeyboardIndicatorWidth: 2,
    sendBoxButtonKeyboardFocusIndicatorBorderColor: COLOR.text,
    sendBoxButtonKeyboardFocusIndicatorBorderWidth: 2,
  };

  /**
   * Web Chat's "Retry" sends a failed message again as a new one and leaves the failed copy on
   * screen. The copy is hidden, so each message shows once.
   */
  const retried = new Set();
  let activityMiddleware = hideRetried();

  function hideRetried() {
    return () =>
      (next) =>
      (...args) => {
        const channelData = args[0] && args[0].activity && args[0].activity.channelData;
        if (channelData && retried.has(channelData.clientActivityID)) return false;
        return next(...args);
      };
  }

  function storeMiddleware() {
    return (next) => (action) => {
      const channelData = action.type === 'DIRECT_LINE/POST_ACTIVITY' && action.payload && action.payload.activity && action.payload.activity.channelData;
      if (channelData && channelData.clientActivityID && channelData['webchat:send-status'] === 'send failed') {
        retried.add(channelData.clientActivityID);
        activityMiddleware = hideRetried(); // a new middleware makes Web Chat render the transcript again
        setTimeout(renderChat, 0);
      }
      return next(action);
    };
  }

  function renderChat() {
    if (!state.store || !state.directLine || state.leaving) return;
    window.WebChat.renderWebChat(
      {
        directLine: state.directLine,
        store: state.store,
        userID: USER_ID,
        locale: WEBCHAT_LOCALE[state.lang],
        styleOptions: STYLE_OPTIONS,
        activityMiddleware,
        sendTypingIndicator: false,
      },
      $('webchat'),
    );
  }

  function showStatus(kind) {
    const box = $('chat-status');
    const text = $('chat-status-text');
    const retry = $('chat-retry');
    if (kind === 'none') {
      box.hidden = true;
      return;
    }
    box.hidden = false;
    text.dataset.t = kind === 'failed' ? 'startFailed' : 'connecting';
    text.textContent = TEXTS[state.lang][text.dataset.t];
    if (kind === 'failed') text.setAttribute('role', 'alert');
    else text.removeAttribute('role');
    retry.hidden = kind !== 'failed';
  }

  async function loadConfig() {
    try {
      const res = await request('/api/webchat/config', { method: 'GET' });
      if (!res.ok) return;
      const config = await res.json();
      if (typeof config.quickExitUrl === 'string' && /^https?:\/\//i.test(config.quickExitUrl)) state.quickExitUrl = config.quickExitUrl;
      if (config.organization) state.organization = config.organization;
      applyTexts();
    } catch {
      // The neutral default exit still works.
    }
  }

  async function start() {
    showStatus('connecting');
    try {
      let resumed = false;
      const stored = storedSession();
      if (stored) {
        state.session = stored;
        resumed = Boolean(await refreshSession(stored));
      }
      if (!resumed) await createSession();
      if (state.leaving) return;
      if (!state.store) state.store = window.WebChat.createStore({}, storeMiddleware);
      if (!state.directLine) state.directLine = createDirectLine();
      renderChat();
      await state.directLine.start(WEBCHAT_LOCALE[state.lang], resumed);
      showStatus('none');
    } catch {
      if (!state.leaving) showStatus('failed');
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Quick exit: erase the conversation, wipe the page, leave without a way back

  /**
   * Deletes the conversation on the server, repeating the request (the server accepts a repeat, even
   * with the revoked token) until it answers 204 or `deadline` (ms) passes. keepalive: a request in
   * flight outlives the page.
   */
  async function deleteUntilConfirmed(token, deadline) {
    for (let attempt = 0; Date.now() < deadline; attempt++) {
      try {
        const res = await request('/api/webchat/session', { method: 'DELETE', token, keepalive: true });
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
   * allows it (the host page would otherwise stay on screen and in the history), and the host page
   * is told with a postMessage, so its own listener can leave too (README: Embedding the chat).
   */
  function leaveFor(target) {
    if (window.top !== window.self) {
      try {
        window.parent.postMessage({ type: 'puente:quick-exit', url: target }, '*');
      } catch {
        // no parent to tell
      }
      try {
        window.top.location.replace(target);
        return;
      } catch {
        // a cross-origin top window without permission: the frame leaves at least
      }
    }
    location.replace(target);
  }

  function quickExit() {
    if (state.leaving) return;
    state.leaving = true;
    const token = (state.session && state.session.token) || (storedSession() || {}).token;
    const target = state.quickExitUrl || DEFAULT_EXIT_URL;
    const deleting = token ? deleteUntilConfirmed(token, Date.now() + EXIT_DELETE_WAIT_MS) : Promise.resolve(true);
    clearTimeout(state.refreshTimer);
    clearStoredSession();
    state.session = null;
    // Nothing of the chat stays on screen, even for the moment before the neutral page loads.
    const app = $('app');
    if (app) app.remove();
    document.title = '';
    const leave = () => leaveFor(target);
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

  /**
   * Keeps the app inside the visible part of the screen when an on-screen keyboard opens on browsers
   * that pan the page instead of resizing it, so the exit button never scrolls out of view.
   */
  function followVisualViewport() {
    const vv = window.visualViewport;
    if (!vv) return;
    const root = document.documentElement;
    const update = () => {
      root.style.setProperty('--app-height', `${Math.round(vv.height)}px`);
      root.style.setProperty('--app-top', `${Math.round(vv.offsetTop)}px`);
    };
    vv.addEventListener('resize', update);
    vv.addEventListener('scroll', update);
    update();
  }

  function init() {
    applyTexts();
    followVisualViewport();
    watchEscape();
    refreshWhenVisible();
    $('quick-exit').addEventListener('click', quickExit);
    for (const button of document.querySelectorAll('[data-lang]')) {
      button.addEventListener('click', () => chooseLanguage(button.dataset.lang));
    }
    $('chat-retry').addEventListener('click', () => {
      start();
    });
    loadConfig();
    start();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
