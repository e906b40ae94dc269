/**
 * PostgreSQL for tests. `npm test` (scripts/test.sh) starts a throwaway cluster and sets
 * TEST_DATABASE_URL. Without it the PostgreSQL suites are skipped with a message, except in CI
 * (`CI` set), where a missing database fails the run instead of passing silently.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The test database URL; `undefined` (after saying why) when the suite should be skipped. */
export function pgUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL;
  if (url) return url;
  if (process.env.CI) {
    throw new Error('TEST_DATABASE_URL is not set and CI is: the PostgreSQL tests must run in CI. Run them with `npm test`, which starts a throwaway PostgreSQL.');
  }
  console.warn('Skipping the PostgreSQL tests: TEST_DATABASE_URL is not set. `npm test` starts a throwaway PostgreSQL and sets it.');
  return undefined;
}

/** `describe` when PostgreSQL is available (the body gets its URL), `describe.skip` otherwise. */
export function describeWithPostgres(name: string, body: (url: string) => void): void {
  const url = pgUrl();
  if (url) describe(name, () => body(url));
  else describe.skip(`${name} (skipped: TEST_DATABASE_URL is not set)`, () => body(''));
}

/** A name nobody else uses, valid as a PostgreSQL schema or database name. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

async function admin<T>(url: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * A uniquely named schema for this test file (created lazily by whoever connects with it, e.g.
 * `PostgresBackend.connect(url, { schema })`), dropped with everything in it in `afterAll`.
 * Call at the top of a `describe`.
 */
export function freshSchema(url: string, prefix = 't'): string {
  const name = uniqueName(prefix);
  afterAll(async () => {
    if (url) await admin(url, (c) => c.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`));
  });
  return name;
}

/** `url` pointing at another database on the same server. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * A new, empty database for this test file, created in `beforeAll` and dropped (closing any
 * connection left) in `afterAll`. Returns a getter for its URL, valid once `beforeAll` ran.
 */
export function freshDatabase(url: string, prefix = 'puente_t'): () => string {
  const name = uniqueName(prefix);
  let created = '';
  beforeAll(async () => {
    await admin(url, (c) => c.query(`CREATE DATABASE "${name}"`));
    created = withDatabase(url, name);
  });
  afterAll(async () => {
    if (created) await admin(url, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  });
  return () => {
    if (!created) throw new Error('freshDatabase: the database exists only from beforeAll on');
    return created;
  };
}
