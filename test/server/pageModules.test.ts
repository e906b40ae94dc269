/** The page script's ES modules, hashed with their import specifiers rewritten (src/server/pageModules.ts). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadPageModules } from '../../src/server/pageModules';
import { defaultWebRoot, loadPageAssets } from '../../src/server/static';

function webRoot(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'puente-modules-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const text = (m: ReturnType<typeof loadPageModules>, name: string) => m.texts.get(name)!.toString('utf8');

describe('the page modules', () => {
  const files = {
    'app.js': "import { a } from './a.js';\nimport {\n  b,\n} from \"./b.js\";\nimport './c.js';\nexport { a as x } from './a.js';\nconst s = 'from ./a.js';\n",
    'a.js': "import { b } from './b.js';\nexport const a = b + 1;\n",
    'b.js': 'export const b = 1;\n',
    'c.js': '/* import nothing from "./nothing.js" */ document.title = "";\n',
  };

  it('rewrites every relative import to the hashed name, hashing each module after its imports', () => {
    const m = loadPageModules(webRoot(files));
    const [a, b, c] = ['a', 'b', 'c'].map((n) => m.imports.find((i) => i.startsWith(`${n}.`))!);
    expect(m.entry).toMatch(/^app\.[0-9a-f]{12}\.js$/);
    expect(m.imports).toEqual([b, a, c]);
    expect(text(m, m.entry)).toBe(
      `import { a } from './${a}';\nimport {\n  b,\n} from "./${b}";\nimport './${c}';\nexport { a as x } from './${a}';\nconst s = 'from ./a.js';\n`,
    );
    expect(text(m, a!)).toBe(`import { b } from './${b}';\nexport const a = b + 1;\n`);
    expect(text(m, b!)).toBe(files['b.js']);
  });

  it('renames every importer when a module changes, and nothing else', () => {
    const before = loadPageModules(webRoot(files));
    const after = loadPageModules(webRoot({ ...files, 'b.js': 'export const b = 2;\n' }));
    const names = (m: typeof before) => Object.fromEntries([...m.imports, m.entry].map((n) => [n.split('.')[0], n]));
    const [was, now] = [names(before), names(after)];
    for (const changed of ['b', 'a', 'app']) expect(now[changed]).not.toBe(was[changed]);
    expect(now['c']).toBe(was['c']);
  });

  it.each([
    ["import { x } from 'lib';", "'lib' is not a plain relative './name.js' specifier"],
    ["import { x } from '../x.js';", "'../x.js' is not a plain relative"],
    ["import { x } from './sub/x.js';", "'./sub/x.js' is not a plain relative"],
    ["import { x } from './x.mjs';", "'./x.mjs' is not a plain relative"],
    ["import { x } from 'https://cdn.example/x.js';", 'is not a plain relative'],
    ["const x = await import('./x.js');", 'dynamic import() is not supported'],
    ["import { x } from './missing.js';", 'web/missing.js: cannot read the page module (imported by web/app.js)'],
    ["import { y } from './y.js';", 'import cycle app.js → y.js → app.js'],
  ])('refuses at start-up: %s', (source, message) => {
    const root = webRoot({ 'app.js': source, 'y.js': "import './app.js';", 'x.js': '' });
    expect(() => loadPageModules(root)).toThrow(message);
  });

  it("serves the real page's modules: the entry preloads every module it imports", () => {
    const assets = loadPageAssets(defaultWebRoot());
    expect(assets.script).toMatch(/^\/webchat\/app\.[0-9a-f]{12}\.js$/);
    expect(assets.modules.map((u) => u.replace(/\.[0-9a-f]{12}\.js$/, '')).sort()).toEqual(['/webchat/session', '/webchat/view']);
    for (const url of [assets.script, ...assets.modules]) {
      const source = assets.files.get(url.slice('/webchat/'.length))!.raw.toString('utf8');
      for (const [, specifier] of source.matchAll(/from '([^']+)'/g)) expect(assets.modules).toContain(`/webchat/${specifier!.slice(2)}`);
    }
  });
});
