/**
 * The chat page and its assets (design.md §8): `GET /` is web/index.html, `GET /webchat/*` a file
 * under web/, and `/webchat/vendor/webchat.js` Microsoft's Web Chat bundle straight from
 * node_modules. With `staffPage`, the staff dashboard too: `GET /staff` is web/staff/index.html and
 * `GET /staff/*` a file under web/staff/, under a stricter policy (no framing, no inline style).
 * Every path segment must be a plain name (no `..`, no dotfiles, no encoded slashes);
 * the resolved real path must stay inside the web root; only known file types are served.
 */
import { createReadStream, existsSync, type Stats } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Request, Response, Server } from 'restify';

export interface StaticDeps {
  /** Folder holding index.html, app.js, app.css… */
  webRoot: string;
  /** CSP frame-ancestors sources (space-separated origins); `undefined`: 'none'. */
  frameAncestors?: string;
  /** The Web Chat bundle; default: botframework-webchat's dist/webchat.js. */
  vendorWebChat?: string;
  log: { warn(obj: Record<string, unknown>, msg: string): void };
  /** Serve the staff dashboard page (`/staff`, only when the staff token is configured). */
  staffPage?: boolean;
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
const VENDOR_PATH = 'vendor/webchat.js';

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

/** botframework-webchat's full bundle (its package exports do not list dist/, so found from its main file). */
export function webChatBundlePath(): string {
  const root = packageRoot(path.dirname(require.resolve('botframework-webchat')));
  if (!root) throw new Error('botframework-webchat has no package.json');
  return path.join(root, 'dist', 'webchat.js');
}

export function contentSecurityPolicy(frameAncestors?: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors || "'none'"}`,
  ].join('; ');
}

/**
 * The staff dashboard's policy: its own scripts and styles only, data from this origin only, never
 * framed, and no form may submit anywhere (the token form is handled by script, so a failed script
 * can never put the token in a URL).
 */
export function staffContentSecurityPolicy(): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
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

export function registerStaticRoutes(server: Server, deps: StaticDeps): void {
  const root = path.resolve(deps.webRoot);
  const csp = contentSecurityPolicy(deps.frameAncestors);
  let vendor: string | null | undefined = deps.vendorWebChat;

  const staffCsp = staffContentSecurityPolicy();

  const pageHeaders = (res: Response, policy: string) => {
    res.setHeader('Content-Security-Policy', policy);
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    // CSP frame-ancestors governs; X-Frame-Options has no way to list several origins.
    if (deps.frameAncestors && policy === csp) res.removeHeader('X-Frame-Options');
  };

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

  const index = async (req: Request, res: Response) => {
    const file = await inRoot('index.html');
    if (!file) return notFound(res);
    await sendFile(req, res, file, 'no-store');
  };

  const asset = async (req: Request, res: Response) => {
    const rel = safeRelative(String((req.params as Record<string, unknown>)['*'] ?? ''));
    if (!rel) return notFound(res);
    if (rel === VENDOR_PATH) {
      if (vendor === undefined) {
        try {
          vendor = webChatBundlePath();
        } catch {
          deps.log.warn({ code: 'WEBCHAT_BUNDLE_MISSING' }, 'botframework-webchat is not installed');
          vendor = null;
        }
      }
      if (!vendor) return notFound(res);
      // Changes only with the package version; revalidated daily.
      return sendFile(req, res, vendor, 'public, max-age=86400');
    }
    const file = await inRoot(rel);
    if (!file) return notFound(res);
    await sendFile(req, res, file, path.extname(file) === '.html' ? 'no-store' : 'no-cache');
  };

  server.get('/', index);
  server.head('/', index);
  server.get('/webchat/*', asset);
  server.head('/webchat/*', asset);

  if (!deps.staffPage) return;
  const staffIndex = async (req: Request, res: Response) => {
    const file = await inRoot('staff/index.html');
    if (!file) return notFound(res);
    await sendFile(req, res, file, 'no-store', staffCsp);
  };
  const staffAsset = async (req: Request, res: Response) => {
    const rel = safeRelative(String((req.params as Record<string, unknown>)['*'] ?? ''));
    const file = rel ? await inRoot(`staff/${rel}`) : null;
    if (!file) return notFound(res);
    await sendFile(req, res, file, path.extname(file) === '.html' ? 'no-store' : 'no-cache', staffCsp);
  };
  server.get('/staff', staffIndex);
  server.head('/staff', staffIndex);
  server.get('/staff/*', staffAsset);
  server.head('/staff/*', staffAsset);
}
