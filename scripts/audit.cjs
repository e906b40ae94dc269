// `npm run audit` (also run by `npm test`): dependency hygiene (issue 8, docs/decisions/008-robustness.md).
// - Every dependency in package.json is pinned to an exact version, and package-lock.json is there.
// - `npm audit --omit=dev` has no high or critical advisory, except those explained in
//   docs/decisions/audit-exceptions.json (each names its decision record). A new one fails.
// - When the advisory service cannot be reached (offline, a registry mirror without the audit
//   endpoint), the audit is reported loudly as NOT CHECKED and does not fail: a run that cannot see
//   the advisories has no finding to fail on. AUDIT_REQUIRED=1 makes that a failure too.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const BLOCKING = new Set(['high', 'critical']);

/** Exact versions only: `1.2.3` (no ranges, tags or URLs). */
function unpinned(pkg) {
  const out = [];
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
    for (const [name, spec] of Object.entries(pkg[field] || {})) {
      if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(spec)) out.push(`${name}@${spec}`);
    }
  }
  return out;
}

/**
 * Reads an `npm audit --json` report. Returns { checked: false, reason } when npm could not reach the
 * advisories, else { checked: true, blocking: [...], explained: [...], other: n }.
 */
function assess(report, exceptions) {
  if (!report || typeof report !== 'object' || !report.vulnerabilities || typeof report.vulnerabilities !== 'object') {
    const reason = (report && (report.message || (report.error && (report.error.summary || report.error.code)))) || 'no audit report';
    return { checked: false, reason: String(reason).slice(0, 300) };
  }
  const allowed = new Map(exceptions.map((e) => [e.id, e]));
  const blocking = [];
  const explained = [];
  let other = 0;
  const seen = new Set();
  for (const vuln of Object.values(report.vulnerabilities)) {
    for (const via of vuln.via || []) {
      if (typeof via !== 'object' || via === null) continue; // a dependency name: its own entry lists the advisory
      const id = (/GHSA-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}/i.exec(via.url || '') || [String(via.source)])[0];
      const key = `${id} ${via.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const finding = { id, package: via.name, severity: via.severity, title: via.title, url: via.url };
      if (!BLOCKING.has(via.severity)) other++;
      else if (allowed.has(id)) explained.push({ ...finding, record: allowed.get(id).record });
      else blocking.push(finding);
    }
  }
  return { checked: true, blocking, explained, other };
}

function main() {
  let failed = false;
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const loose = unpinned(pkg);
  if (loose.length) {
    console.error(`audit: dependencies not pinned to an exact version: ${loose.join(', ')} (npm install --save-exact)`);
    failed = true;
  }
  if (!fs.existsSync(path.join(ROOT, 'package-lock.json'))) {
    console.error('audit: package-lock.json is missing; commit it');
    failed = true;
  }
  const exceptions = JSON.parse(fs.readFileSync(path.join(ROOT, 'docs/decisions/audit-exceptions.json'), 'utf8'));
  const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  let report = null;
  try {
    report = JSON.parse(run.stdout || 'null');
  } catch {
    report = { message: (run.stderr || run.error?.message || 'unreadable npm audit output').split('\n')[0] };
  }
  const result = assess(report, exceptions);
  if (!result.checked) {
    console.error('');
    console.error('!!! audit: NOT CHECKED: npm could not reach the advisory database');
    console.error(`!!! audit: ${result.reason}`);
    console.error('!!! audit: run `npm run audit` where the npm registry\'s audit endpoint is reachable.');
    console.error('');
    if (process.env.AUDIT_REQUIRED === '1') failed = true;
  } else {
    for (const f of result.explained) console.log(`audit: ${f.severity} ${f.id} in ${f.package}: explained in ${f.record}`);
    for (const f of result.blocking) console.error(`audit: ${f.severity.toUpperCase()} ${f.id} in ${f.package}: ${f.title} (${f.url})`);
    if (result.blocking.length) {
      console.error('audit: fix these (npm update / a pinned upgrade), or explain each in a decision record and docs/decisions/audit-exceptions.json');
      failed = true;
    } else {
      console.log(`audit: no unexplained high or critical advisory in the production dependencies (${result.other} lower, ${result.explained.length} explained)`);
    }
  }
  return failed ? 1 : 0;
}

module.exports = { assess, unpinned };
if (require.main === module) process.exitCode = main();
