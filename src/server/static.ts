/**
 * The chat page's assets (design.md §8): `GET /webchat/*` a file under web/. The page's script (the
 * ES modules web/app.js imports, see pageModules.ts) and style (web/app.css) are read once at
 * start-up, named by a hash of their content (`/webchat/app.<hash>.js`, `/webchat/session.<hash>.js`…,
 * `/webchat/app.<hash>.css`), compressed once with brotli and gzip (node:zlib, best quality) and
 * served from memory by Accept-Encoding with a one-year immutable lifetime; the page itself
 * (src/channels/webPage.ts) links them by those names. Every path segment must be a plain name
 * (no `..`, no dotfiles, no encoded slashes); the resolved real path must stay inside the web root;
 * only known file types are served. (The staff pages are rendered by src/staff/inbox.ts, with their
 * stylesheet inlined.)
 */
import { createReadStream, existsSync, readFileSync, type Stats } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { Request, Response, Server } from 'restify';
import { hashedName, loadPageModules } from './pageModules';

export interface StaticDeps {
  /** Folder holding index.html, app.js, app.css… */
  webRoot: string;
  /** CSP frame-ancestors sources (space-separated origins); `undefined`: 'none'. */
  frameAncestors?: string;
  log: { warn(obj: Record<string, unknown>, msg: string): void };
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

/** A plain file or folder name: starts with a letter, digit, `_` or `-` (so never `.` or `..`). */
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;

/**
 * The first folder at or above `from` that holds a package.json (works from src/ and dist/src/), or
 * `undefined` when there is none (code compiled to a folder outside the package).
 */
export function packageRoot(from: string = __dirname): string | undefined {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The default web root: `web/` of the package this code belongs to, else of the working folder. */
export function defaultWebRoot(from: string = __dirname, cwd: string = process.cwd()): string {
  return path.join(packageRoot(from) ?? cwd, 'web');
}

/** A response body in each encoding the server keeps. */
export interface Encoded {
  type: string;
  raw: Buffer;
  br: Buffer;
  gzip: Buffer;
}

/** The page's hashed assets: their URLs, and the bodies by file name. */
export interface PageAssets {
  /** The entry module (web/app.js). */
  script: string;
  /** Every module the entry imports, directly or not: the page preloads them. */
  modules: string[];
  style: string;
  files: Map<string, Encoded>;
}

/** brotli and gzip at their best settings: done once per asset, never per request. */
export function precompress(raw: Buffer, type: string): Encoded {
  return {
    type,
    raw,
    br: brotliCompressSync(raw, {
      params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY, [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length },
    }),
    gzip: gzipSync(raw, { level: 9 }),
  };
}

/** A quick compression for a body made per request (the page): brotli at quality 5. */
export function compressNow(raw: Buffer, encoding: 'br' | 'gzip'): Buffer {
  return encoding === 'br'
    ? brotliCompressSync(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length } })
    : gzipSync(raw, { level: 6 });
}

/** The best encoding the client accepts: brotli, then gzip, else none (q=0 refuses one). */
export function chooseEncoding(acceptEncoding: string | string[] | undefined): 'br' | 'gzip' | null {
  const accepted = new Map<string, number>();
  for (const part of String(acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
    accepted.set(name, q ? Number(q[1]) : 1);
  }
  const ok = (name: string) => (accepted.get(name) ?? (accepted.has('*') ? accepted.get('*')! : 0)) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return null;
}

/** Reads, hashes and compresses web/app.js with the modules it imports, and web/app.css. Throws on a module it cannot serve. */
export function loadPageAssets(webRoot: string): PageAssets {
  const files = new Map<string, Encoded>();
  const modules = loadPageModules(webRoot, 'app.js');
  for (const [name, text] of modules.texts) files.set(name, precompress(text, CONTENT_TYPES['.js']!));
  const css = readFileSync(path.join(webRoot, 'app.css'));
  const style = hashedName('app.css', css);
  files.set(style, precompress(css, CONTENT_TYPES['.css']!));
  return { script: `/webchat/${modules.entry}`, modules: modules.imports.map((n) => `/webchat/${n}`), style: `/webchat/${style}`, files };
}

/**
 * The chat page's policy. `exitUrl`: the quick exit's neutral site, whose origin the forms may reach
 * (browsers apply form-action to the redirect of the no-JavaScript quick exit too).
 */
export function contentSecurityPolicy(frameAncestors?: string, exitUrl?: string): string {
  let exitOrigin = '';
  try {
    if (exitUrl && /^https?:$/.test(new URL(exitUrl).protocol)) exitOrigin = ` ${new URL(exitUrl).origin}`;
  } catch {
    exitOrigin = '';
  }
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    `form-action 'self'${exitOrigin}`,
    `frame-ancestors ${frameAncestors || "'none'"}`,
  ].join('; ');
}

/** The headers of every page and asset: `frameAncestors` when the policy lets other sites frame it. */
export function setPageHeaders(res: Response, policy: string, frameAncestors?: string): void {
  res.setHeader('Content-Security-Policy', policy);
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  // CSP frame-ancestors governs; X-Frame-Options has no way to list several origins.
  if (frameAncestors) res.removeHeader('X-Frame-Options');
}

/**
 * The relative path under the web root for a decoded wildcard, or null when any segment is not a
 * plain name. (restify decodes the wildcard, so `%2e%2e` and `%2f` arrive as `..` and `/`.)
 */
export function safeRelative(wildcard: string): string | null {
  const segments = wildcard.split('/');
  if (segments.length > 8 || !segments.every((s) => SEGMENT.test(s))) return null;
  return segments.join('/');
}

export function registerStaticRoutes(server: Server, deps: StaticDeps): PageAssets {
  const root = path.resolve(deps.webRoot);
  const csp = contentSecurityPolicy(deps.frameAncestors);
  const assets = loadPageAssets(root);

  const pageHeaders = (res: Response, policy: string) => setPageHeaders(res, policy, policy === csp ? deps.frameAncestors : undefined);

  const notFound = (res: Response) => {
    res.send(404, { error: 'not found' });
  };

  /** Sends a file that is known to exist, or 404 when it vanished or is not a regular file. */
  const sendFile = async (req: Request, res: Response, file: string, cacheControl: string, policy = csp) => {
    let info: Stats;
    try {
      info = await stat(file);
    } catch {
      return notFound(res);
    }
    const type = CONTENT_TYPES[path.extname(file).toLowerCase()];
    if (!info.isFile() || !type) return notFound(res);
    pageHeaders(res, policy);
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Length', String(info.size));
    res.setHeader('Cache-Control', cacheControl);
    res.setHeader('Last-Modified', info.mtime.toUTCString());
    res.writeHead(200);
    if (req.method === 'HEAD') return void res.end();
    try {
      await pipeline(createReadStream(file), res);
    } catch {
      res.destroy();
    }
  };

  /**
   * A hashed script or style sheet kept in memory, in the best encoding the client accepts. It is
   * never a document, so the page's policy headers (CSP, Permissions-Policy, COOP: a few hundred bytes
   * on each of the page's first-visit requests) would do nothing on it; `nosniff`, which does, comes
   * with every response (server/app.ts).
   */
  const sendEncoded = (req: Request, res: Response, body: Encoded, cacheControl: string) => {
    const encoding = chooseEncoding(req.headers['accept-encoding']);
    const bytes = encoding ? body[encoding] : body.raw;
    res.setHeader('Content-Type', body.type);
    res.setHeader('Content-Length', String(bytes.length));
    res.setHeader('Cache-Control', cacheControl);
    res.setHeader('Vary', 'Accept-Encoding');
    if (encoding) res.setHeader('Content-Encoding', encoding);
    res.writeHead(200);
    res.end(req.method === 'HEAD' ? undefined : bytes);
  };

  /** The real path of `rel` under the web root, or null when it does not exist or leaves the root. */
  const inRoot = async (rel: string): Promise<string | null> => {
    try {
      const [realRoot, real] = await Promise.all([realpath(root), realpath(path.join(root, rel))]);
      const back = path.relative(realRoot, real);
      return back && !back.startsWith('..') && !path.isAbsolute(back) ? real : null;
    } catch {
      return null;
    }
  };

  const asset = async (req: Request, res: Response) => {
    const rel = safeRelative(String((req.params as Record<string, unknown>)['*'] ?? ''));
    if (!rel) return notFound(res);
    const hashed = assets.files.get(rel);
    if (hashed) return sendEncoded(req, res, hashed, 'public, max-age=31536000, immutable');
    const file = await inRoot(rel);
    if (!file) return notFound(res);
    await sendFile(req, res, file, path.extname(file) === '.html' ? 'no-store' : 'no-cache');
  };

  server.get('/webchat/*', asset);
  server.head('/webchat/*', asset);

  return assets;
}
