/** Every dated statement of the content rests on a dated source key (intake-spec §1, §5; issue: rules as dated data). */
import { datedStatements, formatDatedStatements } from '../../src/content';
import { sources } from '../../src/evaluator';
import { realCatalog } from '../support/contentTools';

const dated = datedStatements(realCatalog());

describe('dated statements', () => {
  it('finds the dated sentences in both languages', () => {
    expect(dated.filter((d) => d.lang === 'en').length).toBeGreaterThan(20);
    expect(dated.filter((d) => d.lang === 'es').length).toBeGreaterThan(20);
  });

  it('each rests on at least one source key', () => {
    expect(dated.filter((d) => d.sources.length === 0).map((d) => `${d.lang} ${d.id}: ${d.sentence}`)).toEqual([]);
  });

  it('names keys that exist, each with a date, and lists them in the report', () => {
    for (const d of dated) for (const key of d.sources) expect(sources[key].date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const report = formatDatedStatements(dated).join('\n');
    expect(report).toContain('S16 (2026-01-21');
    expect(report).not.toContain('NO SOURCE');
  });
});
