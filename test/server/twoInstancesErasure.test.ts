/**
 * Issue 19 on PostgreSQL with two instances, as behind a load balancer: a quick exit on one instance
 * revokes the token on both and deletes the session for both; two attempts of one confirmation sent
 * to both instances at once leave the record the session points to; a delete leaves no row.
 */
import { Client } from 'pg';
import type { RunningPuente } from '../../src/app';
import type { PostgresBackend } from '../../src/storage/postgresBackend';
import { startTestServer } from '../support/harness';
import { describeWithPostgres, freshDatabase } from '../support/postgres';

const ENCRYPTION_KEYS = `t1:${Buffer.alloc(32, 7).toString('base64')}`;
const TO_REVIEW = ['English', 'yes', 'in the US', 'no', 'no', 'no', 'no', 'no', 'no', 'married', 'US citizen', 'yes', 'no',
  'with a tourist visa', 'expired', 'since 2019', 'no', 'yes', 'prefer not to say', 'no', 'yes', 'Sam', 'email', 'sam@example.org', 'no'];

async function call(base: string, method: string, route: string, token?: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
}

describeWithPostgres('issue 19 on two instances sharing PostgreSQL', (url) => {
  const databaseUrl = freshDatabase(url);
  const instances: RunningPuente[] = [];

  beforeAll(async () => {
    const env = { DATABASE_URL: databaseUrl(), DATABASE_POOL_SIZE: '4', ENCRYPTION_KEYS };
    for (let i = 0; i < 2; i++) instances.push(await startTestServer(env));
  });
  afterAll(async () => {
    await Promise.all(instances.map((p) => p.close()));
  });

  /** A web chat conversation whose turns alternate between the two instances. */
  async function converse(typed: readonly string[]) {
    const [a, b] = instances as [RunningPuente, RunningPuente];
    const s = (await call(a.url, 'POST', '/api/webchat/session', undefined, {})).body as { token: string; conversationId: string };
    await call(b.url, 'POST', '/api/webchat/activities', s.token, { type: 'conversationUpdate', locale: 'en-US' });
    for (const [i, text] of typed.entries()) {
      const r = await call(instances[i % 2]!.url, 'POST', '/api/webchat/activities', s.token, { type: 'message', text, locale: 'en-US' });
      expect(r.status).toBe(200);
    }
    return s;
  }

  it('a quick exit on one instance revokes the token on the other, and no row of the session is left', async () => {
    const [a, b] = instances as [RunningPuente, RunningPuente];
    const s = await converse(['English', 'yes', 'in the US']);
    expect((await call(a.url, 'DELETE', '/api/webchat/session', s.token)).status).toBe(204);
    expect((await call(b.url, 'POST', '/api/webchat/session/refresh', s.token)).status).toBe(401);
    expect((await call(b.url, 'POST', '/api/webchat/activities', s.token, { type: 'message', text: 'yes' })).status).toBe(401);
    expect(await b.sessions.load(s.conversationId)).toBeNull();
    // The VACUUM after the delete ran (and did not fail).
    await (a.backend as PostgresBackend).vacuumed();
  });

  it('two attempts of one confirmation, one on each instance, leave the record the session points to', async () => {
    for (let round = 0; round < 3; round++) {
      const s = await converse(TO_REVIEW);
      await Promise.all(instances.map((p) => call(p.url, 'POST', '/api/webchat/activities', s.token, { type: 'message', text: 'confirm', locale: 'en-US' })));
      const stored = await instances[0]!.sessions.load(s.conversationId);
      const reference = (stored?.value as { reference?: string } | null)?.reference;
      expect(reference).toMatch(/^PU-/);
      expect(await instances[1]!.records.get(reference!)).not.toBeNull();
    }
  });

  it('a typed delete leaves no row of the record, its outbox or the session', async () => {
    const s = await converse([...TO_REVIEW, 'confirm']);
    const reference = ((await instances[0]!.sessions.load(s.conversationId))?.value as { reference: string }).reference;
    await call(instances[1]!.url, 'POST', '/api/webchat/activities', s.token, { type: 'message', text: 'delete', locale: 'en-US' });
    const client = new Client({ connectionString: databaseUrl() });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT (SELECT count(*) FROM puente_records WHERE reference = $1)::int AS records, (SELECT count(*) FROM puente_outbox WHERE reference = $1)::int AS outbox', [reference]);
      expect(rows[0]).toEqual({ records: 0, outbox: 0 });
    } finally {
      await client.end();
    }
    expect(await instances[0]!.sessions.load(s.conversationId)).toBeNull();
  });
});
