/**
 * Request bodies: JSON only, at most `maxBytes`, read into `req.body` before any route runs.
 *
 * Puente reads nothing but JSON (activities, the chat page's token request), so restify's general
 * bodyParser (JSON, forms, multipart, gzip, Content-MD5) is more than it needs, and its reader
 * builds every body through the deprecated `Buffer()` constructor, whose deprecation check alone
 * cost 1% of a turn (docs/decisions/009-performance.md). What stays the same for clients:
 * - a body over the limit is refused with 413 (by its Content-Length before a byte is read, or as
 *   soon as a chunked body passes the limit, and then the connection is closed);
 * - a body that is not valid JSON is refused with 400;
 * - an empty body, or one that is not declared as JSON, leaves `req.body` undefined, so the route's
 *   own zod check answers 400 where a body was needed.
 * The chat page's and the staff pages' HTML forms (application/x-www-form-urlencoded) are read into
 * `req.body` as an object of strings, under the same limit, on the paths `isFormPath` accepts only
 * (the API routes never take a form, so a cross-site form can never pass their shape checks).
 */
import type { Next, Request, Response } from 'restify';

const WITHOUT_BODY = new Set(['GET', 'HEAD', 'OPTIONS']);
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(?:;|$)/i;

export function jsonBodies(maxBytes: number, isFormPath: (path: string) => boolean = () => false) {
  return function readJsonBody(req: Request, res: Response, next: Next): void {
    if (WITHOUT_BODY.has(req.method ?? 'GET')) return next();
    const refuse = (status: 400 | 413, error: string, close: boolean) => {
      if (close) res.setHeader('Connection', 'close');
      res.send(status, { error });
      next(false);
    };
    const declared = req.headers['content-length'];
    if (declared !== undefined && Number(declared) > maxBytes) {
      req.resume();
      return refuse(413, 'request body too large', true);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > maxBytes) {
        settled = true;
        chunks.length = 0;
        return refuse(413, 'request body too large', true);
      }
      chunks.push(chunk);
    });
    req.on('error', () => {
      if (settled) return;
      settled = true;
      next(false);
    });
    req.on('end', () => {
      if (settled) return;
      settled = true;
      const type = req.headers['content-type'] ?? '';
      if (size === 0) return next();
      const text = () => (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)).toString('utf8');
      if (FORM_TYPE.test(type)) {
        if (!isFormPath(req.getPath())) return next();
        req.body = Object.fromEntries(new URLSearchParams(text()));
        return next();
      }
      if (!JSON_TYPE.test(type)) return next();
      try {
        req.body = JSON.parse(text()) as unknown;
      } catch {
        return refuse(400, 'the request body is not valid JSON', false);
      }
      next();
    });
  };
}
