/**
 * A Teams client for tests: recorded Teams activities (test/channels/fixtures) posted to the real
 * /api/messages with their ids made unique, and the Adaptive Cards of the replies read back the way
 * Teams does: which buttons there are, and what pressing one sends.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Activity } from './harness';

export const FIXTURES = path.resolve(__dirname, '../channels/fixtures');

export function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as Record<string, unknown>;
}

export type CardElement = Record<string, unknown> & { type: string };

export interface TeamsActivity extends Activity {
  attachments?: { contentType: string; content: CardElement & { body: CardElement[]; lang?: string; version?: string } }[];
  inputHint?: string;
}

/** Every element of a card, depth first (containers, column sets, columns, action sets). */
export function elements(node: unknown): CardElement[] {
  if (Array.isArray(node)) return node.flatMap(elements);
  if (!node || typeof node !== 'object') return [];
  const el = node as CardElement;
  const children = ['body', 'items', 'columns', 'actions'].flatMap((k) => elements(el[k]));
  return typeof el.type === 'string' ? [el, ...children] : children;
}

export const cardsOf = (acts: TeamsActivity[]) =>
  acts.flatMap((a) => (a.attachments ?? []).filter((x) => x.contentType === 'application/vnd.microsoft.card.adaptive').map((x) => x.content));

export const submitActions = (acts: TeamsActivity[]) => cardsOf(acts).flatMap((c) => elements(c).filter((e) => e.type === 'Action.Submit'));

/** The text a person reads on the cards and in plain messages. */
export const visibleText = (acts: TeamsActivity[]) =>
  [...acts.map((a) => a.text ?? ''), ...cardsOf(acts).flatMap((c) => elements(c).filter((e) => e.type === 'TextBlock').map((e) => String(e.text)))].join('\n');

/** What Teams sends for an Action.Submit whose data carries a messageBack: its `value`. */
export function submitValue(action: CardElement): unknown {
  const data = action.data as { msteams?: { type?: string; value?: unknown } } & Record<string, unknown>;
  if (data.msteams?.type === 'messageBack') return data.msteams.value;
  const { msteams: _ignored, ...rest } = data;
  return rest;
}

/** One Teams personal chat: the recorded activities with this chat's ids, sent with expectReplies. */
export class TeamsChat {
  readonly conversationId = `a:${randomUUID()}`;
  private readonly from = `29:${randomUUID()}`;

  /** The id the turns run under (namespaced by channel, botFrameworkConversationId): what the stores see. */
  get key(): string {
    return `bf:msteams:${this.conversationId}`;
  }

  constructor(
    private readonly base: string,
    readonly locale = 'es-MX',
    private readonly botId = '28:00000000-0000-0000-0000-000000000000',
  ) {}

  /** A recorded activity made this chat's: ids, locale (when it has one) and `overrides`. */
  activity(name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    const a = fixture(name);
    const conversation = { ...(a.conversation as Record<string, unknown>), id: this.conversationId };
    const withLocale = (entities: unknown) =>
      Array.isArray(entities) ? entities.map((e: Record<string, unknown>) => (e.type === 'clientInfo' ? { ...e, locale: this.locale } : e)) : entities;
    const members = (list: unknown) =>
      Array.isArray(list) ? (list as { id: string }[]).map((m) => (m.id.startsWith('28:') ? { ...m, id: this.botId } : { ...m, id: this.from })) : undefined;
    const membersAdded = members(a.membersAdded);
    const membersRemoved = members(a.membersRemoved);
    return {
      ...a,
      id: `${a.id as string}-${randomUUID()}`,
      conversation,
      from: { ...(a.from as Record<string, unknown>), id: this.from },
      recipient: { ...(a.recipient as Record<string, unknown>), id: this.botId },
      ...(membersAdded ? { membersAdded } : {}),
      ...(membersRemoved ? { membersRemoved } : {}),
      ...('locale' in a ? { locale: this.locale } : {}),
      ...('entities' in a ? { entities: withLocale(a.entities) } : {}),
      deliveryMode: 'expectReplies',
      ...overrides,
    };
  }

  async raw(activity: Record<string, unknown>, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${this.base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(activity),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
  }

  async post(name: string, overrides: Record<string, unknown> = {}): Promise<TeamsActivity[]> {
    const { status, body } = await this.raw(this.activity(name, overrides));
    if (status !== 200) throw new Error(`HTTP ${status}: ${JSON.stringify(body).slice(0, 300)}`);
    return ((body as { activities?: TeamsActivity[] } | null)?.activities ?? []) as TeamsActivity[];
  }

  start(): Promise<TeamsActivity[]> {
    return this.post('msteams-personal-conversationUpdate');
  }

  say(text: string): Promise<TeamsActivity[]> {
    return this.post('msteams-personal-message', { text });
  }

  /** Presses a card button, as Teams sends it: a message with the action's value and no text. */
  press(action: CardElement): Promise<TeamsActivity[]> {
    return this.post('msteams-card-submit', { value: submitValue(action) });
  }
}
