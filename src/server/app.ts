/**
 * The HTTP surface (design.md §4): `/api/messages` behind a body limit and an activity shape check,
 * the self-hosted web chat (API, page and assets, design.md §8), and the health endpoints. Routes
 * stay thin: they validate and hand over. The 64 KB body limit applies to every route.
 */
import restify, { type Request, type Response, type Server } from 'restify';
import type { TurnContext } from 'botbuilder';
import type { PuenteAdapter } from '../channels/adapter';
import { isRemoval } from '../bot/intakeBot';
import { checkActivity } from '../channels/activitySchema';
import { DEFAULT_WEBCHAT_LIMITS, registerWebChatRoutes, type WebChatDeps } from '../channels/webChat';
import { registerWebPageRoutes } from '../channels/webPage';
import type { ContentReview } from '../content/review';
import { hashId } from '../conversation';
import { applyHttpTimeouts, type HttpTimeouts } from './httpTimeouts';
import { jsonBodies } from './jsonBody';
import type { Logger } from './logger';
import type { MessageLimiter } from './messageLimits';
import { answerMetrics, type MetricsSource } from './metricsEndpoint';
import { contentSecurityPolicy, registerStaticRoutes, type StaticDeps } from './static';

export const MAX_BODY_BYTES = 64 * 1024;
/** The chat page's HTML forms (src/channels/webPage.ts) and the staff pages' (src/staff/inbox.ts): the only routes that read form bodies. */
const isFormPath = (path: string) => path === '/chat' || path === '/exit' || path.startsWith('/staff/');

export interface AppDeps {
  /** Authenticates (when an app id is configured), then runs the turn. */
  adapter: PuenteAdapter;
  bot: {
    run(context: TurnContext): Promise<void>;
    /** The short "please wait" reply to a turn refused by the per-conversation limit (authenticated mode). */
    busy?(context: TurnContext): Promise<void>;
  };
  /** True when no Bot Framework app id is configured. */
  anonymous: boolean;
  log: Logger;
  /** Resolves when storage answers; rejects otherwise. */
  ready: () => Promise<void>;
  /** The content review state now (design.md §7), reported by /readyz. */
  content: () => ContentReview;
  /** The self-hosted web chat API (/api/webchat/*); absent: not served. */
  webChat?: WebChatDeps;
  /** The chat page and its assets (GET /, POST /chat and /exit, /webchat/*); absent: not served. The page needs `webChat` too. */
  page?: StaticDeps & { sessionDays: number; recordDays: number };
  /** Prometheus text at GET /metrics (with a bearer token when `token` is set); absent: not served here. */
  metrics?: MetricsSource & { token?: string };
  /** Rate limits of /api/messages (per address when anonymous, per conversation); absent: none. */
  messageLimits?: MessageLimiter;
  /** Slow-client timeouts (httpTimeouts.ts); defaults when absent. */
  httpTimeouts?: Partial<HttpTimeouts>;
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

/** The shape of a self-hosted web chat conversation id (webChatToken.ts), however it is cased or padded. */
const WEB_CHAT_ID = /^\s*wc-/i;

export function createServer(deps: AppDeps): Server {
  const server = restify.createServer({ name: 'puente', handleUncaughtExceptions: false });
  applyHttpTimeouts(server.server, deps.httpTimeouts);
  server.use(securityHeaders);
  server.use(jsonBodies(MAX_BODY_BYTES, isFormPath));

  /** 429 with Retry-After; the turn never starts, so the session stays as it was. */
  const tooMany = (res: Response, retryAfterSeconds: number, scope: 'address' | 'conversation') => {
    deps.log.warn({ code: 'RATE_LIMITED', route: 'messages', scope }, 'message rate limited');
    res.setHeader('Retry-After', String(retryAfterSeconds));
    res.send(429, { error: 'too many requests; try again later' });
  };

  server.post('/api/messages', async (req: Request, res: Response) => {
    const byAddress = deps.messageLimits?.address(req);
    if (byAddress && !byAddress.allowed) return tooMany(res, byAddress.retryAfterSeconds, 'address');
    const checked = checkActivity(req.body, deps.anonymous);
    if (!checked.ok) {
      res.send(checked.status, { error: checked.error });
      return;
    }
    // A self-hosted web chat conversation is reached only through /api/webchat with its token: its id
    // is no credential here (and the turn's key is namespaced by channel anyway, intakeBot.ts).
    if (WEB_CHAT_ID.test(checked.activity.conversation.id)) {
      res.send(400, { error: 'web chat conversations use /api/webchat' });
      return;
    }
    // Anonymous: anyone may post to any conversation anyway, so its limit is checked at once (429).
    // Authenticated: only after the channel token is checked, or anyone could use up a person's
    // limit by posting with their conversation id; the limited turn runs nothing, and the person
    // gets one short "please wait" line at most once a minute (so the limit cannot be used to make
    // Puente send messages). A removal of the app is never limited: leaving must always work.
    const conversationKey = hashId(checked.activity.conversation.id);
    if (deps.anonymous) {
      const d = deps.messageLimits?.conversation(conversationKey);
      if (d && !d.allowed) return tooMany(res, d.retryAfterSeconds, 'conversation');
    }
    const started = deps.timeRequest ? performance.now() : 0;
    await deps.adapter.handle(req, res, async (context) => {
      const limits = deps.messageLimits;
      if (!deps.anonymous && limits && !isRemoval(context.activity) && !limits.conversation(conversationKey).allowed) {
        deps.log.warn({ code: 'RATE_LIMITED', route: 'messages', scope: 'conversation' }, 'message rate limited');
        if (context.activity.type === 'message' && deps.bot.busy && limits.notice(conversationKey)) await deps.bot.busy(context);
        return;
      }
      await deps.bot.run(context);
    });
    deps.timeRequest?.(performance.now() - started);
  });

  if (deps.webChat) registerWebChatRoutes(server, deps.webChat);
  if (deps.page) {
    const assets = registerStaticRoutes(server, deps.page);
    const chat = deps.webChat;
    if (chat) {
      registerWebPageRoutes(server, {
        turns: chat.turns,
        tokens: chat.tokens,
        assets,
        csp: contentSecurityPolicy(deps.page.frameAncestors, chat.turns.profile.quickExitUrl),
        frameAncestors: deps.page.frameAncestors,
        sessionDays: deps.page.sessionDays,
        recordDays: deps.page.recordDays,
        clock: chat.clock,
        revocations: chat.revocations,
        log: chat.log,
        perAddress: chat.limits?.perAddress ?? DEFAULT_WEBCHAT_LIMITS.perAddress,
        trustProxyHops: chat.trustProxyHops,
      });
    }
  }

  server.get('/healthz', (_req: Request, res: Response, next: () => void) => {
    res.send(200, { status: 'ok' });
    next();
  });

  // Stale content is reported, never a reason to be unready: the bot must stay in the load balancer.
  server.get('/readyz', async (_req: Request, res: Response) => {
    const content = deps.content();
    try {
      await deps.ready();
      res.send(200, { status: 'ready', content });
    } catch {
      deps.log.warn({ code: 'NOT_READY' }, 'storage not reachable');
      res.send(503, { status: 'unavailable', content });
    }
  });

  const metrics = deps.metrics;
  if (metrics) {
    server.get('/metrics', async (req: Request, res: Response) => {
      const answer = await answerMetrics(req.headers, { metrics, token: metrics.token, log: deps.log });
      for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
      res.sendRaw(answer.status, answer.body);
    });
  }

  server.on('restifyError', (req: Request, res: Response, err: Error & { statusCode?: number }, cb: () => void) => {
    if ((err.statusCode ?? 500) >= 500) deps.log.error({ code: 'HTTP_ERROR', route: req.getPath(), status: err.statusCode, name: err.name }, 'request failed');
    return cb();
  });
  return server;
}
