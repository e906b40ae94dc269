/**
 * The chat page (issue 20, design.md §8): `GET /` answers with the page and the current question
 * already in it, from the same handleTurn and render as every channel; `POST /chat` takes a form
 * answer and answers with the next page, so the whole intake works without JavaScript, one question
 * per page; `POST /exit` is the quick exit without JavaScript. web/app.js turns the same page into
 * the chat and talks to /api/webchat/* (docs/webchat-protocol.md) with the page's token.
 *
 * The conversation id lives only in an HttpOnly, SameSite=Strict cookie (pageCookie.ts). Every form
 * carries this conversation's signed web chat token as its CSRF field: a post counts only when the
 * token is valid and names the cookie's conversation.
 */
import type { Request, Response, Server } from 'restify';
import type { Locale } from '../../dialogs/intake';
import { handleTurn, hashId, turnInputOf, type ChannelActivity, type TurnDeps, type TurnInput } from '../conversation';
import { errorFacts } from '../errors';
import type { Translator } from '../i18n';
import type { Reply } from '../render';
import type { SessionStore } from '../storage';
import { clientAddress, RateLimiter, type WindowLimit } from '../server/rateLimit';
import { chooseEncoding, compressNow, setPageHeaders, type PageAssets } from '../server/static';
import { exitWords, isExitWord } from '../understand/exitWords';
import { clearedCookie, conversationCookie, conversationFromCookie } from './pageCookie';
import { days, renderPage } from './pageHtml';
import type { Revocations } from './webChat';
import { MAX_TOKEN_AGE_SECONDS, newConversationId, REFRESH_GRACE_SECONDS, type WebChatTokens } from './webChatToken';

export interface WebPageDeps {
  turns: TurnDeps;
  tokens: WebChatTokens;
  assets: PageAssets;
  /** The page's Content-Security-Policy and the origins that may frame it. */
  csp: string;
  frameAncestors?: string;
  /** SESSION_TTL_DAYS and RECORD_TTL_DAYS, for the privacy notice. */
  sessionDays: number;
  recordDays: number;
  clock?: () => number;
  /** Where unexpected failures go, with a code and no answers (the web chat API's logger). */
  log: { error(obj: Record<string, unknown>, msg: string): void };
  /** Conversations ended by exit or delete: their tokens (and so their forms) are refused from then on. */
  revocations: Revocations;
  /** Page loads and form posts per client address. */
  perAddress: WindowLimit;
  trustProxyHops?: number;
}

/** What the language toggle sends to the bot: its language command. */
const LANGUAGE_COMMAND: Record<Locale, string> = { en: 'English', es: 'español' };

/** The page texts the script needs to switch language without a reload. */
const SCRIPT_TEXTS = ['titleLabel', 'exitLabel', 'languageLabel', 'chatLabel', 'answersLabel', 'answerLabel', 'sendLabel', 'retryLabel', 'sendFailed'];
const NOTICE_TEXTS = ['notice.summary', 'notice.advice', 'notice.stored', 'notice.exit', 'notice.delete'];

/** The first language of Accept-Language, as a channel locale (handleTurn maps it to en or es). */
export function acceptLanguage(header: string | undefined): string | undefined {
  const first = String(header ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)).find(Boolean);
      return { tag: tag!.trim(), q: q ? Number(q[1]) : 1 };
    })
    .filter((l) => l.tag && l.tag !== '*' && l.q > 0)
    .sort((a, b) => b.q - a.q)[0];
  return first?.tag;
}

/** A page load as the activity a chat client sends when it opens: the browser's language comes with it. */
function joined(req: Request, conversationId: string): TurnInput {
  return turnInputOf({ type: 'conversationUpdate', locale: acceptLanguage(req.headers['accept-language']) }, conversationId);
}

/** A posted form as the message a chat client would send: the language toggle types its command, a button sends its code. */
function formActivity(fields: Record<string, string>, text: string): ChannelActivity {
  if (fields.lang === 'en' || fields.lang === 'es') return { type: 'message', text: LANGUAGE_COMMAND[fields.lang] };
  if (fields.answer) return { type: 'message', value: fields.answer.slice(0, 200) };
  return { type: 'message', text };
}

export function registerWebPageRoutes(server: Server, deps: WebPageDeps): void {
  const { turns, tokens } = deps;
  const clock = deps.clock ?? Date.now;
  const limiter = new RateLimiter({ ...deps.perAddress, now: clock });

  const pageTexts = (t: Translator): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const key of SCRIPT_TEXTS) out[key] = t.t(`web:${key}`);
    for (const key of NOTICE_TEXTS) out[key] = t.t(`web:${key}`, { sessionDays: days(deps.sessionDays), recordDays: days(deps.recordDays) });
    return out;
  };
  const texts = { en: pageTexts(turns.texts.translator('en')), es: pageTexts(turns.texts.translator('es')) };

  const allowed = (req: Request, res: Response): boolean => {
    const d = limiter.hit(clientAddress(req, deps.trustProxyHops));
    if (d.allowed) return true;
    res.setHeader('Retry-After', String(d.retryAfterSeconds));
    res.send(429, { error: 'too many requests; try again later' });
    return false;
  };

  /**
   * The turn's dependencies for showing a page: the session is read but never saved and nothing is
   * observed. `saved()` tells whether the turn would have saved one (a new conversation).
   */
  const dryRun = () => {
    let wouldSave = false;
    const sessions: SessionStore = {
      load: (id) => turns.sessions.load(id),
      save: async () => {
        wouldSave = true;
        return 'not-saved';
      },
      delete: async () => undefined,
    };
    return { deps: { ...turns, sessions, observe: undefined } as TurnDeps, saved: () => wouldSave };
  };

  const sendPage = (req: Request, res: Response, status: number, conversationId: string, locale: Locale, replies: readonly Reply[], notice?: string, fresh = false) => {
    const t = turns.texts.translator(locale);
    const html = renderPage({
      locale,
      t,
      texts,
      organization: turns.profile.name[locale],
      replies,
      token: tokens.sign(conversationId, clock()).token,
      quickExitUrl: turns.profile.quickExitUrl,
      exitWords,
      assets: deps.assets,
      sessionDays: deps.sessionDays,
      recordDays: deps.recordDays,
      status: notice ? t.t(`web:${notice}`) : undefined,
      fresh,
    });
    const raw = Buffer.from(html, 'utf8');
    const encoding = chooseEncoding(req.headers['accept-encoding']);
    const body = encoding ? compressNow(raw, encoding) : raw;
    setPageHeaders(res, deps.csp, deps.frameAncestors);
    res.setHeader('Set-Cookie', conversationCookie(conversationId, req.headers.host));
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Content-Length', String(body.length));
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Vary', 'Accept-Encoding, Accept-Language, Cookie');
    if (encoding) res.setHeader('Content-Encoding', encoding);
    res.writeHead(status);
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const failed = (res: Response, conversationId: string, err: unknown) => {
    deps.log.error({ code: 'TURN_FAILED', err: errorFacts(err), conv: hashId(conversationId) }, 'unexpected error in a page turn');
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.writeHead(500);
    res.end(turns.texts.apology);
  };

  /** Runs a turn and answers with the page it leads to. */
  const turnPage = async (req: Request, res: Response, input: TurnInput, status = 200, notice?: string) => {
    try {
      const out = await handleTurn(input, turns);
      // A typed exit or delete ends the conversation: its token and forms are refused from now on.
      if (out.ended === 'exited' || out.ended === 'deleted') await revoke(input.conversationId);
      sendPage(req, res, status, input.conversationId, out.locale, out.replies, notice);
    } catch (err) {
      failed(res, input.conversationId, err);
    }
  };

  /** The page where the conversation is now, without storing or counting anything. */
  const showPage = async (req: Request, res: Response, conversationId: string, status = 200, notice?: string) => {
    const dry = dryRun();
    try {
      const out = await handleTurn(joined(req, conversationId), dry.deps);
      sendPage(req, res, status, conversationId, out.locale, out.replies, notice, dry.saved());
    } catch (err) {
      failed(res, conversationId, err);
    }
  };

  const page = async (req: Request, res: Response) => {
    if (!allowed(req, res)) return;
    // A new conversation is greeted in the browser's language; an existing one shows where it is.
    await showPage(req, res, conversationFromCookie(req.headers.cookie) ?? newConversationId());
  };

  /** Ends the conversation's tokens until none issued so far could still be valid (as the web chat API does). */
  const revoke = (conversationId: string) =>
    deps.revocations.revoke(conversationId, clock() + (MAX_TOKEN_AGE_SECONDS + 120) * 1000, clock());

  /** The cookie's conversation when the form's token names it; null for a forged, stale or ended form. */
  const formConversation = async (req: Request): Promise<{ conversationId: string | null; fields: Record<string, string> }> => {
    const body = req.body as unknown;
    const fields: Record<string, string> = {};
    if (body && typeof body === 'object') {
      for (const [k, v] of Object.entries(body as Record<string, unknown>)) if (typeof v === 'string') fields[k] = v;
    }
    const cookie = conversationFromCookie(req.headers.cookie);
    const signed = fields.csrf ? tokens.verify(fields.csrf, clock(), REFRESH_GRACE_SECONDS) : null;
    if (!cookie || signed?.conversationId !== cookie) return { conversationId: null, fields };
    if (await deps.revocations.isRevoked(cookie, clock())) return { conversationId: null, fields };
    return { conversationId: cookie, fields };
  };

  const exit = async (req: Request, res: Response, conversationId: string | null) => {
    if (conversationId) {
      const remove = () => turns.sessions.delete(conversationId);
      try {
        await (turns.queue ? turns.queue.run(conversationId, remove) : remove());
        await revoke(conversationId);
        turns.log.info({ conv: hashId(conversationId), event: 'intake.exited', via: 'page' }, 'quick exit; conversation deleted');
      } catch (err) {
        // The person still leaves at once; the session expires with its TTL.
        deps.log.error({ code: 'DELETE_FAILED', conv: hashId(conversationId), err: errorFacts(err) }, 'page quick exit could not delete');
      }
    }
    res.setHeader('Set-Cookie', clearedCookie(req.headers.host));
    res.setHeader('Location', turns.profile.quickExitUrl);
    res.setHeader('Cache-Control', 'no-store');
    res.writeHead(303);
    res.end();
  };

  server.get('/', page);
  server.head('/', page);

  server.post('/chat', async (req: Request, res: Response) => {
    if (!allowed(req, res)) return;
    const { conversationId, fields } = await formConversation(req);
    if (!conversationId) {
      // A form from another site, or a page left open past its token: show the question again.
      await showPage(req, res, conversationFromCookie(req.headers.cookie) ?? newConversationId(), 403, 'expired');
      return;
    }
    if (fields.fresh === '1') {
      // The first answer of a conversation the page only showed: it starts now (stored, counted),
      // in the language the page was shown in. On a conversation that exists this changes nothing.
      try {
        await handleTurn(joined(req, conversationId), turns);
      } catch (err) {
        return failed(res, conversationId, err);
      }
    }
    const text = (fields.text ?? '').slice(0, 2000);
    if (text && isExitWord(text)) return exit(req, res, conversationId);
    await turnPage(req, res, turnInputOf(formActivity(fields, text), conversationId));
  });

  server.post('/exit', async (req: Request, res: Response) => {
    // Never refused: a person leaving must leave. Only a valid form deletes the conversation.
    const { conversationId } = await formConversation(req);
    await exit(req, res, conversationId);
  });
}
