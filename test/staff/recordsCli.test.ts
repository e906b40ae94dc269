/**
 * The records command line (`npm run records -- …`) through its `run` function, on the embedded
 * SQLite store and on PostgreSQL: list, show, export (JSON and RFC 4180 CSV), delete, exit codes,
 * and audit lines without content.
 */
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { questionById, questionIds } from '../../dialogs/intake';
import { loadConfig } from '../../src/config';
import { run } from '../../src/cli/records';
import { openStorage } from '../../src/storage/openStorage';
import type { IntakeRecord } from '../../src/storage';
import { describeWithPostgres, freshDatabase } from '../support/postgres';

const ENCRYPTION_KEYS = `cli1:${Buffer.alloc(32, 9).toString('base64')}`;

const base = (over: Partial<IntakeRecord> & { reference: string; createdAt: string }): IntakeRecord => ({
  language: 'en',
  answers: { language: 'en', consent: 'yes', location: 'in_us', detained: 'no', relationship: 'married', partner_status: 'us_citizen', partner_abuse: 'prefer_not', contact_ok: 'yes', contact_method: 'email', safe_message: 'yes' },
  assessment: { findings: [{ code: 'ATTORNEY_REFERRAL', severity: 'info', because: [] }], urgent: false, referral: 'standard' },
  ...over,
});

const RECORDS: IntakeRecord[] = [
  base({ reference: 'PU-AAAAA-22222', createdAt: '2026-01-10T09:00:00.000Z', contact: { name: 'Rosa "Ro", M.', method: 'email', value: 'ro@example.org', safeToLeaveMessage: true } }),
  base({
    reference: 'PU-BBBBB-33333',
    createdAt: '2026-02-20T15:30:00.000Z',
    language: 'es',
    answers: { language: 'es', consent: 'yes', location: 'in_us', detained: 'yes', entry: 'without_inspection', contact_ok: 'yes', contact_method: 'phone', safe_message: 'no' },
    assessment: {
      findings: [
        { code: 'DETAINED', severity: 'urgent', because: ['detained'] },
        { code: 'ATTORNEY_REFERRAL', severity: 'info', because: [] },
      ],
      urgent: true,
      referral: 'urgent',
    },
    contact: { name: '=HYPERLINK("x")', method: 'phone', value: '+1 555 010 2345', safeToLeaveMessage: false },
  }),
  base({ reference: 'PU-CCCCC-44444', createdAt: '2026-03-05T08:00:00.000Z', answers: { language: 'en', consent: 'yes', location: 'outside_us', contact_ok: 'no' } }),
];

/** RFC 4180 parser (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\r' && text[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else field += ch;
  }
  if (field || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

function cli(env: Record<string, string>) {
  const lines: string[] = [];
  const log = pino(
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _e, cb) {
        lines.push(chunk.toString());
        cb();
      },
    }),
  );
  const exec = async (...argv: string[]) => {
    let out = '';
    let err = '';
    const code = await run(argv, { LOG_LEVEL: 'info', ...env }, { out: (t) => (out += t), err: (t) => (err += t), log, cwd: process.cwd() });
    return { code, out, err };
  };
  const audits = () =>
    lines
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.audit === true);
  return { exec, audits };
}

async function seed(env: Record<string, string>) {
  const storage = await openStorage(loadConfig(env, process.cwd()));
  try {
    for (const r of RECORDS) await storage.records.save(r);
  } finally {
    await storage.backend.close();
  }
}

function suite(envOf: () => Record<string, string>) {
  it('lists records, filtered by --since and --urgent', async () => {
    const { exec } = cli(envOf());
    const all = await exec('list');
    expect(all.code).toBe(0);
    const rows = all.out.trim().split('\n');
    expect(rows[0]).toBe('REFERENCE\tCREATED\tLANGUAGE\tURGENT\tFINDINGS');
    expect(rows.slice(1).map((r) => r.split('\t')[0]).sort()).toEqual(RECORDS.map((r) => r.reference).sort());
    expect(rows.find((r) => r.startsWith('PU-BBBBB-33333'))).toContain('URGENT\tDETAINED;ATTORNEY_REFERRAL');
    const since = await exec('list', '--since', '2026-02-01');
    expect(since.out.trim().split('\n').slice(1).map((r) => r.split('\t')[0]).sort()).toEqual(['PU-BBBBB-33333', 'PU-CCCCC-44444']);
    const urgent = await exec('list', '--urgent');
    expect(urgent.out.trim().split('\n').slice(1).map((r) => r.split('\t')[0])).toEqual(['PU-BBBBB-33333']);
  });

  it('shows one record as the English summary; 1 when there is none', async () => {
    const { exec } = cli(envOf());
    const shown = await exec('show', 'pu-bbbbb-33333');
    expect(shown.code).toBe(0);
    expect(shown.out).toContain('Puente intake PU-BBBBB-33333');
    expect(shown.out).toContain('Language used: Spanish');
    expect(shown.out).toContain('How you entered: Without inspection');
    const json = await exec('show', 'PU-BBBBB-33333', '--json');
    expect(JSON.parse(json.out)).toMatchObject({ reference: 'PU-BBBBB-33333', language: 'es', urgent: true });
    const missing = await exec('show', 'PU-ZZZZZ-99999');
    expect(missing).toMatchObject({ code: 1, out: '' });
    expect(missing.err).toContain('no intake PU-ZZZZZ-99999');
  });

  it('exports JSON with the agreed fields', async () => {
    const { exec } = cli(envOf());
    const res = await exec('export', '--format', 'json');
    expect(res.code).toBe(0);
    const arr = JSON.parse(res.out) as Record<string, unknown>[];
    expect(arr).toHaveLength(3);
    const b = arr.find((r) => r.reference === 'PU-BBBBB-33333')!;
    expect(b).toMatchObject({
      reference: 'PU-BBBBB-33333',
      createdAt: '2026-02-20T15:30:00.000Z',
      language: 'es',
      urgent: true,
      findings: ['DETAINED', 'ATTORNEY_REFERRAL'],
      answers: RECORDS[1]!.answers,
      contact: RECORDS[1]!.contact,
    });
    expect(arr.find((r) => r.reference === 'PU-CCCCC-44444')!.contact).toBeNull();
    const since = JSON.parse((await exec('export', '--format', 'json', '--since', '2026-03-01')).out) as { reference: string }[];
    expect(since.map((r) => r.reference)).toEqual(['PU-CCCCC-44444']);
  });

  it('exports CSV: header, one row per record, RFC 4180 quoting, one column per question', async () => {
    const { exec } = cli(envOf());
    const res = await exec('export', '--format', 'csv');
    expect(res.code).toBe(0);
    expect(res.out.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = parseCsv(res.out);
    // `language` and `contact_method` answers are columns of their own: no header appears twice
    const questionColumns = questionIds.filter((id) => questionById(id).kind === 'choice' && id !== 'language' && id !== 'contact_method');
    expect(header).toEqual(['reference', 'createdAt', 'language', 'urgent', 'findings', 'contact_name', 'contact_method', 'contact_value', 'safe_to_leave_message', ...questionColumns]);
    expect(new Set(header).size).toBe(header!.length);
    expect(rows).toHaveLength(3);
    for (const r of rows) expect(r).toHaveLength(header!.length);
    const byRef = new Map(rows.map((r) => [r[0], Object.fromEntries(header!.map((h, i) => [h, r[i]]))]));
    expect(byRef.get('PU-AAAAA-22222')).toMatchObject({ contact_name: 'Rosa "Ro", M.', contact_value: 'ro@example.org', safe_to_leave_message: 'true', urgent: 'false', partner_abuse: 'prefer_not', fear: '' });
    expect(byRef.get('PU-BBBBB-33333')).toMatchObject({
      findings: 'DETAINED;ATTORNEY_REFERRAL',
      urgent: 'true',
      language: 'es',
      contact_method: 'phone',
      contact_value: '+1 555 010 2345',
      contact_name: `'=HYPERLINK("x")`,
      entry: 'without_inspection',
    });
    expect(byRef.get('PU-CCCCC-44444')).toMatchObject({ contact_name: '', location: 'outside_us' });
  });

  it('deletes a record; 1 the second time', async () => {
    const { exec, audits } = cli(envOf());
    expect(await exec('delete', 'PU-CCCCC-44444')).toMatchObject({ code: 0, out: 'deleted PU-CCCCC-44444\n' });
    expect(await exec('delete', 'PU-CCCCC-44444')).toMatchObject({ code: 1 });
    expect((await exec('show', 'PU-CCCCC-44444')).code).toBe(1);
    expect(audits()).toEqual([
      expect.objectContaining({ audit: true, event: 'staff.delete', actor: 'cli', reference: 'PU-CCCCC-44444', found: true }),
      expect.objectContaining({ audit: true, event: 'staff.delete', actor: 'cli', reference: 'PU-CCCCC-44444', found: false }),
      expect.objectContaining({ audit: true, event: 'staff.read', actor: 'cli', reference: 'PU-CCCCC-44444', found: false }),
    ]);
  });

  it('notes when the webhook had already delivered the deleted record', async () => {
    const env = { ...envOf(), WEBHOOK_URL: 'http://127.0.0.1:9/hook', WEBHOOK_SECRET: 'cli-webhook-secret-0123456789abcdef' };
    const storage = await openStorage(loadConfig(env, process.cwd()));
    try {
      const delivered = { ...RECORDS[0]!, reference: 'PU-DDDDD-55555' };
      await storage.records.save(delivered);
      const [row] = await storage.backend.claimDeliveries('webhook', Date.now() + 60_000, Date.now() + 120_000, 10);
      await storage.backend.deliverySucceeded(row!.id, Date.now());
      await storage.records.save({ ...RECORDS[0]!, reference: 'PU-EEEEE-66666' });
    } finally {
      await storage.backend.close();
    }
    const { exec } = cli(envOf());
    expect((await exec('delete', 'PU-DDDDD-55555')).out).toBe(
      'deleted PU-DDDDD-55555\nnote: the webhook had already delivered PU-DDDDD-55555; delete that copy in the receiving system too\n',
    );
    expect((await exec('delete', 'PU-EEEEE-66666')).out).toBe('deleted PU-EEEEE-66666\n');
  });

  it('audits every read, without content', async () => {
    const { exec, audits } = cli(envOf());
    await exec('list');
    await exec('show', 'PU-AAAAA-22222');
    await exec('export', '--format', 'csv');
    const lines = audits();
    expect(lines.map((l) => l.event)).toEqual(['staff.list', 'staff.read', 'staff.read']);
    expect(lines[0]).toMatchObject({ actor: 'cli', references: expect.arrayContaining(['PU-AAAAA-22222', 'PU-BBBBB-33333']) });
    for (const l of lines) expect(typeof l.at).toBe('string');
    const all = JSON.stringify(lines);
    for (const leak of ['Rosa', 'ro@example.org', '555 010', 'HYPERLINK', 'us_citizen', 'prefer_not', 'DETAINED', 'without_inspection']) expect(all).not.toContain(leak);
  });
}

describe('records CLI on the embedded SQLite store', () => {
  let dataDir = '';
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'puente-cli-'));
    await seed({ DATA_DIR: dataDir, ENCRYPTION_KEYS });
  });
  suite(() => ({ DATA_DIR: dataDir, ENCRYPTION_KEYS }));

  it('answers 2 with the usage on a bad command line', async () => {
    const { exec } = cli({ DATA_DIR: dataDir, ENCRYPTION_KEYS });
    for (const argv of [[], ['frobnicate'], ['show'], ['show', 'A', 'B'], ['export'], ['export', '--format', 'xml'], ['list', '--since', '2026-02-30'], ['list', '--since', 'yesterday'], ['list', '--bogus'], ['delete', 'PU-AAAAA-22222', '--urgent'], ['show', 'x;rm']]) {
      const res = await exec(...argv);
      expect({ argv, code: res.code }).toEqual({ argv, code: 2 });
      expect(res.err).toContain('Usage: npm run records');
      expect(res.out).toBe('');
    }
    expect((await exec('--help')).out).toContain('Usage:');
  });

  it('answers 2 on a bad configuration', async () => {
    const { exec } = cli({ DATA_DIR: dataDir, ENCRYPTION_KEYS: 'nope' });
    const res = await exec('list');
    expect(res.code).toBe(2);
    expect(res.err).toContain('ENCRYPTION_KEYS');
  });

  it('creates nothing where there is no store yet', async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'puente-cli-empty-'));
    const { exec } = cli({ DATA_DIR: empty });
    expect(await exec('list')).toMatchObject({ code: 0, out: 'REFERENCE\tCREATED\tLANGUAGE\tURGENT\tFINDINGS\n' });
    expect(await exec('export', '--format', 'json')).toMatchObject({ code: 0, out: '[]\n' });
    expect((await exec('show', 'PU-AAAAA-22222')).code).toBe(1);
    expect(readdirSync(empty)).toEqual([]);
    expect(existsSync(path.join(empty, 'puente.db'))).toBe(false);
  });

  it('says so when the encryption key is missing', async () => {
    const { exec } = cli({ DATA_DIR: dataDir });
    const res = await exec('list');
    expect(res.code).toBe(3);
    expect(res.err).toMatch(/no encryption key/);
  });
});

describeWithPostgres('records CLI on PostgreSQL', (url) => {
  const databaseUrl = freshDatabase(url, 'puente_cli');
  const env = () => ({ DATABASE_URL: databaseUrl(), ENCRYPTION_KEYS, DATA_DIR: path.join(os.tmpdir(), 'puente-cli-pg-unused') });
  beforeAll(() => seed(env()));
  suite(env);
});
