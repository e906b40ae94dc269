/**
 * Command-line options of `npm run bench`. Pure: parses an argv array into options, or throws an
 * ArgsError whose message names the flag; `--help` yields the usage text instead.
 */

export const TARGET_NAMES = ['restify-echo', 'bot-echo', 'bot-echo-reused', 'puente', 'page'] as const;
export type TargetName = (typeof TARGET_NAMES)[number];
/**
 * Measured unless --targets says otherwise (bot-echo-reused is on request). `page`: the chat page's
 * first visit in a throttled chromium (bench/page.ts).
 */
export const DEFAULT_TARGETS: readonly TargetName[] = ['restify-echo', 'bot-echo', 'puente', 'page'];

export interface BenchOptions {
  /** Conversations in flight at once (closed loop: each waits for its reply before the next turn). */
  concurrency: number;
  /** Seconds of load before measuring, on every server started. */
  warmupSeconds: number;
  /** Seconds measured after the warm-up. */
  durationSeconds: number;
  /** Each target is measured this many times, interleaved; figures are the median of the rounds. */
  rounds: number;
  targets: TargetName[];
  /** `off`, `throwaway` (a loopback cluster started by scripts/test-postgres.sh), or a loopback URL. */
  postgres: 'off' | 'throwaway' | { url: string };
  /** Finished intakes of the memory soak (0: no soak). */
  soakIntakes: number;
  /** Seconds without traffic after the soak before its memory is read again. */
  soakQuietSeconds: number;
  /**
   * THREADS_IDLE_SECONDS of the servers started for the memory figures (start-up and soak): their
   * helper threads stop after this long without use, so a quiet period reaches the idle state.
   */
  threadsIdleSeconds: number;
  /** Measure the per-turn cost breakdown in an extra run with the server's timing hook on. */
  breakdown: boolean;
  /** Restarts of a server whose store holds a conversation waiting on a Spanish date, to time start-up. */
  startups: number;
  /** Folders of scenario files (shared format); empty: the defaults (see run.ts). */
  scenarioDirs: string[];
  /**
   * Other compiled Puente trees (a folder holding src/main.js, e.g. an older commit built with
   * `tsc -p bench/tsconfig.json --outDir DIR`), measured on SQLite in the same rounds, for before/after figures.
   */
  compare: string[];
  /** First visits of the chat page per network profile (target `page`). */
  pageRuns: number;
  /** The whole run stops (and fails) past this many seconds. */
  maxSeconds: number;
}

export const DEFAULTS: BenchOptions = {
  concurrency: 20,
  warmupSeconds: 3,
  durationSeconds: 10,
  rounds: 3,
  targets: [...DEFAULT_TARGETS],
  postgres: 'throwaway',
  soakIntakes: 10_000,
  soakQuietSeconds: 30,
  threadsIdleSeconds: 20,
  breakdown: false,
  startups: 3,
  scenarioDirs: [],
  compare: [],
  pageRuns: 3,
  maxSeconds: 1800,
};

export const USAGE = `npm run bench -- [options]

  --concurrency N       conversations in flight at once (default ${DEFAULTS.concurrency})
  --warmup S            seconds of load before measuring (default ${DEFAULTS.warmupSeconds})
  --duration S          seconds measured per round and target (default ${DEFAULTS.durationSeconds})
  --rounds N            interleaved rounds; figures are medians (default ${DEFAULTS.rounds})
  --targets LIST        comma-separated: ${TARGET_NAMES.join(', ')} (default ${DEFAULT_TARGETS.join(', ')})
  --postgres            also run Puente on a throwaway loopback PostgreSQL (default)
  --database-url URL    ... on this PostgreSQL instead (127.0.0.1/localhost/::1 only)
  --no-postgres         skip the PostgreSQL run
  --soak-intakes N      finished intakes of the memory soak, 0 to skip (default ${DEFAULTS.soakIntakes})
  --soak-quiet S        seconds without traffic before idle memory is read, before and after the soak (default ${DEFAULTS.soakQuietSeconds})
  --threads-idle S      THREADS_IDLE_SECONDS of the servers timed for memory (default ${DEFAULTS.threadsIdleSeconds}; Puente's own default is 300)
  --startups N          timed restarts for the start-up figure, 0 to skip (default ${DEFAULTS.startups})
  --breakdown           per-turn cost breakdown (adapter, load, understand, transition, evaluate, render, save)
  --scenarios DIRS      comma-separated folders of scenario files (default ../shared/scenarios and test/scenarios)
  --page-runs N         first visits of the chat page per network profile (target page; default ${DEFAULTS.pageRuns})
  --compare DIR         also measure the Puente compiled in DIR (DIR/src/main.js) in the same rounds; repeatable
  --max-seconds S       stop the whole run past this (default ${DEFAULTS.maxSeconds})
  --help                this text`;

export class ArgsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArgsError';
  }
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** True for a postgres:// or postgresql:// URL whose host is this machine's loopback. */
export function isLoopbackDatabaseUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (parsed.protocol === 'postgres:' || parsed.protocol === 'postgresql:') && LOOPBACK_HOSTS.has(parsed.hostname);
}

function number(flag: string, raw: string | undefined, min: number, max: number, integer: boolean): number {
  if (raw === undefined || raw.trim() === '') throw new ArgsError(`${flag} needs a value`);
  const n = Number(raw);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min || n > max) {
    throw new ArgsError(`${flag} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max} (got ${JSON.stringify(raw)})`);
  }
  return n;
}

/** Options from `argv` (the arguments after the script name); `'help'` when --help was asked. */
export function parseArgs(argv: readonly string[]): BenchOptions | 'help' {
  const o: BenchOptions = { ...DEFAULTS, targets: [...DEFAULTS.targets], scenarioDirs: [], compare: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string | undefined => inline ?? argv[++i];
    const noValue = () => {
      if (inline !== undefined) throw new ArgsError(`${flag} takes no value`);
    };
    switch (flag) {
      case '--help':
      case '-h':
        return 'help';
      case '--concurrency':
        o.concurrency = number(flag, value(), 1, 500, true);
        break;
      case '--warmup':
        o.warmupSeconds = number(flag, value(), 0, 600, false);
        break;
      case '--duration':
        o.durationSeconds = number(flag, value(), 0.1, 600, false);
        break;
      case '--page-runs':
        o.pageRuns = number(flag, value(), 1, 20, true);
        break;
      case '--rounds':
        o.rounds = number(flag, value(), 1, 20, true);
        break;
      case '--targets': {
        const list = (value() ?? '').split(',').map((t) => t.trim()).filter(Boolean);
        if (list.length === 0) throw new ArgsError(`--targets needs one or more of ${TARGET_NAMES.join(', ')}`);
        const unknown = list.filter((t) => !(TARGET_NAMES as readonly string[]).includes(t));
        if (unknown.length) throw new ArgsError(`unknown target ${unknown.join(', ')}; expected ${TARGET_NAMES.join(', ')}`);
        o.targets = TARGET_NAMES.filter((t) => list.includes(t));
        break;
      }
      case '--postgres':
        noValue();
        o.postgres = 'throwaway';
        break;
      case '--no-postgres':
        noValue();
        o.postgres = 'off';
        break;
      case '--database-url': {
        const url = value();
        if (!url || !isLoopbackDatabaseUrl(url)) throw new ArgsError('--database-url must be a postgres:// URL on 127.0.0.1, localhost or ::1 (the benchmark stays on loopback)');
        o.postgres = { url };
        break;
      }
      case '--soak-intakes':
        o.soakIntakes = number(flag, value(), 0, 1_000_000, true);
        break;
      case '--soak-quiet':
        o.soakQuietSeconds = number(flag, value(), 0, 600, false);
        break;
      case '--threads-idle':
        o.threadsIdleSeconds = number(flag, value(), 0, 600, true);
        break;
      case '--startups':
        o.startups = number(flag, value(), 0, 20, true);
        break;
      case '--breakdown':
        noValue();
        o.breakdown = true;
        break;
      case '--scenarios': {
        const dirs = (value() ?? '').split(',').map((d) => d.trim()).filter(Boolean);
        if (dirs.length === 0) throw new ArgsError('--scenarios needs one or more folders');
        o.scenarioDirs = dirs;
        break;
      }
      case '--compare': {
        const dir = value();
        if (!dir) throw new ArgsError('--compare needs the folder of a compiled Puente (holding src/main.js)');
        o.compare.push(dir);
        break;
      }
      case '--max-seconds':
        o.maxSeconds = number(flag, value(), 1, 86_400, false);
        break;
      default:
        throw new ArgsError(`unknown option ${JSON.stringify(arg)} (see --help)`);
    }
  }
  if (o.threadsIdleSeconds > 0 && o.soakQuietSeconds <= o.threadsIdleSeconds && (o.startups > 0 || o.soakIntakes > 0)) {
    throw new ArgsError('--soak-quiet must be longer than --threads-idle, or idle memory would be read before the helper threads stop');
  }
  return o;
}
