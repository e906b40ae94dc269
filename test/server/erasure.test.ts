/**
 * Issue 19, point 1: after the quick exit, a typed `exit` or `delete`, no byte of any stored version
 * of that conversation (nor of its record) remains in any file under DATA_DIR, and the old token no
 * longer refreshes or opens a conversation. Checked on disk, not through the API: every sealed
 * version the store ever held is collected from a second connection after each turn, then every file
 * under DATA_DIR is scanned for it once the conversation has ended.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { RunningPuente } from '../../src/app';
import { botFrameworkConversationId } from '../../src/bot/intakeBot';
import { questionOf, startTestServer } from '../support/harness';
import { TeamsChat } from '../support/teams';

const json = { 'content-type': 'application/json' };

async function call(base: string, method: string, route: string, token?: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: { ...json, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
}

/** Every file under `dir`, recursively, with its bytes. */
function filesUnder(dir: string): { file: string; bytes: Buffer }[] {
  const out: { file: string; bytes: Buffer }[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push({ file: name, bytes: readFileSync(p) });
  }
  return out;
}

/**
 * The pieces of a sealed value worth looking for: its ciphertext and tag (base64url, as stored) and
 * every 48-character window of the ciphertext, so a partial page copy is found too.
 */
function needles(sealed: string): string[] {
  const [, , , tag, data] = sealed.split('.') as [string, string, string, string, string];
  const parts = [tag];
  for (let i = 0; i + 48 <= data.length; i += 48) parts.push(data.slice(i, i + 48));
  return parts;
}

function leftovers(dataDir: string, secrets: readonly string[]): string[] {
  const found: string[] = [];
  for (const { file, bytes } of filesUnder(dataDir)) {
    const text = bytes.toString('latin1');
    for (const s of secrets) if (text.includes(s)) found.push(`${file}: ${s.slice(0, 20)}…`);
  }
  return found;
}

const MARKER = 'Zqxv-marker-8261';

describe('erasure on disk (SQLite)', () => {
  let puente: RunningPuente;
  let dataDir: string;
  let peek: Database.Database;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'puente-erase-'));
    puente = await startTestServer({ DATA_DIR: dataDir });
    peek = new Database(path.join(dataDir, 'puente.db'), { readonly: true, fileMustExist: true });
  });
  afterAll(async () => {
    peek.close();
    await puente.close();
  });

  /** A web chat conversation whose every stored version (session and record) is collected. */
  async function converse(typed: readonly string[]) {
    const s = (await call(puente.url, 'POST', '/api/webchat/session', undefined, {})).body as { token: string; conversationId: string };
    const versions = new Set<string>();
    const collect = () => {
      for (const r of peek.prepare('SELECT data FROM sessions').all() as { data: string }[]) versions.add(r.data);
      for (const r of peek.prepare('SELECT data FROM records').all() as { data: string }[]) versions.add(r.data);
    };
    const say = async (text: string) => {
      const r = await call(puente.url, 'POST', '/api/webchat/activities', s.token, { type: 'message', text, locale: 'en-US' });
      expect(r.status).toBe(200);
      collect();
      return r.body as { activities: { text?: string }[] };
    };
    await call(puente.url, 'POST', '/api/webchat/activities', s.token, { type: 'conversationUpdate', locale: 'en-US' });
    collect();
    for (const t of typed) await say(t);
    return { token: s.token, say, versions };
  }

  const START = ['English', 'yes', 'in the US', 'no', MARKER, 'no', 'no', 'no', 'no'];
  const FULL = ['English', 'yes', 'in the US', 'no', 'no', 'no', 'no', 'no', 'no', 'married', 'US citizen', 'yes', 'no',
    'with a tourist visa', 'expired', 'since 2019', 'no', 'yes', 'prefer not to say', 'no', 'yes', `Sam ${MARKER}`, 'email', 'sam@example.org', 'no', 'confirm'];

  async function expectGone(versions: Set<string>, token: string) {
    expect(versions.size).toBeGreaterThan(3);
    const secrets = [MARKER, ...[...versions].flatMap(needles)];
    expect(leftovers(dataDir, secrets)).toEqual([]);
    // The token is revoked on the server: it neither refreshes nor opens a conversation.
    expect((await call(puente.url, 'POST', '/api/webchat/session/refresh', token)).status).toBe(401);
    expect((await call(puente.url, 'POST', '/api/webchat/activities', token, { type: 'message', text: 'hello' })).status).toBe(401);
  }

  it('leaves no stored version on disk after the quick exit (DELETE /api/webchat/session)', async () => {
    const { token, versions } = await converse(START);
    expect((await call(puente.url, 'DELETE', '/api/webchat/session', token)).status).toBe(204);
    await expectGone(versions, token);
  });

  it('leaves no stored version on disk after a typed exit', async () => {
    const { token, say, versions } = await converse(START);
    await say('exit');
    await expectGone(versions, token);
  });

  it('leaves no stored version of the answers nor of the sent record on disk after a typed delete', async () => {
    const { token, say, versions } = await converse(FULL);
    expect(peek.prepare('SELECT COUNT(*) AS n FROM records').get()).toEqual({ n: 1 });
    await say('delete');
    expect(peek.prepare('SELECT COUNT(*) AS n FROM records').get()).toEqual({ n: 0 });
    await expectGone(versions, token);
  });

  // Issue 22: a person answered eight questions in a Teams personal chat, then removed the app.
  it.each(['msteams-personal-installationUpdate-remove', 'msteams-personal-botRemoved'])(
    'leaves no stored version on disk after the Teams app is removed (%s), and adding it again starts anew',
    async (removal) => {
      const chat = new TeamsChat(puente.url, 'en-US');
      const versions = new Set<string>();
      const collect = () => {
        for (const r of peek.prepare('SELECT data FROM sessions').all() as { data: string }[]) versions.add(r.data);
      };
      await chat.start();
      collect();
      for (const answer of START.slice(0, 8)) {
        await chat.say(answer);
        collect();
      }
      expect(versions.size).toBeGreaterThanOrEqual(8);
      expect(await chat.post(removal)).toEqual([]);
      expect(leftovers(dataDir, [MARKER, ...[...versions].flatMap(needles)])).toEqual([]);
      expect(questionOf(await chat.post('msteams-installationUpdate', { action: 'add' }))).toBe('language');
      // The new intake's first version is all there is (and then it is erased for the next test).
      await chat.post(removal);
    },
  );

  it('still confirms a repeated quick exit with the revoked token (the page retries until it hears 204)', async () => {
    const { token } = await converse(START.slice(0, 2));
    expect((await call(puente.url, 'DELETE', '/api/webchat/session', token)).status).toBe(204);
    expect((await call(puente.url, 'DELETE', '/api/webchat/session', token)).status).toBe(204);
  });
});

describe('the quick exit under the per-address limit', () => {
  let puente: RunningPuente;
  beforeAll(async () => {
    puente = await startTestServer({}, { webChat: { limits: { perAddress: { limit: 3, windowMs: 60_000 } } } });
  });
  afterAll(() => puente.close());

  it('is not refused when the address is over its limit (a shared address must not keep anyone from leaving)', async () => {
    const s = (await call(puente.url, 'POST', '/api/webchat/session', undefined, {})).body as { token: string };
    expect((await call(puente.url, 'POST', '/api/webchat/activities', s.token, { type: 'conversationUpdate' })).status).toBe(200);
    let status = 200;
    while (status !== 429) status = (await call(puente.url, 'GET', '/api/webchat/config')).status;
    expect((await call(puente.url, 'DELETE', '/api/webchat/session', s.token)).status).toBe(204);
  });
});

describe('conversation ids are not credentials (issue 19, point 4)', () => {
  let puente: RunningPuente;
  beforeAll(async () => {
    puente = await startTestServer();
  });
  afterAll(() => puente.close());

  it('a web chat conversation cannot be continued through /api/messages with its id', async () => {
    const s = (await call(puente.url, 'POST', '/api/webchat/session', undefined, {})).body as { token: string; conversationId: string };
    await call(puente.url, 'POST', '/api/webchat/activities', s.token, { type: 'conversationUpdate', locale: 'en-US' });
    await call(puente.url, 'POST', '/api/webchat/activities', s.token, { type: 'message', text: 'English', locale: 'en-US' });
    const before = await puente.sessions.load(s.conversationId);
    expect(before).not.toBeNull();
    const activity = (id: string) => ({
      type: 'message',
      id: 'x1',
      channelId: 'webchat',
      serviceUrl: 'https://example.org',
      deliveryMode: 'expectReplies',
      from: { id: 'intruder' },
      recipient: { id: 'puente' },
      conversation: { id },
      text: 'yes',
    });
    for (const id of [s.conversationId, ` ${s.conversationId}`, s.conversationId.toUpperCase()]) {
      const r = await call(puente.url, 'POST', '/api/messages', undefined, activity(id));
      expect(r.status).toBe(400);
    }
    expect((await puente.sessions.load(s.conversationId))?.eTag).toBe(before?.eTag);
  });

  it('a Bot Framework conversation runs under its channel namespace', async () => {
    expect(botFrameworkConversationId('msteams', 'a:1')).toBe('bf:msteams:a:1');
    expect(botFrameworkConversationId('webchat', 'wc-x')).not.toBe('wc-x');
  });
});
