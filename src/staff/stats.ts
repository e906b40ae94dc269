/**
 * The staff dashboard's numbers (`GET /api/staff/stats`), built from the daily aggregates only: no
 * record is opened, so nothing here can carry an answer, a name or a contact detail. Labels are the
 * English review labels of the questions and the English finding titles, for staff.
 */
import { z } from 'zod';
import { locales, questionIds, type Locale } from '../../dialogs/intake';
import type { IntakeStep } from '../conversation';
import type { Translator } from '../i18n';
import type { DailyCountRow } from '../storage';
import { COUNT_METRICS, STOP_METRICS, utcDay, type StopMetric } from './dailyCounts';

/** The periods the dashboard offers, in days ending today (UTC). */
export const STAT_PERIODS = ['7', '30', '90'] as const;

/** `?days=7|30|90` (default 30); nothing else is accepted. */
export const statsQuerySchema = z
  .object({ days: z.enum(STAT_PERIODS).default('30').transform(Number) })
  .strict();
export type StatsQuery = z.output<typeof statsQuerySchema>;

/** Findings every result ends with (intake-spec §4): listed, but left out of the top findings chart. */
export const ALWAYS_PRESENT_FINDINGS: readonly string[] = ['ATTORNEY_REFERRAL', 'NOTARIO_WARNING'];

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A stored row as the dashboard trusts it: known metric, a code-shaped key, a count. */
const storedRow = z.object({
  day: z.string().regex(DAY),
  metric: z.enum(COUNT_METRICS),
  key: z.string().regex(/^[A-Za-z0-9_]{1,64}$/),
  count: z.number().int().min(0),
});

export interface FunnelStep {
  step: IntakeStep;
  label: string;
  /** Ended intakes (sent, left or expired) that got to this step. */
  reached: number;
  /** Unsent intakes that stopped at this step, by how. */
  stopped: Record<StopMetric, number>;
  stoppedTotal: number;
}

export interface Stats {
  days: number;
  from: string;
  to: string;
  totals: {
    started: number;
    finished: number;
    urgent: number;
    /** urgent / finished, `null` when nothing was sent. */
    urgentShare: number | null;
    /** Left with `exit`, `delete`, or by declining consent. */
    endedEarly: number;
    /** Expired unfinished (SESSION_TTL_DAYS after the last message; counted on that day). */
    abandoned: number;
  };
  perDay: { day: string; started: number; finished: number; urgent: number }[];
  languages: { language: Locale; label: string; started: number; finished: number }[];
  funnel: FunnelStep[];
  findings: { code: string; title: string; count: number; alwaysPresent: boolean }[];
}

const DAY_MS = 86_400_000;

/** The days of a period ending on `today`, oldest first. */
export function periodDays(days: number, today: Date): string[] {
  const end = Date.parse(`${utcDay(today)}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => utcDay(new Date(end - (days - 1 - i) * DAY_MS)));
}

/** The English label of a funnel step: the question's review label, or the review step. */
export function stepLabel(step: IntakeStep, en: Translator): string {
  if (step === 'review') return en.t('staff:charts.reviewStep');
  const key = `questions:${step}.review` as const;
  return en.has(key) ? en.t(key) : step;
}

export function buildStats(rows: readonly DailyCountRow[], options: { days: number; today: Date; en: Translator }): Stats {
  const { days, en } = options;
  const dayList = periodDays(days, options.today);
  const from = dayList[0]!;
  const to = dayList[dayList.length - 1]!;

  const byDay = new Map(dayList.map((d) => [d, { day: d, started: 0, finished: 0, urgent: 0 }]));
  /** metric -> key -> count over the period */
  const sums = new Map<string, Map<string, number>>();
  for (const raw of rows) {
    const parsed = storedRow.safeParse(raw);
    if (!parsed.success || parsed.data.day < from || parsed.data.day > to) continue;
    const { day, metric, key, count } = parsed.data;
    const perKey = sums.get(metric) ?? new Map<string, number>();
    perKey.set(key, (perKey.get(key) ?? 0) + count);
    sums.set(metric, perKey);
    const d = byDay.get(day);
    if (d && (metric === 'started' || metric === 'finished' || metric === 'urgent')) d[metric] += count;
  }
  const count = (metric: string, key: string) => sums.get(metric)?.get(key) ?? 0;
  const total = (metric: string) => [...(sums.get(metric)?.values() ?? [])].reduce((a, b) => a + b, 0);

  const steps: IntakeStep[] = [...questionIds, 'review'];
  const funnel = steps
    .map((step): FunnelStep => {
      const stopped = Object.fromEntries(STOP_METRICS.map((m) => [m, count(m, step)])) as Record<StopMetric, number>;
      const stoppedTotal = STOP_METRICS.reduce((a, m) => a + stopped[m], 0);
      return { step, label: stepLabel(step, en), reached: count('reached', step), stopped, stoppedTotal };
    })
    .filter((s) => s.reached > 0 || s.stoppedTotal > 0);

  const findings = [...(sums.get('finding') ?? new Map<string, number>())]
    .map(([code, n]) => {
      const key = `findings:${code}.title` as const;
      return { code, title: en.has(key) ? en.t(key) : code, count: n, alwaysPresent: ALWAYS_PRESENT_FINDINGS.includes(code) };
    })
    .sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1));

  const finished = total('finished');
  const urgent = total('urgent');
  return {
    days,
    from,
    to,
    totals: {
      started: total('started'),
      finished,
      urgent,
      urgentShare: finished > 0 ? urgent / finished : null,
      endedEarly: total('exited') + total('deleted') + total('declined'),
      abandoned: total('abandoned'),
    },
    perDay: [...byDay.values()],
    languages: locales.map((language) => ({
      language,
      label: en.t(`questions:language.options.${language}`),
      started: count('started', language),
      finished: count('finished', language),
    })),
    funnel,
    findings,
  };
}
