/** Issue 9's targets, judged on the lines the phases printed. Pure. */
import type { SoakLine, StartupLine, TargetLine } from './phases';
import { round } from './stats';

/** Issue 9's targets and the reference intake ("twice as fast" as 550-800 turns/s, p99 70-120 ms, 130 MB idle). */
export function verdict(lines: Map<string, TargetLine>, startup: StartupLine | undefined, soak: SoakLine | undefined): Record<string, unknown> {
  const sqlite = lines.get('puente-sqlite');
  const pg = lines.get('puente-postgres');
  const check = (value: number | null | undefined, target: string, ok: (v: number) => boolean) => ({
    value: value ?? null,
    target,
    met: value !== null && value !== undefined && ok(value),
  });
  return {
    kind: 'targets',
    throughputVsBotEcho: check(sqlite?.ratioToBotEcho, '>= 0.8', (v) => v >= 0.8),
    p99Ms: check(sqlite?.p99Ms, '<= 25', (v) => v <= 25),
    idleRssMb: check(startup?.idleRssMb, '<= 100', (v) => v <= 100),
    rssGrowthAfterSoakMb: {
      ...check(soak?.growthMb, '<= 50', (v) => v <= 50),
      measured: `RSS ${soak?.quietSeconds ?? '?'} s after the last intake minus idle RSS before the first`,
      atEndMb: soak ? round((soak.atEndRssMb ?? Number.NaN) - (soak.idleRssMb ?? Number.NaN), 1) : null,
      intakes: soak?.intakes ?? 0,
      ...(soak && !soak.complete ? { met: false, why: 'soak incomplete' } : {}),
    },
    readyToAnswerMs: check(startup?.readyToAnswerMs, '<= 1500', (v) => v <= 1500),
    errorsSqlite: check(sqlite?.errors, '0', (v) => v === 0),
    errorsPostgres: pg ? check(pg.errors, '0', (v) => v === 0) : { value: null, target: '0', met: false, why: 'PostgreSQL not run' },
    twiceTypicalTurnsPerSec: check(sqlite?.turnsPerSec, '>= 1600 (2 x 800)', (v) => v >= 1600),
    twiceTypicalP99Ms: check(sqlite?.p99Ms, '<= 35 (70 / 2)', (v) => v <= 35),
    twiceTypicalIdleRssMb: check(startup?.idleRssMb, '<= 65 (130 / 2)', (v) => v <= 65),
  };
}
