/**
 * The chat page's script as ES modules (issue 23 §5): web/app.js is the entry and imports the other
 * modules under web/ with plain relative specifiers (`import { send } from './session.js'`). Each
 * module is served under a name hashed from its content (`/webchat/session.<hash>.js`, immutable for
 * a year), so the entry's import specifiers must name those hashed files too: at start-up each
 * module's specifiers are rewritten to the hashed names of the modules they import, depth first, so
 * a module is hashed after its imports and its hash covers the rewritten text (a change in any
 * module changes the names of every module that imports it, up to the entry).
 *
 * Only what this rewriting can follow is accepted, else start-up fails with a clear error: static
 * `import … from './name.js'` / `import './name.js'` / `export … from './name.js'` of a plain name in
 * the same folder, no dynamic `import()`, no other specifier (bare, `../`, absolute, URL), no cycle
 * (the hashes of a cycle would depend on each other).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The entry's modules, hashed: names are file names under /webchat/. */
export interface PageModules {
  /** The entry's hashed name (`app.<hash>.js`). */
  entry: string;
  /** Every module the entry imports, directly or not, hashed, each after its own imports. */
  imports: string[];
  /** Each module's rewritten text by hashed name, the entry included. */
  texts: Map<string, Buffer>;
}

/** A static import or re-export at the start of a line: its head, quote and specifier. */
const STATIC_IMPORT = /^([ \t]*(?:import[ \t]*|(?:import|export)\b[^;'"]*?\bfrom\s*))(['"])([^'"\n]*)\2/gm;
const DYNAMIC_IMPORT = /\bimport\s*\(/;
/** The only specifier accepted: a plain module name in the same folder. */
const PLAIN_SPECIFIER = /^\.\/[A-Za-z0-9_-]+\.js$/;

export function hashedName(file: string, content: Buffer | string): string {
  const ext = path.extname(file);
  return `${path.basename(file, ext)}.${createHash('sha256').update(content).digest('hex').slice(0, 12)}${ext}`;
}

/** Reads `entry` (a file name under `webRoot`) and the modules it imports; throws on anything it cannot rewrite. */
export function loadPageModules(webRoot: string, entry = 'app.js'): PageModules {
  const named = new Map<string, string>(); // file → hashed name
  const texts = new Map<string, Buffer>();
  const order: string[] = [];

  const visit = (file: string, chain: readonly string[]): string => {
    const done = named.get(file);
    if (done) return done;
    if (chain.includes(file)) throw new Error(`web/${file}: import cycle ${[...chain, file].join(' → ')}; the page's modules cannot import each other in a cycle (src/server/pageModules.ts)`);
    let source: string;
    try {
      source = readFileSync(path.join(webRoot, file), 'utf8');
    } catch (err) {
      const by = chain.length ? ` (imported by web/${chain[chain.length - 1]})` : '';
      throw new Error(`web/${file}: cannot read the page module${by}: ${(err as Error).message}`);
    }
    if (DYNAMIC_IMPORT.test(source)) throw new Error(`web/${file}: dynamic import() is not supported in the page's modules (src/server/pageModules.ts)`);
    const text = source.replace(STATIC_IMPORT, (_whole, head: string, quote: string, specifier: string) => {
      if (!PLAIN_SPECIFIER.test(specifier)) {
        throw new Error(`web/${file}: import '${specifier}' is not a plain relative './name.js' specifier; the page's modules import only each other (src/server/pageModules.ts)`);
      }
      return `${head}${quote}./${visit(specifier.slice(2), [...chain, file])}${quote}`;
    });
    const name = hashedName(file, text);
    named.set(file, name);
    texts.set(name, Buffer.from(text));
    order.push(name);
    return name;
  };

  const entryName = visit(entry, []);
  return { entry: entryName, imports: order.filter((n) => n !== entryName), texts };
}
