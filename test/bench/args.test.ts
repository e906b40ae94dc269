import { ArgsError, DEFAULTS, isLoopbackDatabaseUrl, parseArgs } from '../../bench/args';

describe('bench arguments', () => {
  it('defaults to 20 conversations, both baselines and Puente, PostgreSQL and a 10,000-intake soak', () => {
    expect(parseArgs([])).toEqual(DEFAULTS);
    expect(DEFAULTS).toMatchObject({ concurrency: 20, postgres: 'throwaway', soakIntakes: 10_000, breakdown: false, targets: ['restify-echo', 'bot-echo', 'puente', 'page'] });
  });

  it('reads flags with separate and inline values', () => {
    const o = parseArgs(['--concurrency', '5', '--warmup=0.5', '--duration', '2', '--rounds=1', '--soak-intakes', '0', '--breakdown', '--no-postgres']);
    expect(o).toMatchObject({ concurrency: 5, warmupSeconds: 0.5, durationSeconds: 2, rounds: 1, soakIntakes: 0, breakdown: true, postgres: 'off' });
  });

  it('keeps targets in their fixed order and refuses unknown ones', () => {
    expect(parseArgs(['--targets', 'puente,restify-echo'])).toMatchObject({ targets: ['restify-echo', 'puente'] });
    expect(parseArgs(['--targets', 'puente,bot-echo-reused,bot-echo'])).toMatchObject({ targets: ['bot-echo', 'bot-echo-reused', 'puente'] });
    expect(() => parseArgs(['--targets', 'puente,nginx'])).toThrow(/unknown target nginx/);
    expect(() => parseArgs(['--targets', ''])).toThrow(ArgsError);
  });

  it('refuses values out of range, missing values and unknown flags, naming the flag', () => {
    expect(() => parseArgs(['--concurrency', '0'])).toThrow(/--concurrency/);
    expect(() => parseArgs(['--concurrency', '2.5'])).toThrow(/whole number/);
    expect(() => parseArgs(['--duration'])).toThrow(/--duration needs a value/);
    expect(() => parseArgs(['--rounds', 'many'])).toThrow(/--rounds/);
    expect(() => parseArgs(['--breakdown=yes'])).toThrow(/takes no value/);
    expect(() => parseArgs(['--fast'])).toThrow(/unknown option/);
  });

  it('reads idle memory only after the helper threads had time to stop', () => {
    expect(parseArgs(['--threads-idle', '5', '--soak-quiet', '6'])).toMatchObject({ threadsIdleSeconds: 5, soakQuietSeconds: 6 });
    expect(() => parseArgs(['--threads-idle', '30'])).toThrow(/--soak-quiet must be longer than --threads-idle/);
    expect(parseArgs(['--threads-idle', '0', '--soak-quiet', '0'])).toMatchObject({ threadsIdleSeconds: 0 });
    expect(parseArgs(['--threads-idle', '30', '--startups', '0', '--soak-intakes', '0'])).toMatchObject({ threadsIdleSeconds: 30 });
  });

  it('stays on loopback: a database URL must name this machine', () => {
    expect(parseArgs(['--database-url', 'postgresql://postgres@127.0.0.1:5432/x'])).toMatchObject({ postgres: { url: 'postgresql://postgres@127.0.0.1:5432/x' } });
    expect(isLoopbackDatabaseUrl('postgres://u@localhost/x')).toBe(true);
    expect(isLoopbackDatabaseUrl('postgres://u@[::1]:5433/x')).toBe(true);
    expect(isLoopbackDatabaseUrl('postgres://u@db.example.org/x')).toBe(false);
    expect(isLoopbackDatabaseUrl('http://127.0.0.1/x')).toBe(false);
    expect(() => parseArgs(['--database-url', 'postgres://u@10.0.0.5/x'])).toThrow(/loopback/);
  });

  it('collects other builds to compare, in order', () => {
    expect(parseArgs(['--compare', '/tmp/a', '--compare=/tmp/b'])).toMatchObject({ compare: ['/tmp/a', '/tmp/b'] });
    expect(() => parseArgs(['--compare'])).toThrow(/--compare needs/);
  });

  it('answers --help with the usage', () => {
    expect(parseArgs(['--rounds', '2', '--help'])).toBe('help');
  });
});
