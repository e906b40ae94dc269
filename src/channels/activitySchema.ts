/**
 * The shape an incoming activity must have before botbuilder sees it. botbuilder answers malformed
 * bodies with 500, and in anonymous mode would post replies to any client-supplied `serviceUrl`, so
 * the HTTP boundary checks both first (design.md §4).
 */
import { z } from 'zod';

const id = z.string().min(1).max(256);
const account = z.object({ id, name: z.string().max(256).optional(), role: z.string().max(64).optional() }).loose();

export const incomingActivitySchema = z
  .object({
    type: z.string().min(1).max(64),
    id: z.string().max(256).optional(),
    channelId: z.string().min(1).max(64),
    serviceUrl: z.string().min(1).max(2048),
    conversation: z.object({ id }).loose(),
    from: account,
    recipient: account.optional(),
    text: z.string().max(20_000).optional(),
    locale: z.string().max(32).optional(),
    deliveryMode: z.string().max(32).optional(),
    membersAdded: z.array(account).max(100).optional(),
  })
  .loose();

export type IncomingActivity = z.infer<typeof incomingActivitySchema>;

export type ActivityCheck = { ok: true; activity: IncomingActivity } | { ok: false; status: 400; error: string };

/**
 * Checks an incoming body. Without a Bot Framework app id (anonymous mode) only
 * `deliveryMode: "expectReplies"` is accepted, so replies travel back in the HTTP response and the
 * bot never calls a client-supplied address.
 */
export function checkActivity(body: unknown, anonymous: boolean): ActivityCheck {
  const parsed = incomingActivitySchema.safeParse(body);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, status: 400, error: `invalid activity: ${first ? `${first.path.join('.') || 'body'} ${first.message}` : 'bad shape'}` };
  }
  if (anonymous && parsed.data.deliveryMode !== 'expectReplies') {
    return { ok: false, status: 400, error: 'without Bot Framework authentication only deliveryMode "expectReplies" is accepted' };
  }
  return { ok: true, activity: parsed.data };
}
