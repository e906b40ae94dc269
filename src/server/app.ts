/**
 * The HTTP surface (design.md §4): `/api/messages` behind a body limit and an activity shape check,
 * and the health endpoints. Routes stay thin: they validate and hand over.
 */
import restify, { type Request, type Response, type Server } from 'restify';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import { checkActivity } from '../channels/activitySchema';
import type { Logger } from './logger';

export const MAX_BODY_BYTES = 64 * 1024;

export interface AppDeps {
  adapter: CloudAdapter;
  bot: { run(context: TurnContext): Promise<void> };
  /** True when no Bot Framework app id is configured. */
  anonymous: boolean;
  log: Logger;
  /** Resolves when storage answers; rejects otherwise. */
  ready: () => Promise<void>;
}

function securityHeaders(_req: Request, res: Response, next: () => void): void {
  res.header('X-Content-Type-Options', 'nosniff');
  res.header('Referrer-Policy', 'no-referrer');
  res.header('X-Frame-Options', 'DENY');
  res.header('Cache-Control', 'no-store');
  next();
}

export function createServer(deps: AppDeps): Server {
  const server = restify.createServer({ name: 'puente', handleUncaughtExceptions: false });
  server.use(securityHeaders);
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, mapFiles: false, keepExtensions: false }));

  server.post('/api/messages', async (req: Request, res: Response) => {
    const checked = checkActivity(req.body, deps.anonymous);
    if (!checked.ok) {
      res.send(checked.status, { error: checked.error });
      return;
    }
    await deps.adapter.process(req, res, (context) => deps.bot.run(context));
  });

  server.get('/healthz', (_req: Request, res: Response, next: () => void) => {
    res.send(200, { status: 'ok' });
    next();
  });

  server.get('/readyz', async (_req: Request, res: Response) => {
    try {
      await deps.ready();
      res.send(200, { status: 'ready' });
    } catch {
      deps.log.warn({ code: 'NOT_READY' }, 'storage not reachable');
      res.send(503, { status: 'unavailable' });
    }
  });

  server.on('restifyError', (req: Request, res: Response, err: Error & { statusCode?: number }, cb: () => void) => {
    if ((err.statusCode ?? 500) >= 500) deps.log.error({ code: 'HTTP_ERROR', route: req.getPath(), status: err.statusCode, name: err.name }, 'request failed');
    return cb();
  });
  return server;
}
