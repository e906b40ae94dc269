/**
 * How Puente's process is started (src/config/runtime.ts) is written in three places: the module,
 * `npm start` (scripts/start.sh, which reads it) and the README's production example, which people
 * copy. They must not drift apart.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NODE_FLAGS, RUNTIME_ENV } from '../../src/config/runtime';

const ROOT = path.join(__dirname, '../..');
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

describe('runtime settings', () => {
  it('are glibc malloc variables with numeric values', () => {
    for (const [name, value] of Object.entries(RUNTIME_ENV)) {
      expect(name).toMatch(/^MALLOC_[A-Z_]+$/);
      expect(value).toMatch(/^\d+$/);
    }
  });

  it('reach a process started the way scripts/start.sh starts it', () => {
    // start.sh's own two lines, with a probe instead of the server.
    const script = readFileSync(path.join(ROOT, 'scripts/start.sh'), 'utf8');
    const lines = script.split('\n').filter((l) => l.startsWith('read -r -a'));
    expect(lines).toHaveLength(2);
    const probe = `node "\${node_flags[@]}" -e "process.stdout.write(JSON.stringify({ argv: process.execArgv, env: process.env }))"`;
    const built = path.join(mkdtempSync(path.join(tmpdir(), 'puente-runtime-')), 'runtime.js');
    writeFileSync(built, `module.exports = ${JSON.stringify({ NODE_FLAGS, RUNTIME_ENV })};`);
    const reading = lines.map((l) => l.replace('./dist/src/config/runtime.js', built));
    const out = execFileSync('bash', ['-c', ['set -euo pipefail', ...reading, `exec env "\${runtime_env[@]}" ${probe}`].join('\n')], { encoding: 'utf8' });
    const seen = JSON.parse(out) as { argv: string[]; env: Record<string, string> };
    expect(seen.argv.slice(0, NODE_FLAGS.length)).toEqual([...NODE_FLAGS]);
    for (const [name, value] of Object.entries(RUNTIME_ENV)) expect(seen.env[name]).toBe(value);
  });

  it('are the ones in the README', () => {
    for (const flag of NODE_FLAGS) expect(readme).toContain(`node ${flag} dist/src/main.js`);
    expect(readme).toContain(`export ${Object.entries(RUNTIME_ENV).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  });
});
