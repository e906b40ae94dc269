/**
 * The staff dashboard's data routes (the page itself is static, served by src/server/static.ts):
 *
 *   GET /api/staff/stats?days=7|30|90    the numbers (JSON)
 *   GET /api/staff/charts?days=7|30|90   the same numbers as accessible SVG charts and tables (HTML fragment)
 *
 * Both sit behind the staff token like the rest of /api/staff, read only the daily aggregates (never a
 * record), and write an audit line. The page fetches the fragment with the token in a header.
 */
import type { Logger } from 'pino';
import type { Translator } from '../i18n';
import type { CountsBackend } from '../storage';
import { audit, auditLogger } from './audit';
import { renderDashboard } from './charts';
import type { StaffGuard, StaffRequest, StaffResponse } from './staffApi';
import { buildStats, periodDays, statsQuerySchema, type Stats } from './stats';

export interface DashboardServer {
  get(path: string, handler: (req: StaffRequest, res: StaffResponse) => Promise<void>): unknown;
}

export interface DashboardDeps {
  guard: StaffGuard;
  counts: Pick<CountsBackend, 'dailyCounts'>;
  en: Translator;
  log: Logger;
  now: () => Date;
  /** Resolves once this instance's pending count writes are done, so a read sees them. */
  settled?: () => Promise<void>;
}

export function registerDashboardRoutes(server: DashboardServer, deps: DashboardDeps): void {
  const log = auditLogger(deps.log);

  /** The stats of the period asked for, or null after answering 400. */
  const statsFor = async (req: StaffRequest, res: StaffResponse): Promise<Stats | null> => {
    const query = Object.fromEntries(new URL(req.url ?? '/', 'http://localhost').searchParams);
    const parsed = statsQuerySchema.safeParse(query);
    if (!parsed.success) {
      res.send(400, { error: 'days must be 7, 30 or 90 (and nothing else may be asked)' });
      return null;
    }
    const { days } = parsed.data;
    const today = deps.now();
    const period = periodDays(days, today);
    await deps.settled?.();
    const rows = await deps.counts.dailyCounts(period[0]!, period[period.length - 1]!);
    audit(log, { event: 'staff.stats', actor: 'api', days }, today);
    return buildStats(rows, { days, today, en: deps.en });
  };

  server.get(
    '/api/staff/stats',
    deps.guard(async (req, res) => {
      const stats = await statsFor(req, res);
      if (stats) res.send(200, stats);
    }),
  );

  server.get(
    '/api/staff/charts',
    deps.guard(async (req, res) => {
      const stats = await statsFor(req, res);
      if (!stats) return;
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.sendRaw(200, renderDashboard(stats, deps.en));
    }),
  );
}
