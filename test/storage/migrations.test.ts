/**
 * Applied migrations are history: databases in the field were built by their exact text, and the
 * migration tests build the older versions from it (sqliteBackend.test.ts, postgresBackend.test.ts).
 * Each migration's text is pinned by its SHA-256, so editing one fails here; a change to the schema
 * is a new migration appended to the list, and its hash is added below.
 */
import { createHash } from 'node:crypto';
import { POSTGRES_MIGRATIONS } from '../../src/storage/postgresBackend';
import { SQLITE_MIGRATIONS } from '../../src/storage/sqliteBackend';

const APPLIED: Record<string, { migrations: readonly string[]; sha256: readonly string[] }> = {
  SQLite: {
    migrations: SQLITE_MIGRATIONS,
    sha256: [
      '6e99841585772456b2ae1b39a4d3c10f1cb0743e7474f59341f3e04485352810',
      '80893cc127a5ab3eda010bc261db0ce7524735fc3ad51b6f146787a88e18353d',
      'e7b5250761ea8a5e3588bedc4aac8255a89b12136770424a48ab46b9c442096e',
      '9b09e239f994ebf3a791fba7441c3b5eb557abb058dfc2c891bce3d9115801ca',
      'fe6a1d8dbc03f731b3919e2393c2ebd2171f6a352c536c9bbba8715215dd52ea',
    ],
  },
  PostgreSQL: {
    migrations: POSTGRES_MIGRATIONS,
    sha256: [
      '6b7254ce059c453c5ac90e622893dd258b00664d85d3aea84d455aef00c8c9b9',
      'a06ea23cbf0f6bdf532302c6e4eeb146dd35f0c985eb4c9554bda547b5b44dec',
      '3b06ea0ebddea0121a4e109cfb8e7e2c94e36db180a14a8270c084399e2ca0f2',
      '5429c8aa51520957f9a1dfa34f849a3cab12fb347dbded9c40c8f27f1ee5a5bc',
      '6c0539952bd2d4a4151e7e34fd527cf29f7b21ce3ede3bc0df849761fb8dd51e',
    ],
  },
};

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

describe.each(Object.entries(APPLIED))('%s migrations', (_name, { migrations, sha256: pinned }) => {
  it('has a pinned hash for every migration and no pin without a migration', () => {
    expect(migrations).toHaveLength(pinned.length);
  });

  it.each(pinned.map((hash, i) => [i + 1, hash] as const))('keeps migration %i as it was applied', (version, hash) => {
    const text = migrations[version - 1] ?? '';
    if (sha256(text) !== hash) {
      throw new Error(`migration ${version} changed since it was applied: databases already ran its old text. Restore it and append a new migration instead.`);
    }
  });
});
