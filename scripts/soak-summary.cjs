// Prints the soak summary (test-artifacts/soak/*.json, written by test/soak) and exits 1 when a part
// failed or is missing: cases tried, failures (must be 0), memory before/after.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const EXPECTED = ['endpoints', 'understand', 'load-sqlite', 'load-postgres', 'crash-sqlite', 'crash-postgres'];

function main(dir) {
  const parts = new Map();
  if (fs.existsSync(dir)) {
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
      const part = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
      parts.set(part.name, part);
    }
  }
  const rows = [['part', 'cases', 'failures', 'memory before (RSS/heap/external MB)', 'memory after (RSS/heap/external MB)', 'seconds']];
  let bad = 0;
  for (const name of EXPECTED) {
    const p = parts.get(name);
    if (!p) {
      rows.push([name, '-', 'MISSING', '-', '-', '-']);
      bad++;
      continue;
    }
    if (p.failures !== 0) bad++;
    const mem = (m) => (m ? `${m.rss} / ${m.heap}${m.external === undefined ? '' : ` / ${m.external}`}` : 'n/a (child processes)');
    rows.push([name, String(p.cases), String(p.failures), mem(p.memoryMB && p.memoryMB.before), mem(p.memoryMB && p.memoryMB.after), String(Math.round(p.seconds))]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  console.log('\n== soak summary');
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  '));
  console.log('(memory: load parts read the server process after forced collections and 10 s idle, checked < 50 MB growth;');
  console.log(' endpoints and understand read the test process itself, server and harness together: for information)');
  const total = [...parts.values()].reduce((n, p) => n + p.cases, 0);
  const failures = [...parts.values()].reduce((n, p) => n + p.failures, 0);
  console.log(`\ncases tried: ${total}   failures: ${failures}${bad ? `   parts failed or missing: ${bad}` : ''}`);
  for (const p of parts.values()) {
    if (p.details) console.log(`${p.name}: ${JSON.stringify(p.details)}`);
    for (const l of p.failureLines || []) console.log(`  FAIL ${p.name}: ${l}`);
  }
  return bad === 0 ? 0 : 1;
}

process.exitCode = main(process.argv[2] || 'test-artifacts/soak');
