/**
 * The staff API (design.md §6): finished intakes for the organization's staff, in English.
 *
 *   GET    /api/staff/intakes?since=YYYY-MM-DD&urgent=true   summaries (JSON), newest filters applied
 *   GET    /api/staff/intakes/:ref                           one summary (JSON and text)
 *   DELETE /api/staff/intakes/:ref                           204, or 404 when there is none
 *
 * Every request needs `Authorization: Bearer <STAFF_API_TOKEN>`, compared in constant time. With no
 * token configured the routes are not registered at all (404). Every read, list and delete writes an
 * audit line (references only). Responses are never cached.
 *
 * restify stays in the channel layer (eslint): the server, request and response are described here by
 * the few members this module uses.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import type { Translator } from '../i18n';
import type { RecordStore } from '../storage';
import { audit, auditLogger } from './audit';
import { parseBool, parseSince, REFERENCE_PATTERN } from './export';
import { summarize } from './summary';

export interface StaffRequest {
  url?: string;
  headers: Record<string, string | string[] | undefined>;
  params?: Record<string, string | undefined>;
}
export interface StaffResponse {
  /** Sets (replaces) a header: the server's own headers already include Cache-Control. */
  setHeader(name: string, value: string): unknown;
  send(code: number, body?: unknown): unknown;
  /** Sends a body as it is (with the Content-Type set before). */
  sendRaw(code: number, body: string): unknown;
}
export type Handler = (req: StaffRequest, res: StaffResponse) => Promise<void>;
export interface StaffServer {
  get(path: string, handler: Handler): unknown;
  del(path: string, handler: Handler): unknown;
}

export interface StaffApiDeps {
  /** The configured STAFF_API_TOKEN; `undefined`: the API is off. */
  token: string | undefined;
  records: RecordStore;
  /** The English translator (summaries are for staff, in English). */
  en: Translator;
  log: Logger;
  now?: () => Date;
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Constant time whatever the lengths: both sides are hashed to 32 bytes first. */
export function tokenMatches(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearer(req: Pick<StaffRequest, 'headers'>): string | null {
  const h = req.headers.authorization;
  const value = Array.isArray(h) ? h[0] : h;
  const m = value ? /^Bearer[ \t]+([^\s]+)[ \t]*$/i.exec(value) : null;
  return m ? m[1]! : null;
}

/** Wraps a handler: authenticates the bearer token, sets the no-cache headers; answers 401 otherwise. */
export type StaffGuard = (handler: Handler) => Handler;

/** The guard of every staff route (`expected`: the configured STAFF_API_TOKEN). */
export function staffGuard(expected: string, log: Logger): StaffGuard {
  return (handler) => async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Pragma', 'no-cache');
    const presented = bearer(req);
    if (presented === null || !tokenMatches(presented, expected)) {
      res.setHeader('WWW-Authenticate', presented === null ? 'Bearer realm="puente-staff"' : 'Bearer realm="puente-staff", error="invalid_token"');
      log.warn({ code: 'STAFF_AUTH_FAILED', presented: presented !== null }, 'staff API: missing or wrong token');
      res.send(401, { error: 'unauthorized' });
      return;
    }
    await handler(req, res);
  };
}

/** Registers the staff routes when a token is configured; returns whether it did. */
export function registerStaffRoutes(server: StaffServer, deps: StaffApiDeps): boolean {
  const expected = deps.token;
  if (!expected) return false;
  const log = auditLogger(deps.log);
  const now = deps.now ?? (() => new Date());
  const guarded = staffGuard(expected, deps.log);

  const referenceOf = (req: StaffRequest): string | null => {
    const ref = req.params?.ref ?? '';
    return REFERENCE_PATTERN.test(ref) ? ref.toUpperCase() : null;
  };

  server.get(
    '/api/staff/intakes',
    guarded(async (req, res) => {
      const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
      const sinceRaw = query.get('since');
      const urgentRaw = query.get('urgent');
      const since = sinceRaw ? parseSince(sinceRaw) : undefined;
      const urgent = urgentRaw ? parseBool(urgentRaw) : undefined;
      if (since === null || urgent === null) {
        res.send(400, { error: 'since must be YYYY-MM-DD or an ISO date-time; urgent must be true or false' });
        return;
      }
      const found = await deps.records.list({ since, urgent });
      audit(log, { event: 'staff.list', actor: 'api', references: found.map((r) => r.reference) }, now());
      res.send(
        200,
        found.map((r) => summarize(r, deps.en).json),
      );
    }),
  );

  server.get(
    '/api/staff/intakes/:ref',
    guarded(async (req, res) => {
      const reference = referenceOf(req);
      const record = reference ? await deps.records.get(reference) : null;
      audit(log, { event: 'staff.read', actor: 'api', reference: reference ?? '(invalid)', found: record !== null }, now());
      if (!record) {
        res.send(404, { error: 'not found' });
        return;
      }
      const { json, text } = summarize(record, deps.en);
      res.send(200, { ...json, text });
    }),
  );

  server.del(
    '/api/staff/intakes/:ref',
    guarded(async (req, res) => {
      const reference = referenceOf(req);
      const deleted = reference ? await deps.records.delete(reference) : false;
      audit(log, { event: 'staff.delete', actor: 'api', reference: reference ?? '(invalid)', found: deleted }, now());
      if (!deleted) {
        res.send(404, { error: 'not found' });
        return;
      }
      res.send(204);
    }),
  );
  return true;
}
