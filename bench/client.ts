/**
 * The load generator's HTTP side: Node's http client with one keep-alive agent (a socket per
 * conversation in flight), loopback only, every request bounded by a timeout.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { ReplyActivity, Send } from './scenarios';

export interface HttpResult {
  status: number;
  body: string;
}

export class HttpError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HttpError';
  }
}

export class Client {
  private readonly agent: http.Agent;

  constructor(
    readonly port: number,
    sockets: number,
    private readonly timeoutMs = 30_000,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets, scheduling: 'lifo' });
  }

  request(method: 'GET' | 'POST', path: string, body?: string): Promise<HttpResult> {
    return new Promise((resolve, reject) => {
      const headers: http.OutgoingHttpHeaders = body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
      const req = http.request({ host: '127.0.0.1', port: this.port, method, path, agent: this.agent, headers }, (res) => {
        res.setEncoding('utf8');
        let text = '';
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', reject);
      });
      req.setTimeout(this.timeoutMs, () => req.destroy(new HttpError(`no answer within ${this.timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/**
 * One conversation of the generator, as the Web Chat channel in anonymous mode sends it
 * (`deliveryMode: expectReplies`: the replies come back in the response body).
 */
export class BotConversation {
  constructor(
    private readonly client: Client,
    readonly locale: string,
    readonly id = `bench-${randomUUID()}`,
    readonly user = `u-${randomUUID()}`,
  ) {}

  /** The same conversation sent through another client (e.g. to a restarted server). */
  via(client: Client): BotConversation {
    return new BotConversation(client, this.locale, this.id, this.user);
  }

  body(activity: Record<string, unknown>): string {
    const join = activity.type === 'conversationUpdate' && activity.membersAdded === undefined ? { membersAdded: [{ id: this.user }, { id: 'bot' }] } : {};
    return JSON.stringify({
      channelId: 'webchat',
      serviceUrl: 'http://127.0.0.1:1',
      deliveryMode: 'expectReplies',
      from: { id: this.user, name: 'user', role: 'user' },
      recipient: { id: 'bot', name: 'bot', role: 'bot' },
      conversation: { id: this.id },
      id: randomUUID(),
      timestamp: new Date().toISOString(),
      locale: this.locale,
      ...join,
      ...activity,
    });
  }

  /** Posts to /api/messages; resolves with the reply activities (for an echo of the body: none). */
  readonly send: Send = async (activity) => {
    const res = await this.client.request('POST', '/api/messages', this.body(activity));
    if (res.status !== 200) throw new HttpError(`HTTP ${res.status}`);
    const parsed = JSON.parse(res.body) as { activities?: ReplyActivity[] };
    return Array.isArray(parsed.activities) ? parsed.activities : [];
  };
}
