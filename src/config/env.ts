/**
 * The only reader of `process.env`. Parsed with zod at start-up; a bad value stops the process with
 * a message naming the field, before anything listens.
 */
import path from 'node:path';
import { z } from 'zod';

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
/** One CSP frame-ancestors source: an http(s) origin (host may start with `*.`) or 'self'. */
const FRAME_SOURCE = /^(?:'self'|https?:\/\/(?:\*\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?::\d{1,5})?)$/;
/** The US Government cloud of Azure Bot Service (botbuilder's GovernmentConstants.ChannelService). */
export const US_GOV_CHANNEL_SERVICE = 'https://botframework.azure.us';
/** A plain e-mail address (the identity provider's verified e-mail is compared lower-cased). */
const EMAIL = /^[^\s@,<>]+@[^\s@,<>]+\.[^\s@,<>]+$/;
/** One STAFF_EMAILS entry: an address, or `@domain` for everyone with a verified address there. */
const STAFF_EMAIL_ENTRY = /^(?:[^\s@,<>]+)?@[^\s@,<>]+\.[^\s@,<>]+$/;
/** A From address: `Name <address>` or a bare address, on one line (a line break would add headers). */
const FROM_ADDRESS = /^(?:[^\r\n<>@]*<[^\s@,<>]+@[^\s@,<>]+\.[^\s@,<>]+>|[^\s@,<>]+@[^\s@,<>]+\.[^\s@,<>]+)$/;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
/**
 * Where signing keys of incoming Bot Framework tokens are published. https, except on this machine's
 * loopback (test doubles): keys fetched in the clear could be swapped on the way.
 */
const openIdMetadataUrl = z.preprocess(
  emptyToUndefined,
  z
    .url({ protocol: /^https?$/ })
    .refine((u) => {
      if (!URL.canParse(u)) return true; // reported by the url check
      const url = new URL(u);
      return url.protocol === 'https:' || LOOPBACK_HOSTS.has(url.hostname);
    }, 'must be an https:// address (http:// only on 127.0.0.1 or localhost)')
    .optional(),
);

export const envSchema = z
  .object({
    NODE_ENV: z.preprocess(emptyToUndefined, z.enum(['development', 'production', 'test']).default('development')),
    PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(3978)),
    HOST: z.preprocess(emptyToUndefined, z.string().default('127.0.0.1')),
    ORG_PROFILE: z.preprocess(emptyToUndefined, z.string().default('config/organization.example.json')),
    LOG_LEVEL: z.preprocess(
      emptyToUndefined,
      z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ),
    DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
    DATABASE_URL: z.preprocess(emptyToUndefined, z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://').optional()),
    DATABASE_POOL_SIZE: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(100).default(10)),
    ENCRYPTION_KEYS: optionalString,
    ENCRYPTION_KEY_ID: optionalString,
    /**
     * `accept-key-next-to-data`: a single-machine deployment that listens beyond loopback keeps its
     * key in the key file in DATA_DIR, accepting that a copy of DATA_DIR (a backup, a stolen disk)
     * carries the key with the data. Anything else: ENCRYPTION_KEYS is required off loopback.
     */
    LOCAL_KEY_FILE: z.preprocess(emptyToUndefined, z.literal('accept-key-next-to-data', { message: 'the only accepted value is accept-key-next-to-data (or leave it empty)' }).optional()),
    SESSION_TTL_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().min(0.001).max(365).default(30)),
    RECORD_TTL_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().min(1).max(3650).default(90)),
    PURGE_INTERVAL_MINUTES: z.preprocess(emptyToUndefined, z.coerce.number().min(1).max(1440).default(60)),
    FRAME_ANCESTORS: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .max(2000)
        .refine((v) => v.trim().split(/\s+/).every((o) => FRAME_SOURCE.test(o)), {
          message: "expected space-separated origins such as https://www.example.org (or 'self')",
        })
        .optional(),
    ),
    TRUST_PROXY_HOPS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(10).default(0)),
    RATE_LIMIT_PER_ADDRESS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(1_000_000).default(600)),
    RATE_LIMIT_PER_CONVERSATION: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(1_000_000).default(60)),
    STAFF_API_TOKEN: z.preprocess(
      emptyToUndefined,
      z.string().trim().min(24, 'must be at least 24 characters (openssl rand -base64 32)').max(512).optional(),
    ),
    METRICS_TOKEN: z.preprocess(
      emptyToUndefined,
      z.string().trim().min(24, 'must be at least 24 characters (openssl rand -base64 32)').max(512).optional(),
    ),
    METRICS_PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(65535).optional()),
    METRICS_HOST: optionalString,
    WEBHOOK_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000).optional()),
    WEBHOOK_SECRET: z.preprocess(
      emptyToUndefined,
      z.string().trim().min(32, 'must be at least 32 characters (openssl rand -hex 32)').max(512).optional(),
    ),
    /** The bot's public base URL (https; http only on loopback): sign-in redirects and alert links. */
    PUBLIC_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://intake.example.org' }).max(2000).optional()),
    STAFF_OIDC_ISSUER: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/, error: 'must be the https URL of the identity provider (its issuer)' }).max(2000).optional()),
    STAFF_OIDC_CLIENT_ID: z.preprocess(emptyToUndefined, z.string().trim().max(512).optional()),
    STAFF_OIDC_CLIENT_SECRET: z.preprocess(emptyToUndefined, z.string().trim().max(2048).optional()),
    /** Comma-separated e-mail addresses and `@domain` entries allowed into the staff inbox. */
    STAFF_EMAILS: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .max(10_000)
        .refine((v) => v.split(',').every((e) => STAFF_EMAIL_ENTRY.test(e.trim())), {
          message: 'expected comma-separated e-mail addresses (ana@example.org) or whole domains (@example.org)',
        })
        .optional(),
    ),
    /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://user:pass@host:465. */
    SMTP_URL: z.preprocess(
      emptyToUndefined,
      z
        .url({ protocol: /^smtps?$/, error: 'must be smtp://user:pass@host:587 or smtps://user:pass@host:465' })
        .max(2000)
        // Without a host the mailer would quietly try this machine.
        .refine((u) => !URL.canParse(u) || new URL(u).hostname !== '', 'must name the mail server: smtp://user:pass@host:587')
        .optional(),
    ),
    ALERT_EMAILS: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .max(10_000)
        .refine((v) => v.split(',').every((e) => EMAIL.test(e.trim())), { message: 'expected comma-separated e-mail addresses' })
        .optional(),
    ),
    /** The alert's From address (default: puente@ the PUBLIC_URL host). */
    ALERT_FROM: z.preprocess(emptyToUndefined, z.string().trim().max(320).regex(FROM_ADDRESS, 'must be an address such as Puente <puente@example.org>').optional()),
    WEBHOOK_TIMEOUT_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().min(1).max(120).default(10)),
    THREADS_IDLE_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(86_400).default(300)),
    BENCH_TIMINGS: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).default('false')),
    MicrosoftAppId: optionalString,
    MicrosoftAppPassword: optionalString,
    MicrosoftAppType: z.preprocess(emptyToUndefined, z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional()),
    MicrosoftAppTenantId: optionalString,
    ChannelService: z.preprocess(emptyToUndefined, z.literal(US_GOV_CHANNEL_SERVICE, { message: `empty (public Azure) or ${US_GOV_CHANNEL_SERVICE}` }).optional()),
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: openIdMetadataUrl,
  })
  .superRefine((env, ctx) => {
    if (env.MicrosoftAppType === 'SingleTenant' && env.MicrosoftAppId && !env.MicrosoftAppTenantId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: 'required when MicrosoftAppType is SingleTenant' });
    }
    if (env.MicrosoftAppType === 'UserAssignedMSI' && env.MicrosoftAppId) {
      // botbuilder asserts both at start-up; say it here, with the field's name.
      if (!env.MicrosoftAppTenantId) ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: 'required when MicrosoftAppType is UserAssignedMSI' });
      if (env.MicrosoftAppPassword) ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'must be empty when MicrosoftAppType is UserAssignedMSI (the managed identity has no secret)' });
    }
    if (env.NODE_ENV === 'production' && !env.ENCRYPTION_KEYS) {
      ctx.addIssue({ code: 'custom', path: ['ENCRYPTION_KEYS'], message: 'required in production: records and sessions are encrypted at rest' });
    } else if (!env.ENCRYPTION_KEYS && !isLoopbackHost(env.HOST) && !env.LOCAL_KEY_FILE) {
      // The key file in DATA_DIR sits next to the data it protects: for development on loopback only.
      ctx.addIssue({
        code: 'custom',
        path: ['ENCRYPTION_KEYS'],
        message: `required when HOST (${env.HOST}) is not a loopback address: the key file in DATA_DIR is for development on this machine only (a single-machine deployment that accepts the key next to the data sets LOCAL_KEY_FILE=accept-key-next-to-data)`,
      });
    }
    if (env.ENCRYPTION_KEYS) {
      const ids = new Set<string>();
      for (const entry of env.ENCRYPTION_KEYS.split(',')) {
        const [id, key] = entry.trim().split(':');
        if (!id || !key || !/^[A-Za-z0-9_-]{1,32}$/.test(id) || Buffer.from(key, 'base64').length !== 32) {
          ctx.addIssue({ code: 'custom', path: ['ENCRYPTION_KEYS'], message: 'expected "id:base64key" entries, comma-separated, each key 32 bytes (openssl rand -base64 32)' });
          break;
        }
        ids.add(id);
      }
      if (env.ENCRYPTION_KEY_ID && !ids.has(env.ENCRYPTION_KEY_ID)) {
        ctx.addIssue({ code: 'custom', path: ['ENCRYPTION_KEY_ID'], message: 'must name one of the ids in ENCRYPTION_KEYS' });
      }
    }
    if (env.METRICS_HOST && env.METRICS_PORT === undefined) {
      ctx.addIssue({ code: 'custom', path: ['METRICS_PORT'], message: 'required when METRICS_HOST is set (the address of the separate metrics listener)' });
    }
    if (env.METRICS_PORT !== undefined && env.METRICS_PORT === env.PORT) {
      ctx.addIssue({ code: 'custom', path: ['METRICS_PORT'], message: 'must differ from PORT (leave it empty to serve /metrics on the main port)' });
    }
    if (Boolean(env.WEBHOOK_URL) !== Boolean(env.WEBHOOK_SECRET)) {
      const missing = env.WEBHOOK_URL ? 'WEBHOOK_SECRET' : 'WEBHOOK_URL';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'WEBHOOK_URL and WEBHOOK_SECRET go together: set both or neither' });
    }
    if (env.WEBHOOK_URL && URL.canParse(env.WEBHOOK_URL) && !isHttpsOrLoopback(env.WEBHOOK_URL)) {
      ctx.addIssue({ code: 'custom', path: ['WEBHOOK_URL'], message: 'must use https (http only to a loopback address)' });
    }
    if (env.PUBLIC_URL && URL.canParse(env.PUBLIC_URL) && !isHttpsOrLoopback(env.PUBLIC_URL)) {
      ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: 'must use https (http only on a loopback address)' });
    }
    // Links and the sign-in redirect are built by appending a path to it.
    if (env.PUBLIC_URL && URL.canParse(env.PUBLIC_URL)) {
      const base = new URL(env.PUBLIC_URL);
      if (/[?#]/.test(env.PUBLIC_URL) || base.username || base.password) {
        ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: 'must be a base address such as https://intake.example.org (no query, fragment or credentials)' });
      }
    }
    const oidc = ['STAFF_OIDC_ISSUER', 'STAFF_OIDC_CLIENT_ID', 'STAFF_OIDC_CLIENT_SECRET', 'STAFF_EMAILS'] as const;
    const oidcSet = oidc.filter((k) => env[k] !== undefined);
    if (oidcSet.length > 0) {
      for (const k of oidc) {
        if (env[k] === undefined) ctx.addIssue({ code: 'custom', path: [k], message: `staff sign-in needs ${oidc.join(', ')} together (set all or none)` });
      }
      if (!env.PUBLIC_URL) ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: 'required for staff sign-in: the redirect is PUBLIC_URL/staff/callback' });
    }
    if (env.STAFF_OIDC_ISSUER && URL.canParse(env.STAFF_OIDC_ISSUER) && !isHttpsOrLoopback(env.STAFF_OIDC_ISSUER)) {
      ctx.addIssue({ code: 'custom', path: ['STAFF_OIDC_ISSUER'], message: 'must use https (http only on a loopback address, for tests)' });
    }
    if (Boolean(env.SMTP_URL) !== Boolean(env.ALERT_EMAILS)) {
      ctx.addIssue({ code: 'custom', path: [env.SMTP_URL ? 'ALERT_EMAILS' : 'SMTP_URL'], message: 'SMTP_URL and ALERT_EMAILS go together: set both or neither' });
    }
    if (env.SMTP_URL && !env.PUBLIC_URL) {
      ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: 'required for urgent alerts: each alert links to PUBLIC_URL/staff/intakes/<reference>' });
    }
    if (env.MicrosoftAppId && env.MicrosoftAppType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'required when MicrosoftAppId is set (unless MicrosoftAppType is UserAssignedMSI)' });
    }
  });

/** Intake records travel in the webhook body: only over TLS, or to a receiver on this host. */
function isHttpsOrLoopback(url: string): boolean {
  const u = new URL(url);
  return u.protocol === 'https:' || isLoopbackHost(u.hostname);
}

/** 127.0.0.0/8, ::1 or localhost: only this machine can connect. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

export type Env = z.infer<typeof envSchema>;

/**
 * Where `GET /metrics` is served: on the main listener, on a listener of its own, or nowhere. The
 * counters move with each person's turns, so they are never served without a credential or a port
 * of their own: the main port serves them only with METRICS_TOKEN, whatever HOST is (a reverse proxy
 * on the same machine would otherwise publish a loopback listener's /metrics).
 */
export type MetricsListen = 'main' | 'off' | { host: string; port: number };

export interface AppConfig {
  env: Env['NODE_ENV'];
  port: number;
  host: string;
  orgProfilePath: string;
  logLevel: Env['LOG_LEVEL'];
  /** Folder of the embedded store (and of the development key file). */
  dataDir: string;
  /** PostgreSQL; when set it replaces the embedded SQLite store. */
  databaseUrl?: string;
  databasePoolSize: number;
  /**
   * Keys from the environment: `id -> key`, and the id for new data. `undefined`: use the key file
   * (only on a loopback HOST, or with LOCAL_KEY_FILE=accept-key-next-to-data).
   */
  encryption?: { keys: Map<string, Buffer>; current: string };
  sessionTtlMs: number;
  recordTtlMs: number;
  purgeIntervalMs: number;
  /** CSP frame-ancestors sources allowed to embed the chat page; `undefined`: none ('none'). */
  frameAncestors?: string;
  /** Reverse proxies in front of this process (X-Forwarded-For entries trusted from the right). */
  trustProxyHops: number;
  /** Requests per minute allowed per client address and per conversation (/api/messages and web chat). */
  rateLimits: { perAddressPerMinute: number; perConversationPerMinute: number };
  /** Bearer token of the staff API for machine clients (/api/staff/*); `undefined`: not served. */
  staffApiToken?: string;
  /** `GET /metrics`: where it listens, and the bearer token it requires (`undefined`: none). */
  metrics: { listen: MetricsListen; token?: string };
  /** The bot's public base URL without a trailing slash (sign-in redirect, alert links); `undefined`: not set. */
  publicUrl?: string;
  /** Staff sign-in to the inbox (/staff) with the organization's OpenID Connect provider; `undefined`: no inbox. */
  staffSignIn?: StaffSignInConfig;
  /** E-mail alerts of urgent intakes (reference and link only); `undefined`: none. */
  alerts?: AlertConfig;
  /** The staff webhook; `undefined`: finished intakes are not pushed anywhere. */
  webhook?: { url: string; secret: string; timeoutMs: number };
  /**
   * Helper threads (the date and number models, SQLite checkpoints) stop after this many ms without
   * use, and start again when needed; 0: once started they run as long as the process.
   */
  threadIdleMs: number;
  /**
   * Benchmark only (`npm run bench -- --breakdown`): time each part of every turn and answer the
   * totals over the IPC channel of a process started by the benchmark. Off in normal use.
   */
  benchTimings: boolean;
  /** Bot Framework settings; `undefined` means anonymous local mode (expectReplies only). */
  botFramework?: BotFrameworkConfig;
}

export interface StaffSignInConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** `PUBLIC_URL/staff/callback` */
  redirectUri: string;
  /** Who may sign in: exact addresses and whole domains, lower-cased (domains without the `@`). */
  allowed: { emails: string[]; domains: string[] };
}

export interface AlertConfig {
  smtpUrl: string;
  to: string[];
  from: string;
  /** Where each alert links: `${publicUrl}/staff/intakes/<reference>`. */
  publicUrl: string;
}

export interface BotFrameworkConfig {
  appId: string;
  appPassword?: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  tenantId?: string;
  /** `undefined`: public Azure; otherwise the US Government cloud. */
  channelService?: typeof US_GOV_CHANNEL_SERVICE;
  /**
   * Where the signing keys of channel and Emulator tokens are published, when not the cloud's
   * default (a sovereign or private cloud, or a local test double).
   */
  openIdMetadata?: { channel?: string; emulator?: string };
}

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n  ${issues.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** `id:base64,id:base64`; the current id defaults to the first listed (already validated). */
function parseKeys(list: string, current: string | undefined): { keys: Map<string, Buffer>; current: string } {
  const keys = new Map<string, Buffer>();
  for (const entry of list.split(',')) {
    const [id, key] = entry.trim().split(':') as [string, string];
    keys.set(id, Buffer.from(key, 'base64'));
  }
  return { keys, current: current ?? [...keys.keys()][0]! };
}

/** STAFF_EMAILS, already checked: exact addresses and `@domain` entries, lower-cased. */
function staffAllowed(list: string): { emails: string[]; domains: string[] } {
  const entries = list.split(',').map((e) => e.trim().toLowerCase());
  return {
    emails: entries.filter((e) => !e.startsWith('@')),
    domains: entries.filter((e) => e.startsWith('@')).map((e) => e.slice(1)),
  };
}

/** Reads the configuration from an environment object (by default the process's). */
export function loadConfig(source: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): AppConfig {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  const e = parsed.data;
  const publicUrl = e.PUBLIC_URL?.replace(/\/+$/, '');
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    orgProfilePath: path.resolve(cwd, e.ORG_PROFILE),
    logLevel: e.LOG_LEVEL,
    dataDir: path.resolve(cwd, e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    encryption: e.ENCRYPTION_KEYS ? parseKeys(e.ENCRYPTION_KEYS, e.ENCRYPTION_KEY_ID) : undefined,
    sessionTtlMs: Math.round(e.SESSION_TTL_DAYS * 86_400_000),
    recordTtlMs: Math.round(e.RECORD_TTL_DAYS * 86_400_000),
    purgeIntervalMs: Math.round(e.PURGE_INTERVAL_MINUTES * 60_000),
    frameAncestors: e.FRAME_ANCESTORS?.trim().split(/\s+/).join(' '),
    trustProxyHops: e.TRUST_PROXY_HOPS,
    rateLimits: { perAddressPerMinute: e.RATE_LIMIT_PER_ADDRESS, perConversationPerMinute: e.RATE_LIMIT_PER_CONVERSATION },
    staffApiToken: e.STAFF_API_TOKEN,
    metrics: {
      listen:
        e.METRICS_PORT !== undefined
          ? { host: e.METRICS_HOST ?? '127.0.0.1', port: e.METRICS_PORT }
          : e.METRICS_TOKEN
            ? 'main'
            : 'off',
      token: e.METRICS_TOKEN,
    },
    publicUrl,
    staffSignIn:
      e.STAFF_OIDC_ISSUER && e.STAFF_OIDC_CLIENT_ID && e.STAFF_OIDC_CLIENT_SECRET && e.STAFF_EMAILS && publicUrl
        ? {
            issuer: e.STAFF_OIDC_ISSUER,
            clientId: e.STAFF_OIDC_CLIENT_ID,
            clientSecret: e.STAFF_OIDC_CLIENT_SECRET,
            redirectUri: `${publicUrl}/staff/callback`,
            allowed: staffAllowed(e.STAFF_EMAILS),
          }
        : undefined,
    alerts:
      e.SMTP_URL && e.ALERT_EMAILS && publicUrl
        ? {
            smtpUrl: e.SMTP_URL,
            to: e.ALERT_EMAILS.split(',').map((a) => a.trim()),
            from: e.ALERT_FROM ?? `Puente <puente@${new URL(publicUrl).hostname}>`,
            publicUrl,
          }
        : undefined,
    webhook: e.WEBHOOK_URL && e.WEBHOOK_SECRET ? { url: e.WEBHOOK_URL, secret: e.WEBHOOK_SECRET, timeoutMs: e.WEBHOOK_TIMEOUT_SECONDS * 1000 } : undefined,
    threadIdleMs: e.THREADS_IDLE_SECONDS * 1000,
    benchTimings: e.BENCH_TIMINGS === 'true',
    botFramework: e.MicrosoftAppId
      ? {
          appId: e.MicrosoftAppId,
          appPassword: e.MicrosoftAppPassword,
          appType: e.MicrosoftAppType ?? 'MultiTenant',
          tenantId: e.MicrosoftAppTenantId,
          channelService: e.ChannelService,
          openIdMetadata:
            e.ToBotFromChannelOpenIdMetadataUrl || e.ToBotFromEmulatorOpenIdMetadataUrl
              ? { channel: e.ToBotFromChannelOpenIdMetadataUrl, emulator: e.ToBotFromEmulatorOpenIdMetadataUrl }
              : undefined,
        }
      : undefined,
  };
}
