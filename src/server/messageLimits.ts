/**
 * Rate limits of `POST /api/messages` (issue 8): per client address and per conversation, each a
 * fixed window in this process (see RateLimiter). The per-address limit applies only in anonymous
 * mode: with Bot Framework authentication every request comes from the channel service's few
 * addresses, so limiting by address would throttle every Teams user at once; the per-conversation
 * limit applies in both modes. A limited request is refused before botbuilder and the turn pipeline
 * see it, so it changes no session: nothing the person answered before is lost.
 */
import type { Request } from 'restify';
import { clientAddress, perMinute, RateLimiter, type RateDecision, type WindowLimit } from './rateLimit';

export interface MessageLimits {
  perAddress: WindowLimit;
  perConversation: WindowLimit;
  /**
   * Under Bot Framework authentication a refused turn gets a short "please wait" reply, at most this
   * often per conversation: the limit must not become a way to make Puente send messages.
   */
  noticePerConversation?: WindowLimit;
}

export const DEFAULT_MESSAGE_LIMITS: MessageLimits = {
  perAddress: perMinute(600),
  perConversation: perMinute(60),
  noticePerConversation: perMinute(1),
};

export interface MessageLimiterOptions {
  limits: MessageLimits;
  /** True without a Bot Framework app id: the per-address limit applies. */
  anonymous: boolean;
  trustProxyHops: number;
  now?: () => number;
}

const ALLOWED: RateDecision = { allowed: true };

export class MessageLimiter {
  private readonly byAddress: RateLimiter | null;
  private readonly byConversation: RateLimiter;
  private readonly notices: RateLimiter;

  constructor(private readonly options: MessageLimiterOptions) {
    const now = options.now;
    this.byAddress = options.anonymous ? new RateLimiter({ ...options.limits.perAddress, now }) : null;
    this.byConversation = new RateLimiter({ ...options.limits.perConversation, now });
    const notice = options.limits.noticePerConversation ?? DEFAULT_MESSAGE_LIMITS.noticePerConversation!;
    this.notices = new RateLimiter({ ...notice, now });
  }

  /** Counts one request of the client's address (anonymous mode only). */
  address(req: Request): RateDecision {
    return this.byAddress ? this.byAddress.hit(clientAddress(req, this.options.trustProxyHops)) : ALLOWED;
  }

  /** Counts one turn of a conversation; `key` is the hashed conversation id, never the id itself. */
  conversation(key: string): RateDecision {
    return this.byConversation.hit(key);
  }

  /** Whether a refused turn of this conversation may get the "please wait" reply now (counts it). */
  notice(key: string): boolean {
    return this.notices.hit(key).allowed;
  }
}
