/**
 * The self-hosted web chat's API (docs/webchat-protocol.md): sessions with signed tokens, and turns
 * through the same pipeline as /api/messages without botbuilder's adapter (activity -> turnInputOf
 * -> handleTurn -> toActivities). The conversation id comes only from the token, never the body.
 * Works with or without a Bot Framework app id: these routes have their own authentication.
 */
import { randomUUID } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { toActivities, wireLocale } from '../bot/toActivities';
import type { OrgProfile } from '../config';
import { handleTurn, hashId, localeFromChannel, turnInputOf, type TurnDeps, type TurnLogger } from '../conversation';
import { errorFacts } from '../errors';
import { clientAddress, perMinute, RateLimiter, type WindowLimit } from '../server/rateLimit';
import { StoreUnavailableError } from '../storage';
import { clearedCookie } from './pageCookie';
import { MAX_TOKEN_AGE_SECONDS, newConversationId, REFRESH_GRACE_SECONDS, type VerifiedToken, type WebChatTokens } from './webChatToken';

/**
 * Web chat conversations ended by exit or delete: their tokens are refused from then on, on every
 * instance sharing the store (the backend's revoked table, keyed by a hash of the id).
 */
export interface Revocations {
  revoke(conversationId: string, until: number, now: number): Promise<void>;
  isRevoked(conversationId: string, now: number): Promise<boolean>;
}

/** The turn's logger, and errors of the web chat API itself. */
export interface WebChatLogger extends TurnLogger {
  error(obj: Record<string, unknown>, msg: string): void;
}

export interface WebChatLimits {
  /** New sessions per client address. */
  sessionsPerAddress: WindowLimit;
  /** Activities, refreshes and deletes per conversation (token). */
  perConversation: WindowLimit;
  /** Every /api/webchat request per client address. */
  perAddress: WindowLimit;
}

export const DEFAULT_WEBCHAT_LIMITS: WebChatLimits = {
  sessionsPerAddress: perMinute(30),
  perConversation: perMinute(60),
  perAddress: perMinute(120),
};

export interface WebChatDeps {
  /** The very object IntakeBot uses (stores, texts, profile, clock, TurnQueue). */
  turns: TurnDeps;
  tokens: WebChatTokens;
  revocations: Revocations;
  log: WebChatLogger;
  /** Clock of token signing and checking and of reply timestamps (ms); default Date.now. */
  clock?: () => number;
  limits?: Partial<WebChatLimits>;
  /** Reverse proxies in front (see clientAddress). */
  trustProxyHops?: number;
}

const BOT = { id: 'puente', name: 'Puente', role: 'bot' } as const;

/** A button answer: `{ answer }` as the contract says, or the bare code Web Chat's messageBack sends. */
const answerValue = z.union([z.object({ answer: z.string().max(200) }).transform((v) => v.answer), z.string().max(200)]);

/** One incoming activity. Unknown keys (from, timestamp, attachments…) are dropped. */
export const webChatActivitySchema = z.object({
  type: z.string().min(1).max(64),
  text: z.string().max(20_000).optional(),
  value: answerValue.optional(),
  locale: z.string().max(32).optional(),
  channelData: z.object({ clientActivityID: z.string().max(256).optional() }).optional(),
});

const emptyBody = z.union([z.undefined(), z.literal(''), z.object({})]);

function firstIssue(err: z.ZodError): string {
  const i = err.issues[0];
  return i ? `${i.path.join('.') || 'body'}: ${i.message}` : 'bad shape';
}

export function registerWebChatRoutes(server: Server, deps: WebChatDeps): void {
  const clock = deps.clock ?? Date.now;
  const limits = { ...DEFAULT_WEBCHAT_LIMITS, ...deps.limits };
  const sessionLimiter = new RateLimiter({ ...limits.sessionsPerAddress, now: clock });
  const conversationLimiter = new RateLimiter({ ...limits.perConversation, now: clock });
  const addressLimiter = new RateLimiter({ ...limits.perAddress, now: clock });
  const { turns, log } = deps;

  const tooMany = (res: Response, retryAfterSeconds: number, route: string): false => {
    log.warn({ code: 'RATE_LIMITED', route }, 'web chat request rate limited');
    res.setHeader('Retry-After', String(retryAfterSeconds));
    res.send(429, { error: 'too many requests; try again later' });
    return false;
  };

  /** Counts the request against the per-address limit; answers 429 and returns false when over. */
  const addressAllowed = (req: Request, res: Response, route: string): boolean => {
    const d = addressLimiter.hit(clientAddress(req, deps.trustProxyHops));
    return d.allowed || tooMany(res, d.retryAfterSeconds, route);
  };

  const refuse = (res: Response, why: string): null => {
    res.setHeader('WWW-Authenticate', 'Bearer');
    res.send(401, { error: why });
    return null;
  };

  /** A genuine bearer token (not checked against revocation), or null after answering 401. */
  const bearer = (req: Request, res: Response, graceSeconds = 0): VerifiedToken | null => {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    const verified = m ? deps.tokens.verify(m[1]!, clock(), graceSeconds) : null;
    return verified ?? refuse(res, m ? 'invalid or expired token' : 'missing token');
  };

  /**
   * The token of a live conversation (genuine, not revoked by exit or delete, within its limits), or
   * null after answering.
   */
  const authorized = async (req: Request, res: Response, route: string, graceSeconds = 0): Promise<VerifiedToken | null> => {
    if (!addressAllowed(req, res, route)) return null;
    const verified = bearer(req, res, graceSeconds);
    if (!verified) return null;
    const d = conversationLimiter.hit(verified.conversationId);
    if (!d.allowed) return tooMany(res, d.retryAfterSeconds, route) || null;
    if (await deps.revocations.isRevoked(verified.conversationId, clock())) return refuse(res, 'this conversation has ended');
    return verified;
  };

  /** Ends the conversation's tokens until none issued so far could still be valid. */
  const revoke = (conversationId: string) =>
    deps.revocations.revoke(conversationId, clock() + (MAX_TOKEN_AGE_SECONDS + 120) * 1000, clock());

  const issue = (conversationId: string, issuedAt?: number) => {
    const { token, expiresIn } = deps.tokens.sign(conversationId, clock(), issuedAt);
    return { conversationId, token, expiresIn };
  };

  server.get('/api/webchat/config', (req: Request, res: Response, next: () => void) => {
    if (addressAllowed(req, res, 'config')) {
      const profile: OrgProfile = turns.profile;
      res.send(200, { quickExitUrl: profile.quickExitUrl, organization: { en: profile.name.en, es: profile.name.es } });
    }
    next();
  });

  server.post('/api/webchat/session', (req: Request, res: Response, next: () => void) => {
    if (!addressAllowed(req, res, 'session')) return next();
    const d = sessionLimiter.hit(clientAddress(req, deps.trustProxyHops));
    if (!d.allowed) {
      tooMany(res, d.retryAfterSeconds, 'session');
      return next();
    }
    if (!emptyBody.safeParse(req.body).success) {
      res.send(400, { error: 'expected an empty JSON object' });
      return next();
    }
    // Nothing is stored until the first turn.
    res.send(200, issue(newConversationId()));
    return next();
  });

  server.post('/api/webchat/session/refresh', async (req: Request, res: Response) => {
    // A recently expired token may still be exchanged, so a phone left in a pocket keeps its answers;
    // the new token keeps the first one's issue time (absolute lifetime).
    try {
      const verified = await authorized(req, res, 'refresh', REFRESH_GRACE_SECONDS);
      if (verified) res.send(200, issue(verified.conversationId, verified.issuedAt));
    } catch (err) {
      unavailable(res, err, 'refresh');
    }
  });

  const unavailable = (res: Response, err: unknown, route: string) => {
    log.warn({ code: 'STORE_UNAVAILABLE', route, name: (err as Error)?.name }, 'store unavailable');
    res.send(503, { error: 'storage unavailable; try again in a minute' });
  };

  server.del('/api/webchat/session', async (req: Request, res: Response) => {
    // Not counted against the per-address limit (a person fleeing behind a shared address must
    // not be refused), and a revoked token is accepted: the page repeats the delete until it hears
    // 204, and a repeat after a revocation that did not confirm must still erase. The token's
    // signature and the per-conversation limit still apply.
    const verified = bearer(req, res);
    if (!verified) return;
    const { conversationId } = verified;
    const d = conversationLimiter.hit(conversationId);
    if (!d.allowed) {
      tooMany(res, d.retryAfterSeconds, 'delete');
      return;
    }
    const conv = hashId(conversationId);
    // The quick exit, like the typed `exit`: the conversation's answers go at once. An intake already
    // sent to the organization stays with its staff (typing `delete` removes that too), so a person
    // who flees the page does not also cancel the help they asked for. The token is revoked first,
    // so no turn can start the conversation again between the two.
    const remove = async () => {
      await revoke(conversationId);
      await turns.sessions.delete(conversationId);
    };
    try {
      // After any turn of this conversation still running, so none saves the session again.
      await (turns.queue ? turns.queue.run(conversationId, remove) : remove());
      log.info({ conv, event: 'intake.exited', via: 'webchat' }, 'quick exit; conversation deleted');
      // The chat page's conversation cookie goes too, so the next visit starts afresh.
      res.setHeader('Set-Cookie', clearedCookie(req.headers.host));
      res.send(204);
    } catch (err) {
      if (err instanceof StoreUnavailableError) {
        log.warn({ code: 'STORE_UNAVAILABLE', conv }, 'store unavailable');
        res.send(503, { error: 'storage unavailable; try again in a minute' });
      } else {
        log.error({ code: 'DELETE_FAILED', conv, err: errorFacts(err) }, 'web chat delete failed');
        res.send(500, { error: 'delete failed' });
      }
    }
  });

  server.post('/api/webchat/activities', async (req: Request, res: Response) => {
    let verified: VerifiedToken | null;
    try {
      verified = await authorized(req, res, 'activities');
    } catch (err) {
      unavailable(res, err, 'activities');
      return;
    }
    if (!verified) return;
    const { conversationId } = verified;
    const parsed = webChatActivitySchema.safeParse(req.body);
    if (!parsed.success) {
      res.send(400, { error: `invalid activity: ${firstIssue(parsed.error)}` });
      return;
    }
    const a = parsed.data;
    if (a.type !== 'conversationUpdate' && a.type !== 'message') {
      // typing, events…: nothing to answer.
      res.send(200, { activities: [] });
      return;
    }
    const input = turnInputOf(a, conversationId);

    let replies: object[];
    try {
      const out = await handleTurn(input, turns);
      // A typed `exit` or `delete` ended the conversation: its token goes with it.
      if (out.ended === 'exited' || out.ended === 'deleted') await revoke(conversationId);
      replies = toActivities(out.replies, out.locale, 'webchat', turns.texts.translator(out.locale));
    } catch (err) {
      // As the adapter's onTurnError: a coded line, the fixed apology, the session as it was.
      log.error({ code: 'TURN_FAILED', err: errorFacts(err), conv: hashId(conversationId) }, 'unexpected error in a turn');
      replies = [{ type: 'message', text: turns.texts.apology, locale: wireLocale(localeFromChannel(a.locale)) }];
    }
    const t0 = clock();
    res.send(200, {
      activities: replies.map((r, i) => ({
        ...r,
        id: randomUUID(),
        // Strictly increasing, so a client sorting by timestamp keeps the order.
        timestamp: new Date(t0 + i).toISOString(),
        channelId: 'webchat',
        from: BOT,
        conversation: { id: conversationId },
      })),
    });
  });
}
