/**
 * The HTTP surface (design.md §4): `/api/messages` behind a body limit and an activity shape check,
 * the self-hosted web chat (API, page and assets, design.md §8), and the health endpoints. Routes
 * stay thin: they validate and hand over. The 64 KB body limit applies to every route.
 */
import restify, { type Request, type Response, type Server } from 'restify';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import { checkActivity } from '../channels/activitySchema';
import { registerWebChatRoutes, type WebChatDeps } from '../channels/webChat';
import type { Logger } from './logger';
import { registerStaticRoutes, type StaticDeps } from './static';

export const MAX_BODY_BYTES = 64 * 1024;

export interface AppDeps {
  adapter: CloudAdapter;
  bot: { run(context: TurnContext): Promise<void> };
  /** True when no Bot Framework app id is configured. */
  anonymous: boolean;
  log: Logger;
  /** Resolves when storage answers; rejects otherwise. */
  ready: () => Promise<void>;
  /** The self-hosted web chat API (/api/webchat/*); absent: not served. */
  webChat?: WebChatDeps;
  /** The chat page and its assets (GET /, /webchat/*); absent: not served. */
  page?: StaticDeps;
  /** Benchmark only: told how long each accepted /api/messages request spent in the adapter and the bot (ms). */
  timeRequest?: (ms: number) => void;
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
    const started = deps.timeRequest ? performance.now() : 0;
    await deps.adapter.process(req, res, (context) => deps.bot.run(context));
    deps.timeRequest?.(performance.now() - started);
  });

  if (deps.webChat) registerWebChatRoutes(server, deps.webChat);
  if (deps.page) registerStaticRoutes(server, deps.page);

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
