/**
 * The rule data against the tables of intake-spec.md §4, read from the spec itself
 * (test/support/intakeSpec.ts): codes, their order, severities, family paths and sources. Nothing is
 * copied here, so a change to the spec or to the rules shows up as a difference between the two.
 */
import { findingCodes } from '../../src/evaluator';
import { CONTENT_REVIEWED, rules } from '../../src/evaluator/rules';
import { sourceKeys, sources } from '../../src/evaluator/sources';
import { readIntakeSpec } from '../support/intakeSpec';

const spec = readIntakeSpec();

describe('rule table', () => {
  it('has one rule per finding code, in the order of the spec tables', () => {
    expect([...findingCodes]).toEqual(spec.findings.map((f) => f.code));
    expect(rules.map((r) => r.code)).toEqual([...findingCodes]);
  });

  it('gives 4.1 urgent, 4.2 attorney and 4.3 info severity', () => {
    expect(rules.map((r) => [r.code, r.severity])).toEqual(spec.findings.map((f) => [f.code, f.severity]));
  });

  it('marks exactly the family-based paths that a red flag or detention leaves out, and PATHS_NEED_REVIEW stands in for them', () => {
    expect(rules.filter((r) => r.familyPath === true).map((r) => r.code)).toEqual(spec.familyPaths);
    expect(rules.filter((r) => r.familyPathStandIn === true).map((r) => r.code)).toEqual(['PATHS_NEED_REVIEW']);
  });

  it('ends with the findings the spec says always fire', () => {
    expect(spec.always.length).toBeGreaterThan(0);
    expect(findingCodes.slice(-spec.always.length)).toEqual(spec.always);
  });

  it.each(spec.findings.map((f) => [f.code, f] as const))('%s cites the sources of its table row', (code, f) => {
    expect(rules.find((r) => r.code === code)?.sources).toEqual(f.sources);
  });
});

describe('rules as dated data', () => {
  it('every rule carries the day it was reviewed, and every source key it cites has a citation, a date and a link', () => {
    for (const r of rules) {
      expect(r.reviewed).toBe(CONTENT_REVIEWED);
      for (const key of r.sources) {
        const source = sources[key];
        expect(source.citation.length).toBeGreaterThan(10);
        expect(source.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(source.link).toMatch(/^https:\/\//);
      }
    }
  });

  it('reviews the rules on the day the spec says the content was reviewed', () => {
    expect(CONTENT_REVIEWED).toBe(spec.reviewed);
  });

  it('knows exactly the source keys of spec §5, in order', () => {
    expect(sourceKeys).toEqual(spec.sourceKeys);
  });
});
