/*
 * The staff dashboard page: asks for the staff token once, keeps it in this tab's sessionStorage,
 * and fetches the charts (server-rendered SVG and tables, /api/staff/charts) with the token in the
 * Authorization header, never in a URL. Plain browser JavaScript, no build step; the page's CSP
 * allows scripts and styles from this origin only.
 */
(function () {
  'use strict';

  const TOKEN_KEY = 'puente.staffToken';
  const byId = (id) => document.getElementById(id);
  const ui = {
    signIn: byId('sign-in'),
    signInHeading: byId('sign-in-h'),
    form: byId('token-form'),
    token: byId('token'),
    error: byId('sign-in-error'),
    dashboard: byId('dashboard'),
    dashboardHeading: byId('dashboard-h'),
    period: byId('period'),
    status: byId('status'),
    charts: byId('charts'),
    signOut: byId('sign-out'),
  };
  let loading = 0;

  function storedToken() {
    try {
      return sessionStorage.getItem(TOKEN_KEY);
    } catch {
      return null;
    }
  }

  function showSignIn(message) {
    ui.dashboard.hidden = true;
    ui.signOut.hidden = true;
    ui.signIn.hidden = false;
    ui.charts.replaceChildren();
    ui.error.textContent = message || '';
    ui.token.value = '';
    ui.token.focus();
  }

  /** Inserts the server's HTML fragment: parsed inertly (no script runs), then moved into the page. */
  function showCharts(html) {
    const parsed = new window.DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html');
    ui.charts.replaceChildren(...Array.from(parsed.body.childNodes, (n) => document.adoptNode(n)));
  }

  async function load(focusDashboard) {
    const token = storedToken();
    if (!token) return showSignIn();
    const days = ui.period.value;
    const mine = ++loading;
    ui.status.textContent = 'Loading…';
    ui.charts.setAttribute('aria-busy', 'true');
    let res;
    try {
      res = await fetch(`/api/staff/charts?days=${encodeURIComponent(days)}`, {
        headers: { Authorization: `Bearer ${token}` },
        cache: 'no-store',
        credentials: 'omit',
      });
    } catch {
      if (mine === loading) ui.status.textContent = 'Puente could not be reached. Try again in a moment.';
      return;
    } finally {
      if (mine === loading) ui.charts.setAttribute('aria-busy', 'false');
    }
    if (mine !== loading) return;
    if (res.status === 401) {
      sessionStorage.removeItem(TOKEN_KEY);
      return showSignIn('That token was not accepted. Check it and try again.');
    }
    if (!res.ok) {
      ui.status.textContent = `The numbers could not be loaded (error ${res.status}). Try again in a moment.`;
      return;
    }
    showCharts(await res.text());
    ui.signIn.hidden = true;
    ui.dashboard.hidden = false;
    ui.signOut.hidden = false;
    ui.status.textContent = `Showing the last ${days} days.`;
    if (focusDashboard) ui.dashboardHeading.focus();
  }

  ui.form.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = ui.token.value.trim();
    if (!token) {
      ui.error.textContent = 'Enter the staff token.';
      ui.token.focus();
      return;
    }
    sessionStorage.setItem(TOKEN_KEY, token);
    ui.token.value = '';
    ui.error.textContent = '';
    void load(true);
  });

  ui.period.addEventListener('change', () => void load(false));

  ui.signOut.addEventListener('click', () => {
    sessionStorage.removeItem(TOKEN_KEY);
    showSignIn('You are signed out.');
  });

  if (storedToken()) void load(false);
  else {
    ui.signIn.hidden = false;
  }
})();
