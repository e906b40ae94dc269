/**
 * One conversation as a Bot Framework channel sends it (the Web Chat channel in anonymous mode:
 * `deliveryMode: expectReplies`, so the replies come back in the response body). The benchmark's
 * generator and the tests' conversations are this class.
 */
import { randomUUID } from 'node:crypto';
import { HttpClient, HttpError, type Requester } from './httpClient';

/** A reply activity, as far as the benchmark and the tests read it. */
export interface Activity {
  type: string;
  text?: string;
  locale?: string;
  channelData?: {
    question?: string;
    progress?: { answered: number; total: number };
    intakeResult?: { findings: { code: string; severity: string; because: string[] }[]; urgent: boolean; referral: string; reference: string };
    prompt?: string;
  };
  suggestedActions?: { actions: { type: string; title: string; value: unknown }[] };
}

export type IntakeResult = NonNullable<NonNullable<Activity['channelData']>['intakeResult']>;

export class BotConversation {
  private readonly client: Requester;

  /** `server`: a client (the generator's keep-alive one), or a base URL (a connection per request). */
  constructor(
    server: Requester | string,
    readonly locale = 'en-US',
    readonly channelId = 'webchat',
    readonly id = `c-${randomUUID()}`,
    readonly user = `u-${randomUUID()}`,
  ) {
    this.client = typeof server === 'string' ? new HttpClient(server) : server;
  }

  /** The id the turns run under (namespaced by channel, botFrameworkConversationId): what the stores see. */
  get key(): string {
    return `bf:${this.channelId}:${this.id}`;
  }

  /** The same conversation sent through another client (e.g. to a restarted server). */
  via(server: Requester | string): BotConversation {
    return new BotConversation(server, this.locale, this.channelId, this.id, this.user);
  }

  /** The activity as the channel posts it: the envelope, then `activity` over it. */
  body(activity: Record<string, unknown>): string {
    return JSON.stringify({
      channelId: this.channelId,
      serviceUrl: 'http://127.0.0.1:1',
      deliveryMode: 'expectReplies',
      from: { id: this.user, name: 'user', role: 'user' },
      recipient: { id: 'bot', name: 'bot', role: 'bot' },
      conversation: { id: this.id },
      id: randomUUID(),
      timestamp: new Date().toISOString(),
      locale: this.locale,
      ...activity,
    });
  }

  /** Posts to /api/messages; resolves with the status and the parsed body (null when empty). */
  async raw(activity: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
    const res = await this.client.request('POST', '/api/messages', this.body(activity));
    return { status: res.status, body: res.body ? (JSON.parse(res.body) as unknown) : null };
  }

  /** Posts to /api/messages; resolves with the reply activities (for an echo of the body: none). */
  async post(activity: Record<string, unknown>): Promise<Activity[]> {
    const { status, body } = await this.raw(activity);
    if (status !== 200) throw new HttpError(`HTTP ${status}: ${JSON.stringify(body).slice(0, 300)}`);
    const activities = (body as { activities?: unknown } | null)?.activities;
    return Array.isArray(activities) ? (activities as Activity[]) : [];
  }

  /** The person opens the chat. */
  start(): Promise<Activity[]> {
    return this.post({ type: 'conversationUpdate', membersAdded: [{ id: this.user }, { id: 'bot' }] });
  }

  /** The person types `text`. */
  say(text: string): Promise<Activity[]> {
    return this.post({ type: 'message', text });
  }

  /** The person presses the button whose value is `answer`. */
  press(answer: string): Promise<Activity[]> {
    return this.post({ type: 'message', value: { answer } });
  }
}

/** The question the bot asks last in these replies. */
export const questionOf = (acts: readonly Activity[]) => [...acts].reverse().find((a) => a.channelData?.question)?.channelData?.question;
/** The intake's result, when these replies carry it. */
export const resultOf = (acts: readonly Activity[]) => acts.find((a) => a.channelData?.intakeResult)?.channelData?.intakeResult;
/** The replies' texts, one a line. */
export const textOf = (acts: readonly Activity[]) => acts.map((a) => a.text ?? '').join('\n');
