/**
 * The factor evaluator against intake-spec.md §4: a decision table a lawyer can read (fixtures/*.json),
 * the shared scenarios, and invariants checked over many generated intakes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { intakeAnswersSchema, type IntakeAnswers, type QuestionId } from '../../dialogs/intake/answers';
import { isQuestionId, questionById, questions } from '../../dialogs/intake/questions';
import { evaluate, findingCodes, severities, type Assessment, type FindingCode } from '../../src/evaluator';
import { readIntakeSpec } from '../support/intakeSpec';
import { SCENARIO_DIR } from '../support/scenarios';

const TODAY = new Date('2026-12-05T12:00:00Z');
const codes = (a: Assessment) => a.findings.map((f) => f.code);

// The spec's shorthands, restated here so the tests do not lean on the rules.
const detained = (a: IntakeAnswers) => a.detained === 'yes' || a.detained === 'not_sure';
const redFlag = (a: IntakeAnswers) =>
  a.arrests === 'yes' || a.arrests === 'prefer_not' || a.prior_removal === 'yes' || a.prior_removal === 'not_sure';
// The family paths and the findings that always fire, from the spec's §4 tables.
const spec = readIntakeSpec();
const FAMILY_PATHS = spec.familyPaths as readonly FindingCode[];
const ALWAYS = spec.always as readonly FindingCode[];
/** Findings whose row in §4 names the location outright. */
const NEEDS_LOCATION: Partial<Record<FindingCode, 'in_us' | 'outside_us'>> = {
  ABUSE_SAFETY: 'in_us',
  ABUSE_SAFETY_OUTSIDE: 'outside_us',
  ASYLUM_DEADLINE: 'in_us',
  ASYLUM_LATE: 'in_us',
  SAFETY_RESOURCES: 'in_us',
  SAFETY_RESOURCES_OUTSIDE: 'outside_us',
  ASYLUM_INFO: 'in_us',
  OUTSIDE_US_SAFETY: 'outside_us',
  MARRIAGE_USC_INSPECTED: 'in_us',
  MARRIAGE_USC_EWI: 'in_us',
  MARRIAGE_LPR_IN_STATUS: 'in_us',
  MARRIAGE_LPR_OUT_OF_STATUS: 'in_us',
  OUTSIDE_US_SPOUSE: 'outside_us',
  OUTSIDE_US_PARTNER: 'outside_us',
  FAMILY_TIES: 'in_us',
  NO_CASE_CAUTION: 'in_us',
  LAWFUL_STATUS: 'in_us',
};

// ---- decision table ------------------------------------------------------------------------------

const fixtureDir = path.join(__dirname, 'fixtures');
const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(fixtureDir, file), 'utf8'));

const code = z.enum(findingCodes);
const questionId = z.string().refine(isQuestionId, 'not a question id');
const rowSchema = z
  .object({
    name: z.string().min(1),
    /** A profile of fixtures/profiles.json the row starts from. */
    from: z.string(),
    /** Answers changed from the profile; null means "not asked". */
    answers: z.record(z.string(), z.string().nullable()),
    expect: z
      .object({
        /** The exact findings, in order. */
        findings: z.array(code).optional(),
        include: z.array(code).optional(),
        exclude: z.array(code).optional(),
        urgent: z.boolean().optional(),
        /** The exact `because` of some findings (which must fire). */
        because: z.partialRecord(code, z.array(questionId)).optional(),
      })
      .strict(),
  })
  .strict();
type Row = z.infer<typeof rowSchema> & { file: string; merged: IntakeAnswers };

const profiles = z.record(z.string(), intakeAnswersSchema).parse(readJson('profiles.json'));

function mergeRow(row: z.infer<typeof rowSchema>): IntakeAnswers {
  const base = profiles[row.from];
  if (!base) throw new Error(`${row.name}: unknown profile ${row.from}`);
  const merged: Record<string, unknown> = { ...base };
  for (const [id, value] of Object.entries(row.answers)) {
    if (value === null) delete merged[id];
    else merged[id] = value;
  }
  return intakeAnswersSchema.parse(merged);
}

const tableFiles = ['urgent.json', 'attorney.json', 'information.json', 'v3.json'];
const rows: Row[] = tableFiles.flatMap((file) =>
  z
    .array(rowSchema)
    .parse(readJson(file))
    .map((row) => ({ ...row, file, merged: mergeRow(row) })),
);

/** The questions the intake would ask, given these answers. */
const asked = (a: IntakeAnswers): QuestionId[] => questions.filter((q) => q.when(a)).map((q) => q.id);

describe('decision table (fixtures/*.json)', () => {
  it('has unique row names', () => {
    const names = rows.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(rows.map((r) => [`${r.file}: ${r.name}`, r] as const))('each row is an intake the flow can produce: %s', (_n, row) => {
    expect(Object.keys(row.merged).sort()).toEqual(asked(row.merged).sort());
  });

  it.each(rows.map((r) => [`${r.file}: ${r.name}`, r] as const))('%s', (_n, row) => {
    const result = evaluate(row.merged, TODAY);
    const got = codes(result);
    const { findings, include = [], exclude = [], urgent, because = {} } = row.expect;
    if (findings) expect(got).toEqual(findings);
    expect(got).toEqual(expect.arrayContaining(include));
    for (const c of exclude) expect(got).not.toContain(c);
    if (urgent !== undefined) expect(result.urgent).toBe(urgent);
    for (const [c, ids] of Object.entries(because)) {
      const finding = result.findings.find((f) => f.code === c);
      expect(finding).toBeDefined();
      expect(finding?.because).toEqual(ids);
    }
  });

  /** Rows one answer apart: one question answered differently, plus only the follow-up questions that change with it. */
  function oneAnswerApart(x: IntakeAnswers, y: IntakeAnswers): boolean {
    const ids = [...new Set([...Object.keys(x), ...Object.keys(y)])] as QuestionId[];
    const changed = ids.filter((id) => x[id] !== y[id]);
    const both = changed.filter((id) => x[id] !== undefined && y[id] !== undefined);
    const followUps = changed.filter((id) => x[id] === undefined || y[id] === undefined);
    return both.length === 1 && followUps.every((id) => questionById(id).when(x) !== questionById(id).when(y));
  }
  const asserts = (row: Row, c: FindingCode, fires: boolean) => {
    const { findings, include = [], exclude = [] } = row.expect;
    return fires ? include.includes(c) || findings?.includes(c) === true : exclude.includes(c) || (findings !== undefined && !findings.includes(c));
  };

  it.each(findingCodes.filter((c) => !ALWAYS.includes(c)))(
    '%s: a row where it fires and a row one answer away where it does not',
    (c) => {
      const firing = rows.filter((r) => asserts(r, c, true));
      const silent = rows.filter((r) => asserts(r, c, false));
      expect(firing.length).toBeGreaterThan(0);
      const pair = firing.some((f) => silent.some((s) => oneAnswerApart(f.merged, s.merged)));
      expect(pair).toBe(true);
    },
  );

  it.each(ALWAYS)('%s is asserted present in the table and fires on every row', (c) => {
    expect(rows.some((r) => asserts(r, c, true))).toBe(true);
    for (const row of rows) expect(codes(evaluate(row.merged, TODAY))).toContain(c);
  });
});

// ---- shared scenarios ----------------------------------------------------------------------------

const scenarioSchema = z.object({
  name: z.string(),
  values: z.record(z.string(), z.string()),
  expect: z.object({ findings: z.array(code), urgent: z.boolean(), referral: z.enum(['urgent', 'standard']) }),
});
const scenarioDir = SCENARIO_DIR;
const scenarios = fs
  .readdirSync(scenarioDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => scenarioSchema.parse(JSON.parse(fs.readFileSync(path.join(scenarioDir, f), 'utf8'))));

describe('shared scenarios (../shared/scenarios)', () => {
  it('finds the scenario files', () => {
    expect(scenarios.length).toBeGreaterThan(0);
  });

  it.each(scenarios.map((s) => [s.name, s] as const))('%s gives exactly the expected assessment', (_n, s) => {
    // `review: confirm` is the submit step, not an answer the evaluator reads.
    const { review: _review, ...values } = s.values;
    const answers = intakeAnswersSchema.parse(values);
    const result = evaluate(answers, TODAY);
    expect({ findings: codes(result), urgent: result.urgent, referral: result.referral }).toEqual(s.expect);
  });
});

// ---- invariants ----------------------------------------------------------------------------------

/** mulberry32: a small seeded generator, so a failing case can be replayed. */
function seeded(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
const TEXT_ANSWERS: Partial<Record<QuestionId, string>> = { contact_name: 'Sam', contact_value: 'sam@example.org' };

/**
 * An intake the flow could produce: each question asked when its `when` holds, answered at random.
 * Half of the yes/no answers are "no", so the quieter combinations (no red flag, not detained) that the
 * family paths need come up often enough.
 */
function flowIntake(rand: () => number, start: Record<string, string> = {}): IntakeAnswers {
  const a: Record<string, string> = {};
  for (const q of questions) {
    if (!q.when(a as IntakeAnswers)) continue;
    const kept = start[q.id];
    if (kept !== undefined) a[q.id] = kept;
    else if (q.kind === 'text') a[q.id] = TEXT_ANSWERS[q.id] ?? 'x';
    else a[q.id] = q.values.includes('no') && rand() < 0.5 ? 'no' : pick(rand, q.values);
  }
  if (a.contact_method && a.contact_method !== 'email') a.contact_value = '+1 555 010 2345';
  return intakeAnswersSchema.parse(a);
}

/** A decision-table row with one to three answers changed at random, then walked through the flow again. */
function nearRow(rand: () => number): IntakeAnswers {
  const start: Record<string, string> = { ...(pick(rand, rows).merged as Record<string, string>) };
  const choices = questions.filter((q) => q.kind === 'choice' && start[q.id] !== undefined);
  for (let n = 1 + Math.floor(rand() * 3); n > 0; n--) {
    const q = pick(rand, choices);
    start[q.id] = pick(rand, q.values);
  }
  return flowIntake(rand, start);
}

/** Any subset of choice answers, whatever the flow would ask: partial or inconsistent input. */
function anyAnswers(rand: () => number): IntakeAnswers {
  const a: Record<string, string> = {};
  for (const q of questions) if (q.kind === 'choice' && rand() < 0.5) a[q.id] = pick(rand, q.values);
  return a as IntakeAnswers;
}

const generated: Array<[string, IntakeAnswers]> = [];
{
  const rand = seeded(20261123);
  for (let i = 0; i < 10000; i++) generated.push([`flow #${i}`, flowIntake(rand)]);
  for (let i = 0; i < 4000; i++) generated.push([`any #${i}`, anyAnswers(rand)]);
  for (let i = 0; i < 4000; i++) generated.push([`near #${i}`, nearRow(rand)]);
}

/** Every invariant of §4 for one input; returns the broken ones, so a failure names the case. */
function broken(a: IntakeAnswers): string[] {
  const result = evaluate(a, TODAY);
  const got = codes(result);
  const out: string[] = [];
  const check = (ok: boolean, what: string) => ok || out.push(what);
  const rank = (c: FindingCode) => findingCodes.indexOf(c);
  const sev = result.findings.map((f) => severities.indexOf(f.severity));

  check(new Set(got).size === got.length, 'duplicate codes');
  check(got.every((c, i) => i === 0 || rank(got[i - 1] as FindingCode) < rank(c)), 'not in table order');
  check(sev.every((s, i) => i === 0 || (sev[i - 1] as number) <= s), 'severities not sorted');
  check(got.slice(-2).join() === ALWAYS.join(), 'referral and notario warning not last');
  check(result.urgent === result.findings.some((f) => f.severity === 'urgent'), 'urgent inconsistent');
  check(result.referral === (result.urgent ? 'urgent' : 'standard'), 'referral inconsistent');
  if (redFlag(a) || detained(a)) check(!got.some((c) => FAMILY_PATHS.includes(c)), 'family path despite red flag/detention');
  if (got.includes('PATHS_NEED_REVIEW')) check(redFlag(a) && !detained(a), 'PATHS_NEED_REVIEW without red flag or when detained');
  check(!(got.includes('ASYLUM_LATE') && got.includes('ASYLUM_DEADLINE')), 'both asylum findings');
  if (a.fear === 'yes' && a.location === 'in_us') check(got.includes('ASYLUM_LATE') || got.includes('ASYLUM_DEADLINE'), 'fear without an asylum finding');
  if (a.fear === 'yes' && a.location === 'outside_us') check(got.includes('OUTSIDE_US_SAFETY'), 'fear abroad without the safety finding');
  check(!(got.includes('ABUSE_SAFETY') && got.includes('ABUSE_SAFETY_OUTSIDE')), 'both abuse safety findings');
  for (const f of result.findings) check(f.paragraphs.length > 0 && f.paragraphs.every((k) => /^[A-Z_]+\.[A-Za-z]+$|^shared\.[A-Za-z]+$/.test(k)), `${f.code} paragraph keys`);
  for (const f of result.findings) {
    const where = NEEDS_LOCATION[f.code];
    if (where) check(a.location === where, `${f.code} without location = ${where}`);
    check(f.because.every((id) => a[id] !== undefined), `${f.code} because names an unanswered question`);
    check(new Set(f.because).size === f.because.length, `${f.code} because has duplicates`);
  }
  // PATHS_NEED_REVIEW stands in exactly when a family path would fire without the red flag.
  if (redFlag(a) && !detained(a)) {
    const clean: IntakeAnswers = { ...a };
    if (clean.arrests !== undefined) clean.arrests = 'no';
    if (clean.prior_removal !== undefined) clean.prior_removal = 'no';
    const wouldFire = codes(evaluate(clean, TODAY)).some((c) => FAMILY_PATHS.includes(c));
    check(got.includes('PATHS_NEED_REVIEW') === wouldFire, 'PATHS_NEED_REVIEW does not match the family paths left out');
  }
  return out;
}

describe('invariants', () => {
  it('hold for 18000 generated intakes (flow-shaped, near the table rows, and arbitrary)', () => {
    const failures = generated
      .map(([name, a]) => ({ name, a, broken: broken(a) }))
      .filter((f) => f.broken.length > 0)
      .slice(0, 3);
    expect(failures).toEqual([]);
  });

  it('the generated intakes reach every finding code', () => {
    const seen = new Set(generated.flatMap(([, a]) => codes(evaluate(a, TODAY))));
    expect([...findingCodes].filter((c) => !seen.has(c))).toEqual([]);
  });

  it('an empty intake gives only the referral and the notario warning', () => {
    expect(evaluate({}, TODAY)).toEqual({
      findings: [
        { code: 'ATTORNEY_REFERRAL', severity: 'info', because: [], sources: ['S12', 'S14'], paragraphs: ['ATTORNEY_REFERRAL.body'] },
        { code: 'NOTARIO_WARNING', severity: 'info', because: [], sources: ['S14'], paragraphs: ['NOTARIO_WARNING.body'] },
      ],
      urgent: false,
      referral: 'standard',
    });
  });
});

describe('purity', () => {
  const sample = generated.filter(([name]) => name.startsWith('flow')).slice(0, 200);

  it('gives the same output for the same input and does not touch the input or the date', () => {
    for (const [, a] of sample) {
      const before = structuredClone(a);
      const today = new Date(TODAY);
      const frozen = Object.freeze({ ...a });
      const first = evaluate(frozen, today);
      expect(evaluate(frozen, today)).toEqual(first);
      expect(frozen).toEqual(before);
      expect(today.getTime()).toBe(TODAY.getTime());
    }
  });

  it('does not read the clock', () => {
    const now = jest.spyOn(Date, 'now');
    try {
      for (const [, a] of sample) evaluate(a, TODAY);
      expect(now).not.toHaveBeenCalled();
    } finally {
      now.mockRestore();
    }
  });

  it('returns fresh arrays: changing one result does not change the next', () => {
    const a = profiles.in_us_married_usc_overstay as IntakeAnswers;
    const first = evaluate(a, TODAY);
    const copy = structuredClone(first);
    for (const f of first.findings) {
      f.because.push('language');
      f.sources.push('seeds');
    }
    first.findings.length = 0;
    expect(evaluate(a, TODAY)).toEqual(copy);
  });
});
