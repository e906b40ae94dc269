/**
 * The catalogue of log codes (issue 8). Every log line that reports something carries one of these
 * stable codes, never message text or answers; `/metrics` counts warnings and errors by code
 * (`puente_errors_total{code,level}`), so an alert can name a code. A test checks that every code
 * logged in src/ is listed here, and that the README lists them all.
 *
 * The person never sees a code: an unexpected failure in a turn gets the fixed bilingual apology
 * (`common:errors.apology`), whatever failed.
 */

export type LogLevel = 'info' | 'warn' | 'error' | 'fatal';

export interface CodeEntry {
  level: LogLevel;
  /** One line: what happened and what, if anything, someone should do. */
  meaning: string;
}

export const LOG_CODES = {
  // Turns
  TURN_FAILED: { level: 'error', meaning: 'An unexpected error in a turn; the person got the fixed apology and their session is as it was.' },
  SESSION_UNREADABLE: { level: 'warn', meaning: 'A stored session failed its zod check (damaged, edited, another machine version); the intake restarted with an apology.' },
  SESSION_ETAG_RETRY: { level: 'warn', meaning: 'Two turns of one conversation raced (several instances); the later one was re-run from a fresh read.' },
  STORE_UNAVAILABLE: { level: 'warn', meaning: 'The store did not answer during a turn or a quick exit; the person was asked to try again in a minute, nothing was lost.' },
  RATE_LIMITED: { level: 'warn', meaning: 'A client went over a per-address or per-conversation limit: 429 with Retry-After, or under Bot Framework authentication a turn that runs nothing.' },
  RATE_LIMIT_NOTICE: { level: 'info', meaning: 'A turn refused by the per-conversation limit under Bot Framework authentication got the short "please wait" reply (at most once a minute per conversation).' },
  REMOVAL_ERASE_FAILED: { level: 'warn', meaning: 'The app was removed from a conversation but its session could not be deleted (store down); it is erased at its expiry (SESSION_TTL_DAYS). Check the store.' },
  DELETE_FAILED: { level: 'error', meaning: 'The web chat quick exit could not delete a conversation for a reason other than the store being down.' },
  // HTTP and process
  HTTP_ERROR: { level: 'error', meaning: 'A route answered 5xx outside a turn (restify error event); route, status and error name only.' },
  NOT_READY: { level: 'warn', meaning: '/readyz answered 503: the store does not answer.' },
  METRICS_FAILED: { level: 'warn', meaning: '/metrics could not be collected (e.g. the outbox gauges could not read the store).' },
  UNCAUGHT_EXCEPTION: { level: 'fatal', meaning: 'An exception escaped every handler; the process exits so its supervisor restarts it (all state is in the store).' },
  UNHANDLED_REJECTION: { level: 'fatal', meaning: 'A promise rejection nobody handled; the process exits so its supervisor restarts it (all state is in the store).' },
  LISTENING: { level: 'info', meaning: 'The server started and listens (URL, auth mode, store kind, content review date).' },
  SHUTDOWN: { level: 'info', meaning: 'A signal asked the process to stop; it closes the server and the store.' },
  // Storage
  STORE_CONNECTION_ERROR: { level: 'warn', meaning: 'An idle PostgreSQL connection failed; the pool replaces it.' },
  STORE_VACUUM_FAILED: { level: 'warn', meaning: 'PostgreSQL: the VACUUM after an exit or delete failed; the rows are deleted, their dead tuples stay until autovacuum (README, Privacy model).' },
  KEY_FILE_CREATED: { level: 'warn', meaning: 'No ENCRYPTION_KEYS configured: a development key file was created in DATA_DIR; back it up, set keys in production.' },
  PURGED: { level: 'info', meaning: 'The retention purge deleted expired sessions and records past their retention (counts only).' },
  PURGE_FAILED: { level: 'warn', meaning: 'A retention purge failed (store down); it runs again at the next interval.' },
  // Staff
  STAFF_AUTH_FAILED: { level: 'warn', meaning: 'A staff API request had a missing or wrong bearer token.' },
  STAFF_CSRF_REFUSED: { level: 'warn', meaning: 'A staff inbox form came without its session token (an old page, or another site): nothing changed.' },
  STAFF_SIGNIN_UNAVAILABLE: { level: 'error', meaning: 'The staff identity provider (STAFF_OIDC_ISSUER) could not be reached or read: staff cannot sign in until it answers.' },
  STAFF_SIGNIN_NO_LOGIN: { level: 'warn', meaning: 'A staff sign-in came back with no sign-in in progress (a replayed or forged callback, or one older than ten minutes).' },
  STAFF_SIGNIN_FAILED: { level: 'warn', meaning: 'The identity provider refused a staff sign-in or its answer failed the checks (state, PKCE, nonce, ID token).' },
  WEBHOOK_DELIVERED: { level: 'info', meaning: 'The webhook receiver accepted a finished intake (delivery id only).' },
  WEBHOOK_FAILED: { level: 'warn', meaning: 'A webhook attempt failed (network, timeout, 5xx, redirect, 408/429); it is retried with backoff.' },
  WEBHOOK_REJECTED: { level: 'error', meaning: 'The webhook receiver answered 4xx (often a wrong secret or URL); retried with backoff until staff fix it.' },
  WEBHOOK_RECORD_GONE: { level: 'info', meaning: 'A record was deleted before its delivery went out; nothing was sent.' },
  WEBHOOK_RELEASE_FAILED: { level: 'warn', meaning: 'A new delivery could not be released early; it goes out after its hold (10 s).' },
  WEBHOOK_OUTBOX_UNAVAILABLE: { level: 'warn', meaning: 'The webhook sender could not read the outbox (store down); it tries again on the next round.' },
  WEBHOOK_DISABLED: { level: 'warn', meaning: 'A webhook is configured but the stores were replaced (tests only): nothing is sent.' },
  ALERT_SENT: { level: 'info', meaning: 'The SMTP server accepted the e-mail alert of an urgent intake (delivery id only).' },
  ALERT_FAILED: { level: 'warn', meaning: 'An urgent alert could not be sent (network, timeout, TLS, a 4xx reply); it is retried with backoff.' },
  ALERT_REJECTED: { level: 'error', meaning: 'The SMTP server refused an urgent alert with a 5xx reply (wrong credentials, a refused sender or recipients); retried with backoff until staff fix SMTP_URL, ALERT_FROM or ALERT_EMAILS.' },
  ALERT_RECIPIENTS_REJECTED: { level: 'warn', meaning: 'The SMTP server refused some ALERT_EMAILS addresses (count only); the others got the alert. Check ALERT_EMAILS.' },
  ALERT_RECORD_GONE: { level: 'info', meaning: 'A record was deleted before its alert went out; nothing was sent.' },
  ALERT_RELEASE_FAILED: { level: 'warn', meaning: 'A new alert could not be released early; it goes out after its hold (10 s).' },
  ALERT_OUTBOX_UNAVAILABLE: { level: 'warn', meaning: 'The alert sender could not read the outbox (store down); it tries again on the next round.' },
  ALERTS_DISABLED: { level: 'warn', meaning: 'Alerts are configured but the stores were replaced (tests only): nothing is sent.' },
  // Channels, content and metrics
  ACTIVITY_FAILED: { level: 'error', meaning: 'An authenticated Bot Framework activity could not be processed after its token was accepted (error name and channel only).' },
  AUTH_REFUSED: { level: 'warn', meaning: 'A /api/messages request had no valid Bot Framework token (missing, malformed, expired, wrong key or audience); it got 401 and no turn ran.' },
  CONTENT_STALE: { level: 'warn', meaning: 'The legal content in locales/ is past its 60-day review window; an immigration attorney must review it again (/readyz reports it too).' },
  CONTENT_NOT_SIGNED_OFF: { level: 'warn', meaning: 'No immigration attorney has signed the wording in locales/ off (meta.json reviewedBy says "pending attorney review"); do not deploy it for real use (/readyz reports it too).' },
  DAILY_COUNTS_FAILED: { level: 'warn', meaning: 'The daily counts for the dashboard could not be written after a turn; the person’s reply was not affected.' },
  METRICS_AUTH_FAILED: { level: 'warn', meaning: 'A /metrics request had a missing or wrong METRICS_TOKEN.' },
  METRICS_OFF: { level: 'info', meaning: '/metrics is not served: neither METRICS_TOKEN nor METRICS_PORT is set.' },
  // Metrics
  OTHER: { level: 'warn', meaning: 'The /metrics label of a warning or error logged without a well-formed code: a bug; find the line and give it a code.' },
} as const satisfies Record<string, CodeEntry>;

export type LogCode = keyof typeof LOG_CODES;

/**
 * What may be logged about an unexpected error: its class name and where it was thrown (the first
 * stack frames, file and line only). Never its message: messages can quote input (JSON.parse and
 * zod errors do), and input is a person's answers.
 */
export function errorFacts(err: unknown): { name: string; at: string[] } {
  const e = err as { name?: unknown; stack?: unknown } | null | undefined;
  const name = typeof e?.name === 'string' ? e.name.slice(0, 64) : typeof err;
  const stack = typeof e?.stack === 'string' ? e.stack : '';
  const at = stack
    .split('\n')
    .map((l) => /^\s+at (?:.*? \()?(.*?:\d+:\d+)\)?$/.exec(l)?.[1])
    .filter((l): l is string => Boolean(l))
    .slice(0, 3)
    .map((l) => l.replace(/^.*?(?=(?:src|dist|dialogs|node_modules)\/)/, ''));
  return { name, at };
}
