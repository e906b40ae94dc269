/**
 * Staff command line for finished intakes (design.md §6), on the embedded SQLite store or on
 * PostgreSQL, whichever the environment configures (same settings as the bot):
 *
 *   npm run records -- list [--since YYYY-MM-DD] [--urgent]
 *   npm run records -- show REF [--json]
 *   npm run records -- export --format json|csv [--since YYYY-MM-DD] [--urgent]
 *   npm run records -- delete REF
 *
 * Data goes to stdout; messages and audit lines (pino, JSON) to stderr.
 * Exit codes: 0 ok, 1 not found, 2 usage or configuration error, 3 store unavailable or unreadable.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino, { type Logger } from 'pino';
import { ConfigError, loadConfig, type AppConfig } from '../config';
import { createTexts } from '../i18n';
import type { IntakeRecord, RecordStore } from '../storage';
import { KEY_FILE_NAME } from '../storage/keyFile';
import { openStorage, SQLITE_FILE_NAME, type OpenedStorage } from '../storage/openStorage';
import { audit, auditLogger } from '../staff/audit';
import { parseSince, REFERENCE_PATTERN, toCsv, toExported } from '../staff/export';
import { summarize } from '../staff/summary';

export const EXIT = { ok: 0, notFound: 1, usage: 2, store: 3 } as const;

export const USAGE = `Usage: npm run records -- <command>

  list [--since YYYY-MM-DD] [--urgent]               one line per intake (reference, time, language, urgent, findings)
  show REF [--json]                                   the English staff summary of one intake
  export --format json|csv [--since YYYY-MM-DD] [--urgent]
                                                      every matching intake, with answers and contact details
  delete REF                                          deletes one intake record

Uses the bot's settings (DATA_DIR or DATABASE_URL, ENCRYPTION_KEYS). Every read and delete is audited.
Exit codes: 0 ok, 1 not found, 2 usage, 3 store unavailable or unreadable.
`;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Audit and diagnostics logger; default: pino on stderr at LOG_LEVEL. */
  log?: Logger;
  cwd?: string;
  now?: () => Date;
}

class UsageError extends Error {}

interface Parsed {
  command: 'list' | 'show' | 'export' | 'delete' | 'help';
  reference?: string;
  since?: Date;
  urgent?: boolean;
  format?: 'json' | 'csv';
  json: boolean;
}

function parse(argv: readonly string[]): Parsed {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        since: { type: 'string' },
        urgent: { type: 'boolean' },
        format: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const [command, ...rest] = positionals;
  if (values.help || command === 'help') return { command: 'help', json: false };
  if (command !== 'list' && command !== 'show' && command !== 'export' && command !== 'delete') {
    throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  }
  const wantsRef = command === 'show' || command === 'delete';
  if (wantsRef && rest.length !== 1) throw new UsageError(`${command} needs one reference (e.g. PU-ABCDE-FGHJK)`);
  if (!wantsRef && rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
  const reference = wantsRef ? rest[0]!.trim().toUpperCase() : undefined;
  if (reference !== undefined && !REFERENCE_PATTERN.test(reference)) throw new UsageError('a reference has letters, digits and dashes only');

  const allowed: Record<Parsed['command'], string[]> = { list: ['since', 'urgent'], export: ['since', 'urgent', 'format'], show: ['json'], delete: [], help: [] };
  for (const key of Object.keys(values)) {
    if (!allowed[command].includes(key)) throw new UsageError(`--${key} does not apply to ${command}`);
  }
  let since: Date | undefined;
  if (values.since !== undefined) {
    const d = parseSince(values.since);
    if (!d) throw new UsageError(`--since expects a date such as 2026-01-31, not "${values.since}"`);
    since = d;
  }
  let format: 'json' | 'csv' | undefined;
  if (command === 'export') {
    if (values.format !== 'json' && values.format !== 'csv') throw new UsageError('export needs --format json or --format csv');
    format = values.format;
  }
  return { command, reference, since, urgent: values.urgent ? true : undefined, format, json: values.json === true };
}

function defaultLogger(config: AppConfig): Logger {
  return pino({ level: config.logLevel, base: { app: 'puente', tool: 'records' } }, pino.destination({ fd: 2, sync: true }));
}

/** The store, without creating anything: no database file (and no key) means no records yet. */
async function open(config: AppConfig): Promise<OpenedStorage | 'empty' | 'no-key'> {
  const sqliteMissing = !config.databaseUrl && !existsSync(path.join(config.dataDir, SQLITE_FILE_NAME));
  if (sqliteMissing) return 'empty';
  // Without ENCRYPTION_KEYS, openStorage would create a fresh key file that can read nothing.
  if (!config.encryption && !existsSync(path.join(config.dataDir, KEY_FILE_NAME))) return 'no-key';
  return openStorage(config);
}

const EMPTY_STORE: RecordStore = {
  save: () => Promise.reject(new Error('read-only')),
  get: () => Promise.resolve(null),
  list: () => Promise.resolve([]),
  entries: () => Promise.resolve([]),
  entry: () => Promise.resolve(null),
  setState: () => Promise.resolve(false),
  delete: () => Promise.resolve(false),
  delivered: () => Promise.resolve(false),
  purge: () => Promise.resolve(0),
};

function listLine(r: IntakeRecord): string {
  return [r.reference, r.createdAt, r.language, r.assessment.urgent ? 'URGENT' : '-', r.assessment.findings.map((f) => f.code).join(';') || '-'].join('\t');
}

/** Runs one command; resolves to the exit code. */
export async function run(argv: readonly string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  let args: Parsed;
  try {
    args = parse(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`records: ${err.message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (args.command === 'help') {
    io.out(USAGE);
    return EXIT.ok;
  }
  let config: AppConfig;
  try {
    config = loadConfig(env, io.cwd ?? process.cwd());
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.err(`records: ${err.message}\n`);
    return EXIT.usage;
  }
  const log = auditLogger(io.log ?? defaultLogger(config));
  const now = io.now ?? (() => new Date());

  let storage: OpenedStorage | 'empty' | 'no-key';
  try {
    storage = await open(config);
  } catch (err) {
    io.err(`records: cannot open the store: ${(err as Error).message}\n`);
    return EXIT.store;
  }
  if (storage === 'no-key') {
    io.err(`records: no encryption key: set ENCRYPTION_KEYS as for the bot, or DATA_DIR to the folder holding ${KEY_FILE_NAME}\n`);
    return EXIT.store;
  }
  const records = storage === 'empty' ? EMPTY_STORE : storage.records;
  try {
    switch (args.command) {
      case 'list': {
        const found = await records.list({ since: args.since, urgent: args.urgent });
        audit(log, { event: 'staff.list', actor: 'cli', references: found.map((r) => r.reference) }, now());
        io.out(['REFERENCE\tCREATED\tLANGUAGE\tURGENT\tFINDINGS', ...found.map(listLine)].join('\n') + '\n');
        return EXIT.ok;
      }
      case 'show': {
        const record = await records.get(args.reference!);
        audit(log, { event: 'staff.read', actor: 'cli', reference: args.reference!, found: record !== null }, now());
        if (!record) {
          io.err(`records: no intake ${args.reference}\n`);
          return EXIT.notFound;
        }
        const summary = summarize(record, createTexts().translator('en'));
        io.out(args.json ? `${JSON.stringify(summary.json, null, 2)}\n` : summary.text);
        return EXIT.ok;
      }
      case 'export': {
        const found = await records.list({ since: args.since, urgent: args.urgent });
        audit(log, { event: 'staff.read', actor: 'cli', references: found.map((r) => r.reference) }, now());
        io.out(args.format === 'csv' ? toCsv(found) : `${JSON.stringify(found.map(toExported), null, 2)}\n`);
        return EXIT.ok;
      }
      case 'delete': {
        const delivered = await records.delivered(args.reference!);
        const deleted = await records.delete(args.reference!);
        audit(log, { event: 'staff.delete', actor: 'cli', reference: args.reference!, found: deleted }, now());
        if (!deleted) {
          io.err(`records: no intake ${args.reference}\n`);
          return EXIT.notFound;
        }
        io.out(`deleted ${args.reference}\n`);
        if (delivered) io.out(`note: the webhook had already delivered ${args.reference}; delete that copy in the receiving system too\n`);
        return EXIT.ok;
      }
      default:
        return EXIT.usage;
    }
  } catch (err) {
    io.err(`records: the store failed: ${(err as Error).name}: ${(err as Error).message}\n`);
    return EXIT.store;
  } finally {
    if (storage !== 'empty') await storage.backend.close();
  }
}

if (require.main === module) {
  run(process.argv.slice(2), process.env, {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(`records: ${(err as Error)?.stack ?? String(err)}`);
      process.exitCode = EXIT.store;
    },
  );
}
