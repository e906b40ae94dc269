/**
 * The staff inbox at /staff (issue 21): staff sign in with the organization's identity provider
 * (signIn.ts), then work the queue in a browser, urgent intakes first.
 *
 *   GET  /staff                               the inbox (or the sign-in page), ?status=open|new|assigned|contacted|closed
 *   GET  /staff/login?next=/staff/...         starts a sign-in at the identity provider
 *   GET  /staff/callback                      where the provider sends the browser back
 *   POST /staff/logout                        signs out (this session, on every instance)
 *   GET  /staff/intakes/:ref                  one intake in English: findings with their "because", answers, contact
 *   GET  /staff/intakes/:ref/delete           asks to confirm a deletion
 *   POST /staff/intakes/:ref/:action          assign | contacted | close | reopen | delete
 *   POST /staff/export                        the intakes of a filter as JSON or CSV (a download)
 *   GET  /staff/dashboard?days=7|30|90        the funnel dashboard
 *
 * - Every page but the sign-in needs a live session whose e-mail is on STAFF_EMAILS. A person who
 *   signs in but is not allowed gets a page that says so and no session: nothing of any intake.
 * - Every POST carries the session's CSRF token (compared in constant time), and the cookie is
 *   SameSite=Lax, so no other site can act in a staff member's name. A refused form changes nothing.
 * - Every read, list, export, change, sign-in, refusal and sign-out writes an audit line with the
 *   staff member's e-mail and the references concerned, never any content.
 * - Pages are never cached and never framed; they run no script.
 *
 * restify stays in the server layer: the server, request and response are described here by the few
 * members this module uses.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import type { StaffSignInConfig } from '../config';
import type { TextKey, Translator } from '../i18n';
import type { CountsBackend, IntakeStatus, RecordStore } from '../storage';
import { audit, auditLogger, type AuditEntry } from './audit';
import { renderDashboard } from './charts';
import { REFERENCE_PATTERN, toCsv, toExported } from './export';
import {
  confirmDeletePage,
  DASHBOARD_PERIODS,
  dashboardPage,
  deniedPage,
  INBOX_FILTERS,
  inboxPage,
  intakePage,
  notFoundPage,
  NOTICES,
  signInPage,
  STAFF_ACTIONS,
  staffPagePolicy,
  type InboxFilter,
  type Notice,
  type StaffAction,
  type StaffStyle,
} from './inboxHtml';
import { StaffSignIn } from './signIn';
import type { StaffSession, StaffSessions } from './staffSessions';
import { buildStats, periodDays } from './stats';
import { summarize } from './summary';

export interface InboxRequest {
  url?: string;
  /** The connection (the client's address, for the sign-in's rate limit). */
  socket?: { remoteAddress?: string };
  headers: Record<string, string | string[] | undefined>;
  params?: Record<string, string | undefined>;
  body?: unknown;
}
export interface InboxResponse {
  setHeader(name: string, value: string | string[]): unknown;
  sendRaw(code: number, body: string): unknown;
}
export type InboxHandler = (req: InboxRequest, res: InboxResponse) => Promise<void>;
export interface InboxServer {
  get(path: string, handler: InboxHandler): unknown;
  post(path: string, handler: InboxHandler): unknown;
}

export interface InboxDeps {
  config: StaffSignInConfig;
  sessions: StaffSessions;
  records: RecordStore;
  counts: Pick<CountsBackend, 'dailyCounts'>;
  /** Resolves once this instance's pending count writes are done (the dashboard then sees them). */
  settled?: () => Promise<void>;
  en: Translator;
  style: StaffStyle;
  log: Logger;
  now: () => Date;
  /** The sign-in (tests may replace the identity provider's side). */
  signIn?: Pick<StaffSignIn, 'start' | 'finish'>;
  /**
   * Counts one request of the client's address against its per-minute limit. The sign-in routes are
   * open to anyone and each one stores a sign-in in progress or calls the identity provider, so a
   * flood from one address is refused there (429) before it costs anything.
   */
  limitAddress?: (req: InboxRequest) => { allowed: true } | { allowed: false; retryAfterSeconds: number };
}

/** Where the session cookie lives: `__Host-` (Secure, whole site, no Domain) unless PUBLIC_URL is http on loopback. */
export function cookieName(secure: boolean): string {
  return secure ? '__Host-puente_staff' : 'puente_staff';
}

/** A staff page the sign-in may return to: the inbox, an intake, the dashboard (a path, never a full URL). */
const RETURN_PATH = /^\/staff(?:\/intakes\/[A-Za-z0-9-]{1,40}|\/dashboard)?(?:\?[A-Za-z0-9=&_%-]{0,200})?$/;

const STATUS_OF_ACTION: Record<StaffAction, (from: IntakeStatus, assignee: string | null) => IntakeStatus> = {
  assign: (from) => (from === 'contacted' ? 'contacted' : 'assigned'),
  contacted: () => 'contacted',
  close: () => 'closed',
  reopen: (_from, assignee) => (assignee ? 'assigned' : 'new'),
};

const NOTICE_OF_ACTION: Record<StaffAction, Notice> = { assign: 'assigned', contacted: 'contacted', close: 'closed', reopen: 'reopened' };

const AUDIT_OF_ACTION: Record<StaffAction, AuditEntry['event']> = {
  assign: 'staff.assign',
  contacted: 'staff.contacted',
  close: 'staff.close',
  reopen: 'staff.reopen',
};

function header(req: InboxRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function cookieValue(req: InboxRequest, name: string): string | null {
  for (const part of String(header(req, 'cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

function query(req: InboxRequest): URLSearchParams {
  return new URL(req.url ?? '/', 'http://localhost').searchParams;
}

function formField(req: InboxRequest, name: string): string | undefined {
  const body = req.body;
  if (typeof body !== 'object' || body === null) return undefined;
  const v = (body as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : undefined;
}

const sameSecret = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function registerInboxRoutes(server: InboxServer, deps: InboxDeps): void {
  const t = deps.en;
  const log = auditLogger(deps.log);
  const signIn = deps.signIn ?? new StaffSignIn(deps.config);
  const publicUrl = new URL(deps.config.redirectUri);
  const secure = publicUrl.protocol === 'https:';
  const COOKIE = cookieName(secure);
  const policy = staffPagePolicy(deps.style);
  const cookieAttributes = `Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;

  const setCookie = (res: InboxResponse, id: string) => res.setHeader('Set-Cookie', `${COOKIE}=${id}; ${cookieAttributes}`);
  const clearCookie = (res: InboxResponse) => res.setHeader('Set-Cookie', `${COOKIE}=; Max-Age=0; ${cookieAttributes}`);

  const page = (res: InboxResponse, status: number, html: string) => {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Content-Security-Policy', policy);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.sendRaw(status, html);
  };
  const redirect = (res: InboxResponse, location: string) => {
    res.setHeader('Location', location);
    res.setHeader('Cache-Control', 'no-store');
    res.sendRaw(303, '');
  };
  const record = (entry: AuditEntry) => audit(log, entry, deps.now());

  const noticeOf = (req: InboxRequest): { text: string; tone: 'info' | 'error' } | undefined => {
    const n = query(req).get('notice');
    if (!n || !(NOTICES as readonly string[]).includes(n)) return undefined;
    const notice = n as Notice;
    if (notice === 'signedOut') return { text: t.t('staff:signIn.signedOut'), tone: 'info' };
    if (notice === 'expired') return { text: t.t('staff:signIn.expired'), tone: 'info' };
    if (notice === 'conflict') return { text: t.t('staff:notices.conflict'), tone: 'error' };
    if (notice === 'deleted') {
      const ref = query(req).get('ref') ?? '';
      return REFERENCE_PATTERN.test(ref) ? { text: t.t('staff:notices.deleted', { reference: ref }), tone: 'info' } : undefined;
    }
    return { text: t.t(`staff:notices.${notice}` as TextKey), tone: 'info' };
  };

  /** The live session of this request, or null. */
  const sessionOf = (req: InboxRequest): Promise<StaffSession | null> => deps.sessions.resume(cookieValue(req, COOKIE));

  /**
   * A page for signed-in staff: without a live session, the sign-in page (saying the session ended
   * when the browser still had a cookie), with the way back to this page.
   */
  const signedIn =
    (handler: (req: InboxRequest, res: InboxResponse, session: StaffSession) => Promise<void>): InboxHandler =>
    async (req, res) => {
      const session = await sessionOf(req);
      if (!session) {
        const path = new URL(req.url ?? '/staff', 'http://localhost');
        const next = `${path.pathname}${path.search}`;
        const hadCookie = cookieValue(req, COOKIE) !== null;
        page(
          res,
          200,
          signInPage(t, deps.style, {
            next: RETURN_PATH.test(next) && next !== '/staff' ? next : undefined,
            notice: hadCookie ? { text: t.t('staff:signIn.expired'), tone: 'info' } : noticeOf(req),
          }),
        );
        return;
      }
      await handler(req, res, session);
    };

  /**
   * A form of signed-in staff: the session and its CSRF token, or nothing happens. Without a session
   * the browser goes to the sign-in page; with a wrong token it gets a page that says nothing changed.
   */
  const form =
    (handler: (req: InboxRequest, res: InboxResponse, session: StaffSession) => Promise<void>): InboxHandler =>
    async (req, res) => {
      const session = await sessionOf(req);
      if (!session) return redirect(res, '/staff?notice=expired');
      const token = formField(req, 'csrf');
      if (!token || !sameSecret(token, session.csrf)) {
        deps.log.warn({ code: 'STAFF_CSRF_REFUSED', route: new URL(req.url ?? '/', 'http://localhost').pathname }, 'staff form without its CSRF token: nothing changed');
        page(res, 403, inboxErrorPage(session, t.t('staff:notices.csrf')));
        return;
      }
      await handler(req, res, session);
    };

  const who = (s: StaffSession) => ({ email: s.email, csrf: s.csrf });
  const inboxErrorPage = (s: StaffSession, text: string) => inboxPage(t, deps.style, who(s), { filter: 'open', rows: [], notice: { text, tone: 'error' } });

  const filterOf = (value: string | null | undefined): InboxFilter | null => {
    if (!value) return 'open';
    return (INBOX_FILTERS as readonly string[]).includes(value) ? (value as InboxFilter) : null;
  };

  /** The intakes of a filter: urgent first, then the oldest. */
  const listed = async (filter: InboxFilter) => {
    const entries = await deps.records.entries(filter === 'open' ? {} : { status: filter });
    return entries
      .filter((e) => filter !== 'open' || e.state.status !== 'closed')
      .sort((a, b) => Number(b.record.assessment.urgent) - Number(a.record.assessment.urgent) || a.record.createdAt.localeCompare(b.record.createdAt));
  };

  const referenceOf = (req: InboxRequest): string | null => {
    const ref = req.params?.ref ?? '';
    return REFERENCE_PATTERN.test(ref) ? ref.toUpperCase() : null;
  };

  // --- sign-in -------------------------------------------------------------------------------

  /** True when the address is over its limit: the request is answered 429 here. */
  const overLimit = (req: InboxRequest, res: InboxResponse): boolean => {
    const decision = deps.limitAddress?.(req);
    if (!decision || decision.allowed) return false;
    deps.log.warn({ code: 'RATE_LIMITED', route: 'staff-sign-in', scope: 'address' }, 'staff sign-in rate limited');
    res.setHeader('Retry-After', String(decision.retryAfterSeconds));
    page(res, 429, signInPage(t, deps.style, { notice: { text: t.t('staff:signIn.tooMany'), tone: 'error' } }));
    return true;
  };

  server.get('/staff/login', async (req, res) => {
    if (overLimit(req, res)) return;
    const next = query(req).get('next');
    let started;
    try {
      started = await signIn.start();
    } catch (err) {
      deps.log.error({ code: 'STAFF_SIGNIN_UNAVAILABLE', name: (err as Error)?.name }, 'the identity provider could not be reached: staff cannot sign in');
      page(res, 503, signInPage(t, deps.style, { notice: { text: t.t('staff:signIn.unavailable'), tone: 'error' } }));
      return;
    }
    const id = await deps.sessions.beginLogin({
      state: started.state,
      nonce: started.nonce,
      verifier: started.verifier,
      returnTo: next && RETURN_PATH.test(next) ? next : '/staff',
    });
    setCookie(res, id);
    redirect(res, started.url);
  });

  server.get('/staff/callback', async (req, res) => {
    if (overLimit(req, res)) return;
    const login = await deps.sessions.takeLogin(cookieValue(req, COOKIE));
    const failed = () => {
      clearCookie(res);
      page(res, 400, signInPage(t, deps.style, { notice: { text: t.t('staff:signIn.failed'), tone: 'error' } }));
    };
    if (!login) {
      deps.log.warn({ code: 'STAFF_SIGNIN_NO_LOGIN' }, 'staff sign-in callback with no sign-in in progress');
      return failed();
    }
    let outcome;
    try {
      outcome = await signIn.finish(new URL(req.url ?? '/', 'http://localhost').search, login);
    } catch (err) {
      deps.log.warn({ code: 'STAFF_SIGNIN_FAILED', name: (err as Error)?.name }, 'staff sign-in refused by the provider or its checks');
      return failed();
    }
    if (!outcome.ok) {
      record({ event: 'staff.denied', actor: 'staff', email: outcome.email, reason: outcome.reason });
      clearCookie(res);
      page(res, 403, deniedPage(t, deps.style, outcome.reason === 'not-allowed' ? { kind: 'not-allowed', email: outcome.email! } : { kind: 'unverified' }));
      return;
    }
    const { id } = await deps.sessions.create(outcome.email);
    record({ event: 'staff.signin', actor: 'staff', email: outcome.email });
    setCookie(res, id);
    redirect(res, login.returnTo);
  });

  server.post(
    '/staff/logout',
    form(async (req, res, session) => {
      await deps.sessions.end(cookieValue(req, COOKIE));
      record({ event: 'staff.signout', actor: 'staff', email: session.email });
      clearCookie(res);
      redirect(res, '/staff?notice=signedOut');
    }),
  );

  // --- the inbox -----------------------------------------------------------------------------

  server.get(
    '/staff',
    signedIn(async (req, res, session) => {
      const filter = filterOf(query(req).get('status')) ?? 'open';
      const rows = await listed(filter);
      record({ event: 'staff.list', actor: 'staff', email: session.email, references: rows.map((e) => e.record.reference) });
      page(
        res,
        200,
        inboxPage(t, deps.style, who(session), {
          filter,
          notice: noticeOf(req),
          rows: rows.map((e) => ({ record: { ...e.record, urgent: e.record.assessment.urgent }, state: e.state })),
        }),
      );
    }),
  );

  server.get(
    '/staff/intakes/:ref',
    signedIn(async (req, res, session) => {
      const reference = referenceOf(req);
      const entry = reference ? await deps.records.entry(reference) : null;
      record({ event: 'staff.read', actor: 'staff', email: session.email, reference: reference ?? '(invalid)', found: entry !== null });
      if (!entry) return page(res, 404, notFoundPage(t, deps.style, who(session)));
      page(res, 200, intakePage(t, deps.style, who(session), { summary: summarize(entry.record, t).json, state: entry.state, notice: noticeOf(req) }));
    }),
  );

  server.get(
    '/staff/intakes/:ref/delete',
    signedIn(async (req, res, session) => {
      const reference = referenceOf(req);
      const entry = reference ? await deps.records.entry(reference) : null;
      if (!entry) return page(res, 404, notFoundPage(t, deps.style, who(session)));
      page(res, 200, confirmDeletePage(t, deps.style, who(session), entry.record.reference));
    }),
  );

  server.post(
    '/staff/intakes/:ref/:action',
    form(async (req, res, session) => {
      const reference = referenceOf(req);
      const action = req.params?.action ?? '';
      if (!reference) return page(res, 404, notFoundPage(t, deps.style, who(session)));
      if (action === 'delete') {
        const deleted = await deps.records.delete(reference);
        record({ event: 'staff.delete', actor: 'staff', email: session.email, reference, found: deleted });
        if (!deleted) return page(res, 404, notFoundPage(t, deps.style, who(session)));
        return redirect(res, `/staff?notice=deleted&ref=${encodeURIComponent(reference)}`);
      }
      if (!(STAFF_ACTIONS as readonly string[]).includes(action)) return page(res, 404, notFoundPage(t, deps.style, who(session)));
      const act = action as StaffAction;
      const entry = await deps.records.entry(reference);
      if (!entry) return page(res, 404, notFoundPage(t, deps.style, who(session)));
      // The status the person saw when they pressed the button: if someone changed it since, nothing happens.
      const from = formField(req, 'from');
      const seen = from && (INBOX_FILTERS as readonly string[]).includes(from) && from !== 'open' ? (from as IntakeStatus) : entry.state.status;
      const assignee = act === 'assign' ? session.email : (entry.state.assignee ?? (act === 'contacted' ? session.email : null));
      const status = STATUS_OF_ACTION[act](seen, entry.state.assignee);
      const changed = await deps.records.setState(reference, { status, assignee }, [seen]);
      record({ event: AUDIT_OF_ACTION[act], actor: 'staff', email: session.email, reference, found: changed });
      redirect(res, `/staff/intakes/${encodeURIComponent(reference)}?notice=${changed ? NOTICE_OF_ACTION[act] : 'conflict'}`);
    }),
  );

  server.post(
    '/staff/export',
    form(async (req, res, session) => {
      const filter = filterOf(formField(req, 'status'));
      const format = formField(req, 'format');
      if (!filter || (format !== 'json' && format !== 'csv')) return page(res, 400, inboxErrorPage(session, t.t('staff:notices.error')));
      const rows = await listed(filter);
      record({ event: 'staff.export', actor: 'staff', email: session.email, references: rows.map((e) => e.record.reference), format });
      const day = deps.now().toISOString().slice(0, 10);
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Content-Disposition', `attachment; filename="puente-intakes-${filter}-${day}.${format}"`);
      if (format === 'csv') {
        res.setHeader('Content-Type', 'text/csv; charset=utf-8');
        res.sendRaw(200, toCsv(rows.map((e) => e.record)));
      } else {
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.sendRaw(200, JSON.stringify(rows.map((e) => ({ ...toExported(e.record), status: e.state.status, assignee: e.state.assignee })), null, 2));
      }
    }),
  );

  // --- the funnel dashboard ------------------------------------------------------------------

  server.get(
    '/staff/dashboard',
    signedIn(async (req, res, session) => {
      const asked = Number(query(req).get('days') ?? '30');
      const days = (DASHBOARD_PERIODS as readonly number[]).includes(asked) ? asked : 30;
      const today = deps.now();
      const period = periodDays(days, today);
      await deps.settled?.();
      const rows = await deps.counts.dailyCounts(period[0]!, period[period.length - 1]!);
      record({ event: 'staff.stats', actor: 'staff', email: session.email, days });
      page(res, 200, dashboardPage(t, deps.style, who(session), { days, charts: renderDashboard(buildStats(rows, { days, today, en: t }), t) }));
    }),
  );
}
