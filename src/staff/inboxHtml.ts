/**
 * The staff inbox's pages (issue 21), rendered on the server as plain HTML: no script at all, every
 * action a form that works by keyboard and on a phone, every label from `locales/en/staff.json`
 * (staff read English whatever language the person used), every value escaped.
 *
 * Pure: what to show and an English translator in, HTML out. The routes (inbox.ts) decide who may
 * see what and set the headers; the page's one stylesheet is inlined and allowed by its hash.
 */
import { createHash } from 'node:crypto';
import type { TextKey, Translator } from '../i18n';
import type { IntakeStatus, RecordState } from '../storage/backend';
import { INTAKE_STATUSES } from '../storage/backend';
import type { IntakeRecord } from '../storage/types';
import type { StaffSummary } from './summary';

export const esc = (s: string | number): string =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The inbox filters: every status, and `open` (everything not closed, the default). */
export const INBOX_FILTERS = ['open', ...INTAKE_STATUSES] as const;
export type InboxFilter = (typeof INBOX_FILTERS)[number];

/** Notices a redirect may ask a page to show (`?notice=`); anything else shows none. */
export const NOTICES = ['signedOut', 'expired', 'assigned', 'contacted', 'closed', 'reopened', 'deleted', 'conflict'] as const;
export type Notice = (typeof NOTICES)[number];

export interface StaffStyle {
  css: string;
  /** `'sha256-…'` of the css, for the Content-Security-Policy. */
  hash: string;
}

export function staffStyle(css: string): StaffStyle {
  return { css, hash: `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'` };
}

/** The policy of every staff page: no script, the inline stylesheet by hash, forms to this origin only. */
export function staffPagePolicy(style: StaffStyle): string {
  return ["default-src 'none'", `style-src ${style.hash}`, "img-src 'self' data:", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'"].join('; ');
}

interface Who {
  email: string;
  csrf: string;
}

interface PageParts {
  title: string;
  body: string;
  /** The signed-in staff member (navigation and sign-out); absent on the sign-in and denial pages. */
  who?: Who;
  /** A sentence shown in a live region at the top of the main content. */
  notice?: { text: string; tone: 'info' | 'error' };
}

const tk = (t: Translator, key: string, values?: Record<string, string | number>) => esc(t.t(`staff:${key}` as TextKey, values));

function csrfField(who: Who): string {
  return `<input type="hidden" name="csrf" value="${esc(who.csrf)}">`;
}

export function layout(t: Translator, style: StaffStyle, parts: PageParts): string {
  const who = parts.who;
  const header = who
    ? `<nav aria-label="${tk(t, 'page.navLabel')}"><ul><li><a href="/staff">${tk(t, 'page.inboxLink')}</a></li><li><a href="/staff/dashboard">${tk(t, 'page.dashboardLink')}</a></li></ul></nav>` +
      `<div class="who"><p>${tk(t, 'page.signedInAs', { email: who.email })}</p>` +
      `<form method="post" action="/staff/logout">${csrfField(who)}<button type="submit">${tk(t, 'page.signOutButton')}</button></form></div>`
    : '';
  const notice = parts.notice
    ? `<p class="notice ${parts.notice.tone}" role="${parts.notice.tone === 'error' ? 'alert' : 'status'}">${esc(parts.notice.text)}</p>`
    : '';
  return (
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<meta name="referrer" content="no-referrer"><meta name="robots" content="noindex, nofollow">' +
    `<title>${esc(parts.title)}: ${tk(t, 'page.brand')}</title><link rel="icon" href="data:,">` +
    `<style>${style.css}</style></head><body>` +
    `<a class="skip" href="#main">${tk(t, 'page.skip')}</a>` +
    `<header class="top"><p class="brand">${tk(t, 'page.brand')}</p>${header}</header>` +
    `<main id="main" tabindex="-1">${notice}<h1>${esc(parts.title)}</h1>${parts.body}</main></body></html>`
  );
}

/** The sign-in page; `next` is the staff page to come back to (already checked). */
export function signInPage(t: Translator, style: StaffStyle, options: { next?: string; notice?: PageParts['notice'] } = {}): string {
  const href = options.next ? `/staff/login?next=${encodeURIComponent(options.next)}` : '/staff/login';
  return layout(t, style, {
    title: t.t('staff:signIn.title'),
    notice: options.notice,
    body: `<p>${tk(t, 'signIn.intro')}</p><p><a class="button" href="${esc(href)}">${tk(t, 'signIn.button')}</a></p>`,
  });
}

/** Signed in, but not allowed (or no verified e-mail): nothing of any intake, and what to do. */
export function deniedPage(t: Translator, style: StaffStyle, reason: { kind: 'not-allowed'; email: string } | { kind: 'unverified' }): string {
  const why = reason.kind === 'not-allowed' ? tk(t, 'denied.notAllowed', { email: reason.email }) : tk(t, 'denied.unverified');
  return layout(t, style, {
    title: t.t('staff:denied.title'),
    body: `<p>${why}</p><p>${tk(t, 'denied.ask')}</p><p><a href="/staff/login">${tk(t, 'denied.again')}</a></p>`,
  });
}

export interface InboxRow {
  record: Pick<IntakeRecord, 'reference' | 'createdAt' | 'language'> & { urgent: boolean };
  state: RecordState;
}

const LANGUAGE: Record<IntakeRecord['language'], string> = { en: 'English', es: 'Spanish' };

/** `2026-12-05 14:03 UTC`: staff in several time zones read the same time. */
export function when(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function filterLabel(t: Translator, f: InboxFilter): string {
  return t.t(`staff:inbox.filters.${f}` as TextKey);
}

export function inboxPage(t: Translator, style: StaffStyle, who: Who, view: { filter: InboxFilter; rows: readonly InboxRow[]; notice?: PageParts['notice'] }): string {
  const options = INBOX_FILTERS.map((f) => `<option value="${f}"${f === view.filter ? ' selected' : ''}>${esc(filterLabel(t, f))}</option>`).join('');
  const filter =
    `<form class="controls" method="get" action="/staff"><label for="status">${tk(t, 'inbox.filterLabel')}</label>` +
    `<select id="status" name="status">${options}</select><button type="submit">${tk(t, 'inbox.filterButton')}</button></form>`;
  const count = `<p>${tk(t, 'inbox.count', { count: view.rows.length })}</p>`;
  const rows = view.rows
    .map(({ record: r, state: s }) => {
      const urgent = r.urgent ? `<strong class="urgent">${tk(t, 'inbox.urgentYes')}</strong>` : tk(t, 'inbox.urgentNo');
      return (
        `<tr${r.urgent ? ' class="is-urgent"' : ''}><th scope="row"><a href="/staff/intakes/${encodeURIComponent(r.reference)}">${esc(r.reference)}</a></th>` +
        `<td>${esc(when(r.createdAt))}</td><td>${esc(LANGUAGE[r.language])}</td><td>${urgent}</td>` +
        `<td>${tk(t, `status.${s.status}`)}</td><td>${s.assignee ? esc(s.assignee) : tk(t, 'inbox.nobody')}</td></tr>`
      );
    })
    .join('');
  const head = ['referenceHeader', 'receivedHeader', 'languageHeader', 'urgentHeader', 'statusHeader', 'assigneeHeader']
    .map((k) => `<th scope="col">${tk(t, `inbox.${k}`)}</th>`)
    .join('');
  const table = view.rows.length
    ? `<div class="scroll" role="region" aria-labelledby="inbox-caption" tabindex="0"><table><caption id="inbox-caption">${tk(t, 'inbox.caption', { filter: filterLabel(t, view.filter) })}</caption><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>`
    : `<p class="empty">${tk(t, 'inbox.empty')}</p>`;
  const exportForm = (format: 'json' | 'csv', key: string) =>
    `<form method="post" action="/staff/export">${csrfField(who)}<input type="hidden" name="status" value="${view.filter}"><input type="hidden" name="format" value="${format}"><button type="submit">${tk(t, `inbox.${key}`)}</button></form>`;
  const exportSection = view.rows.length
    ? `<section aria-labelledby="export-h"><h2 id="export-h">${tk(t, 'inbox.exportTitle')}</h2><p>${tk(t, 'inbox.exportIntro')}</p><div class="actions">${exportForm('json', 'exportJsonButton')}${exportForm('csv', 'exportCsvButton')}</div></section>`
    : '';
  return layout(t, style, {
    title: t.t('staff:inbox.title'),
    who,
    notice: view.notice,
    body: `<p>${tk(t, 'inbox.intro')}</p>${filter}${count}${table}${exportSection}`,
  });
}

/** The actions a status allows, in the order they are offered. */
export function actionsFor(status: IntakeStatus): readonly StaffAction[] {
  switch (status) {
    case 'new':
      return ['assign', 'contacted', 'close'];
    case 'assigned':
      return ['assign', 'contacted', 'close'];
    case 'contacted':
      return ['assign', 'close'];
    case 'closed':
      return ['reopen'];
  }
}

export const STAFF_ACTIONS = ['assign', 'contacted', 'close', 'reopen'] as const;
export type StaffAction = (typeof STAFF_ACTIONS)[number];

const ACTION_LABEL: Record<StaffAction, string> = {
  assign: 'intake.assignButton',
  contacted: 'intake.contactedButton',
  close: 'intake.closeButton',
  reopen: 'intake.reopenButton',
};

export function intakePage(t: Translator, style: StaffStyle, who: Who, view: { summary: StaffSummary; state: RecordState; notice?: PageParts['notice'] }): string {
  const s = view.summary;
  const ref = encodeURIComponent(s.reference);
  const alerts: string[] = [];
  if (s.urgent) alerts.push(`<p class="flag urgent">${tk(t, 'intake.urgent')}</p>`);
  if (s.contact && !s.contact.safeToLeaveMessage) alerts.push(`<p class="flag no-message">${tk(t, 'intake.noMessage')}</p>`);
  const dl = (pairs: [string, string][]) => `<dl class="pairs">${pairs.map(([k, v]) => `<div><dt>${k}</dt><dd>${v}</dd></div>`).join('')}</dl>`;
  const details = dl([
    [tk(t, 'intake.receivedLabel'), esc(when(s.createdAt))],
    [tk(t, 'intake.languageLabel'), s.language === 'en' ? esc(s.languageName) : `<strong>${tk(t, 'intake.replyIn', { language: s.languageName })}</strong>`],
    [tk(t, 'intake.statusLabel'), tk(t, `status.${view.state.status}`)],
    [tk(t, 'intake.assigneeLabel'), view.state.assignee ? esc(view.state.assignee) : tk(t, 'inbox.nobody')],
  ]);
  const c = s.contact;
  const contact = c
    ? dl([
        [tk(t, 'intake.nameLabel'), esc(c.name)],
        [tk(t, 'intake.methodLabel'), esc(c.methodLabel)],
        [tk(t, 'intake.valueLabel'), esc(c.value)],
        [tk(t, 'intake.safeLabel'), c.safeToLeaveMessage ? tk(t, 'intake.yes') : `<strong>${tk(t, 'intake.no')}</strong>`],
      ])
    : `<p>${tk(t, 'intake.noContact')}</p>`;
  const findings = s.findings.length
    ? `<ul class="findings">${s.findings
        .map(
          (f) =>
            `<li class="severity-${esc(f.severity)}"><p class="finding-title">${esc(f.title)} <span class="code">(${esc(f.code)})</span></p>` +
            (f.becauseLabels.length ? `<p class="because">${tk(t, 'intake.because', { answers: f.becauseLabels.join('; ') })}</p>` : '') +
            '</li>',
        )
        .join('')}</ul>`
    : `<p>${tk(t, 'intake.noFindings')}</p>`;
  const answers =
    `<div class="scroll" role="region" aria-labelledby="answers-h" tabindex="0"><table><thead><tr><th scope="col">${tk(t, 'intake.questionHeader')}</th><th scope="col">${tk(t, 'intake.answerHeader')}</th></tr></thead><tbody>` +
    s.answers
      .map(
        (a) =>
          `<tr${a.sensitive ? ' class="sensitive"' : ''}><th scope="row">${esc(a.label)}</th><td>${esc(a.answer)}` +
          (a.sensitive ? ` <span class="tag">${tk(t, 'intake.sensitive')}</span>` : '') +
          '</td></tr>',
      )
      .join('') +
    '</tbody></table></div>';
  const actionForm = (action: StaffAction) =>
    `<form method="post" action="/staff/intakes/${ref}/${action}">${csrfField(who)}<input type="hidden" name="from" value="${view.state.status}"><button type="submit">${tk(t, ACTION_LABEL[action])}</button></form>`;
  const actions =
    `<div class="actions">${actionsFor(view.state.status).map(actionForm).join('')}` +
    `<a class="button danger" href="/staff/intakes/${ref}/delete">${tk(t, 'intake.deleteButton')}</a></div>`;
  const section = (id: string, titleKey: string, content: string) => `<section aria-labelledby="${id}-h"><h2 id="${id}-h">${tk(t, titleKey)}</h2>${content}</section>`;
  return layout(t, style, {
    title: t.t('staff:intake.title', { reference: s.reference }),
    who,
    notice: view.notice,
    body:
      `<p><a href="/staff">${tk(t, 'intake.back')}</a></p>${alerts.join('')}` +
      section('details', 'intake.detailsTitle', details) +
      section('actions', 'intake.actionsTitle', actions) +
      section('contact', 'intake.contactTitle', contact) +
      section('findings', 'intake.findingsTitle', findings) +
      section('answers', 'intake.answersTitle', answers),
  });
}

export function confirmDeletePage(t: Translator, style: StaffStyle, who: Who, reference: string): string {
  const ref = encodeURIComponent(reference);
  return layout(t, style, {
    title: t.t('staff:confirmDelete.title', { reference }),
    who,
    body:
      `<p>${tk(t, 'confirmDelete.text')}</p><div class="actions">` +
      `<form method="post" action="/staff/intakes/${ref}/delete">${csrfField(who)}<button type="submit" class="danger">${tk(t, 'confirmDelete.confirmButton')}</button></form>` +
      `<a class="button" href="/staff/intakes/${ref}">${tk(t, 'confirmDelete.cancel')}</a></div>`,
  });
}

export function notFoundPage(t: Translator, style: StaffStyle, who: Who): string {
  return layout(t, style, {
    title: t.t('staff:inbox.title'),
    who,
    body: `<p>${tk(t, 'intake.notFound')}</p><p><a href="/staff">${tk(t, 'intake.back')}</a></p>`,
  });
}

export const DASHBOARD_PERIODS = [7, 30, 90] as const;

/** The funnel dashboard (charts.ts draws the charts) behind the same sign-in, with a plain period form. */
export function dashboardPage(t: Translator, style: StaffStyle, who: Who, view: { days: number; charts: string }): string {
  const options = DASHBOARD_PERIODS.map((d) => `<option value="${d}"${d === view.days ? ' selected' : ''}>${tk(t, `dashboard.days.${d}`)}</option>`).join('');
  return layout(t, style, {
    title: t.t('staff:dashboard.title'),
    who,
    body:
      `<form class="controls" method="get" action="/staff/dashboard"><label for="period">${tk(t, 'dashboard.periodLabel')}</label>` +
      `<select id="period" name="days">${options}</select><button type="submit">${tk(t, 'dashboard.periodButton')}</button></form>` +
      `<div id="charts">${view.charts}</div>`,
  });
}
