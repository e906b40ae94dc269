/** Starts the real Puente on a free loopback port and talks to it as a Bot Framework channel would. */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPuente, type PuenteOverrides, type RunningPuente } from '../../src/app';
import { loadConfig } from '../../src/config';

/** /metrics needs METRICS_TOKEN or a port of its own (issue 19): test servers have this token unless `env` says otherwise. */
export const TEST_METRICS_TOKEN = 'test-metrics-token-0123456789abcdef';
/** fetch options that read /metrics of a test server. */
export const metricsAuth = { headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` } };

/**
 * The real server on a free port. Unless `env` says otherwise it uses the embedded SQLite store in a
 * fresh temporary DATA_DIR, exactly as `npm start` does. Every test talks from 127.0.0.1, so the
 * per-address rate limit is lifted unless `env` sets one (the limit tests do, test/faults/limits).
 */
export async function startTestServer(env: Record<string, string> = {}, overrides: PuenteOverrides = {}): Promise<RunningPuente> {
  const dataDir = env.DATA_DIR ?? mkdtempSync(path.join(os.tmpdir(), 'puente-test-'));
  const config = loadConfig(
    { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', RATE_LIMIT_PER_ADDRESS: '1000000', METRICS_TOKEN: TEST_METRICS_TOKEN, ...env, DATA_DIR: dataDir },
    process.cwd(),
  );
  return startPuente(config, overrides);
}

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

export class Conversation {
  readonly id = `c-${randomUUID()}`;
  readonly user = `u-${randomUUID()}`;
  constructor(
    private readonly base: string,
    readonly locale = 'en-US',
    readonly channelId = 'webchat',
  ) {}

  /** The id the turns run under (namespaced by channel, botFrameworkConversationId): what the stores see. */
  get key(): string {
    return `bf:${this.channelId}:${this.id}`;
  }

  async raw(activity: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${this.base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
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
      }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
  }

  async post(activity: Record<string, unknown>): Promise<Activity[]> {
    const { status, body } = await this.raw(activity);
    if (status !== 200) throw new Error(`HTTP ${status}: ${JSON.stringify(body).slice(0, 300)}`);
    return ((body as { activities?: Activity[] }).activities ?? []) as Activity[];
  }

  start(): Promise<Activity[]> {
    return this.post({ type: 'conversationUpdate', membersAdded: [{ id: this.user }, { id: 'bot' }] });
  }

  say(text: string): Promise<Activity[]> {
    return this.post({ type: 'message', text });
  }

  press(answer: string): Promise<Activity[]> {
    return this.post({ type: 'message', value: { answer } });
  }
}

export const questionOf = (acts: Activity[]) => [...acts].reverse().find((a) => a.channelData?.question)?.channelData?.question;
export const resultOf = (acts: Activity[]) => acts.find((a) => a.channelData?.intakeResult)?.channelData?.intakeResult;
export const textOf = (acts: Activity[]) => acts.map((a) => a.text ?? '').join('\n');
