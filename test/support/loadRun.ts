/**
 * Many full intakes at once against a running server, and the checks that nothing was lost: each
 * intake ends with the scenario's expected findings, and each stored record holds exactly the
 * scenario's answers. Used by the CI load test and the soak.
 */
import type { RecordStore } from '../../src/storage';
import { playScenario, type Scenario } from './scenarios';

export interface Played {
  scenario: Scenario;
  reference: string;
  findings: string[];
}

export interface LoadOutcome {
  conversations: number;
  played: Played[];
  /** One line per conversation that failed (HTTP error, unexpected question, wrong findings). */
  failures: string[];
  ms: number;
}

const sorted = (xs: readonly string[]) => [...xs].sort();

/** Plays `count` intakes, `scenarios` in turn, all at once; never throws (failures are counted). */
export async function runIntakes(url: string, scenarios: readonly Scenario[], count: number): Promise<LoadOutcome> {
  const started = Date.now();
  const failures: string[] = [];
  const played: Played[] = [];
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const scenario = scenarios[i % scenarios.length]!;
      try {
        const { result } = await playScenario(url, scenario);
        const findings = result.findings.map((f) => f.code);
        if (sorted(findings).join() !== sorted(scenario.expect.findings).join()) failures.push(`${scenario.name}: findings ${findings.join(',')}`);
        else if (result.urgent !== scenario.expect.urgent) failures.push(`${scenario.name}: urgent ${result.urgent}`);
        played.push({ scenario, reference: result.reference, findings });
      } catch (err) {
        failures.push(`${scenario.name}: ${(err as Error).message.slice(0, 200)}`);
      }
    }),
  );
  return { conversations: count, played, failures, ms: Date.now() - started };
}

/** The answer codes a scenario must leave in its record (contact text and the review step aside). */
export function expectedAnswers(s: Scenario): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.values)) if (!['review', 'contact_name', 'contact_value'].includes(k)) out[k] = v;
  return out;
}

/**
 * Every record is readable (zod-checked when listed) and each played intake has exactly one record
 * with the scenario's answers and findings. Returns the problems found (empty: all is well).
 */
export async function checkRecords(records: RecordStore, played: readonly Played[], alsoExpected = 0): Promise<string[]> {
  const problems: string[] = [];
  const all = await records.list();
  const byRef = new Map(all.map((r) => [r.reference, r]));
  if (byRef.size !== all.length) problems.push(`${all.length - byRef.size} references stored twice`);
  if (all.length !== played.length + alsoExpected) problems.push(`${all.length} records for ${played.length + alsoExpected} intakes`);
  for (const p of played) {
    const r = byRef.get(p.reference);
    if (!r) {
      problems.push(`${p.scenario.name}: no record ${p.reference}`);
      continue;
    }
    const want = expectedAnswers(p.scenario);
    const got = { ...r.answers };
    delete got.contact_name;
    delete got.contact_value;
    if (JSON.stringify(Object.entries(got).sort()) !== JSON.stringify(Object.entries(want).sort())) {
      const diff = [...new Set([...Object.keys(got), ...Object.keys(want)])].filter((k) => got[k] !== want[k]);
      problems.push(`${p.scenario.name}: answers differ at ${diff.join(',')}`);
    }
    if (sorted(r.assessment.findings.map((f) => f.code)).join() !== sorted(p.scenario.expect.findings).join()) problems.push(`${p.scenario.name}: stored findings differ`);
  }
  return problems;
}

/**
 * Brings a fresh server to its working size before a memory baseline: one round of `count` whole
 * intakes at once, the same size as the measured run. The first such round loads the recognizers'
 * models and JIT code and grows the heap and the allocator to what that many clients need; the
 * resident size then stays there (measured: +70 MB on the first round of 200 on PostgreSQL, then
 * flat within a few MB over four more rounds). A baseline taken before it would count that
 * one-time growth as a leak. Throws on any failure.
 */
export async function warmUp(url: string, scenarios: readonly Scenario[], count: number): Promise<void> {
  const warm = await runIntakes(url, scenarios, count);
  if (warm.failures.length) throw new Error(`warm-up failed: ${warm.failures.slice(0, 5).join('; ')}`);
}
