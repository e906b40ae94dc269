/**
 * Dependency hygiene (issue 8): scripts/audit.cjs fails on a high or critical advisory that no
 * decision record explains, passes lower ones and explained ones, reports an unreachable advisory
 * service as not checked, and every dependency is pinned exactly with the lockfile committed.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
// A CommonJS script run by npm; loaded here to test its decisions on fixed reports.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const audit = require('../../scripts/audit.cjs') as {
  assess(report: unknown, exceptions: { id: string; record: string }[]): { checked: boolean; reason?: string; blocking?: { id: string }[]; explained?: { id: string }[]; other?: number };
  unpinned(pkg: object): string[];
  exceptionProblems(exceptions: unknown[], readRecord: (record: string) => string): string[];
  notCheckedFails(reason: string, env: Record<string, string | undefined>): boolean;
};

/** An `npm audit --json` report (auditReportVersion 2) with one advisory. */
const report = (severity: string, id = 'GHSA-abcd-efgh-ijkl') => ({
  auditReportVersion: 2,
  vulnerabilities: {
    'left-pad': { name: 'left-pad', severity, via: [{ source: 1, name: 'left-pad', title: 'Prototype pollution', url: `https://github.com/advisories/${id}`, severity }], effects: ['pino'] },
    pino: { name: 'pino', severity, via: ['left-pad'], effects: [] },
  },
  metadata: {},
});

describe('the audit check', () => {
  it('blocks a new high or critical advisory', () => {
    expect(audit.assess(report('high'), []).blocking).toEqual([expect.objectContaining({ id: 'GHSA-abcd-efgh-ijkl' })]);
    expect(audit.assess(report('critical'), []).blocking).toHaveLength(1);
  });

  it('lets lower advisories and explained ones pass', () => {
    expect(audit.assess(report('moderate'), [])).toEqual({ checked: true, blocking: [], explained: [], other: 1 });
    const explained = audit.assess(report('high'), [{ id: 'GHSA-abcd-efgh-ijkl', record: 'docs/decisions/009-x.md' }]);
    expect(explained.blocking).toEqual([]);
    expect(explained.explained).toHaveLength(1);
  });

  it('reports an unreachable advisory service as not checked', () => {
    const offline = audit.assess({ message: '405 Method Not Allowed - POST …/advisories/bulk', statusCode: 405 }, []);
    expect(offline).toEqual({ checked: false, reason: expect.stringContaining('405') });
    expect(audit.assess(null, []).checked).toBe(false);
  });

  it('fails a run that could not see the advisories with AUDIT_REQUIRED=1, or in CI unless the registry answered 405 (issue 19)', () => {
    const notAllowed = '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk';
    const offline = 'request to https://registry.npmjs.org/-/npm/v1/security/advisories/bulk failed, reason: getaddrinfo ENOTFOUND';
    expect(audit.notCheckedFails(notAllowed, {})).toBe(false);
    expect(audit.notCheckedFails(offline, {})).toBe(false);
    expect(audit.notCheckedFails(notAllowed, { AUDIT_REQUIRED: '1' })).toBe(true);
    expect(audit.notCheckedFails(offline, { CI: 'true' })).toBe(true);
    expect(audit.notCheckedFails(notAllowed, { CI: 'true' })).toBe(false);
  });

  it('refuses an exception without a package, a written reason or a record that names it (issue 19)', () => {
    const record = () => 'GHSA-abcd-efgh-ijkl is explained here';
    const good = { id: 'GHSA-abcd-efgh-ijkl', package: 'left-pad', record: 'r.md', reason: 'x'.repeat(80) };
    expect(audit.exceptionProblems([good], record)).toEqual([]);
    expect(audit.exceptionProblems([{ ...good, reason: 'because' }], record)).toEqual([expect.stringContaining('no written reason')]);
    expect(audit.exceptionProblems([{ ...good, package: '' }], record)).toEqual([expect.stringContaining('no package')]);
    expect(audit.exceptionProblems([good], () => 'another advisory')).toEqual([expect.stringContaining('does not name it')]);
    expect(audit.exceptionProblems([good], () => { throw new Error('ENOENT'); })).toEqual([expect.stringContaining('not found')]);
  });

  it('keeps the reason of the find-my-way exception true: no route has two parameters in one segment', () => {
    const routes: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, name.name);
        if (name.isDirectory()) walk(p);
        else if (p.endsWith('.ts')) routes.push(...[...readFileSync(p, 'utf8').matchAll(/'(\/(?:api|staff|webchat|metrics|healthz|readyz)[^'\s]*)'/g)].map((m) => m[1]!));
      }
    };
    walk(path.join(ROOT, 'src'));
    expect(routes).toContain('/api/staff/intakes/:ref');
    const multi = routes.filter((r) => r.split('/').some((segment) => (segment.match(/:/g) ?? []).length > 1 || /.:/.test(segment)));
    expect(multi).toEqual([]);
    const exceptions = JSON.parse(readFileSync(path.join(ROOT, 'docs/decisions/audit-exceptions.json'), 'utf8')) as { id: string }[];
    expect(exceptions.map((e) => e.id)).toContain('GHSA-rrr8-f88r-h8q6');
  });

  it('finds loose version ranges', () => {
    expect(audit.unpinned({ dependencies: { a: '^1.0.0', b: '1.2.3', c: 'latest' }, devDependencies: { d: '~2.0.0', e: '4.10.2-beta.1' } })).toEqual(['a@^1.0.0', 'c@latest', 'd@~2.0.0']);
  });

  it('holds for this project: exact pins, a committed lockfile, explained exceptions only', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as object;
    expect(audit.unpinned(pkg)).toEqual([]);
    expect(execFileSync('git', ['ls-files', 'package-lock.json'], { cwd: ROOT, encoding: 'utf8' }).trim()).toBe('package-lock.json');
    const exceptions = JSON.parse(readFileSync(path.join(ROOT, 'docs/decisions/audit-exceptions.json'), 'utf8')) as { id: string; record: string; reason: string }[];
    for (const e of exceptions) {
      expect(e.id).toMatch(/^GHSA-/);
      expect(e.reason.length).toBeGreaterThan(20);
      expect(readFileSync(path.join(ROOT, e.record), 'utf8')).toContain(e.id);
    }
  });
});
