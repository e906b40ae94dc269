/**
 * The JSON body reader (src/server/jsonBody.ts) on a real restify server: what reaches `req.body`,
 * and the 413 and 400 answers, including a chunked body that passes the limit mid-stream.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import restify, { type Server } from 'restify';
import { jsonBodies } from '../../src/server/jsonBody';

const LIMIT = 1024;
let server: Server;
let port: number;

beforeAll(async () => {
  server = restify.createServer({ handleUncaughtExceptions: false });
  server.use(jsonBodies(LIMIT));
  const echo = (req: restify.Request, res: restify.Response, next: restify.Next) => {
    res.send(200, { body: req.body === undefined ? '(none)' : req.body });
    next();
  };
  server.post('/echo', echo);
  server.get('/echo', echo);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

interface Answer {
  status: number;
  body: unknown;
  connection: string | undefined;
}

/** One request; `chunks` are written one by one without a Content-Length (chunked). */
function send(method: string, chunks: string[], headers: http.OutgoingHttpHeaders = { 'content-type': 'application/json' }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/echo', method, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined, connection: res.headers.connection }));
    });
    // A server that answers early and closes may reset the rest of the upload: the answer still counts.
    req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' || err.code === 'EPIPE' ? undefined : reject(err)));
    for (const c of chunks) req.write(c);
    req.end();
  });
}

const sized = (body: string, headers: http.OutgoingHttpHeaders = {}) => ({ 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers });

describe('JSON request bodies', () => {
  it('parses a JSON body into req.body', async () => {
    const body = JSON.stringify({ type: 'message', text: 'hola, ¿qué tal?' });
    expect(await send('POST', [body], sized(body))).toMatchObject({ status: 200, body: { body: { type: 'message', text: 'hola, ¿qué tal?' } } });
  });

  it('parses a chunked JSON body, and +json and charset content types', async () => {
    expect(await send('POST', ['{"a":', '1}'])).toMatchObject({ status: 200, body: { body: { a: 1 } } });
    const body = '{"b":2}';
    expect(await send('POST', [body], sized(body, { 'content-type': 'application/vnd.api+json; charset=utf-8' }))).toMatchObject({ body: { body: { b: 2 } } });
  });

  it('leaves req.body undefined for an empty body, a body not declared as JSON, and a GET', async () => {
    expect(await send('POST', [], { 'content-length': 0 })).toMatchObject({ status: 200, body: { body: '(none)' } });
    expect(await send('POST', ['a=1'], { 'content-type': 'application/x-www-form-urlencoded', 'content-length': 3 })).toMatchObject({ body: { body: '(none)' } });
    expect(await send('GET', [], {})).toMatchObject({ status: 200, body: { body: '(none)' } });
  });

  it('answers invalid JSON with 400', async () => {
    const body = '{"type":';
    expect(await send('POST', [body], sized(body))).toMatchObject({ status: 400, body: { error: 'the request body is not valid JSON' } });
  });

  it('refuses a body whose Content-Length is over the limit with 413, before reading it', async () => {
    const body = JSON.stringify({ pad: 'x'.repeat(LIMIT) });
    const answer = await send('POST', [body], sized(body));
    expect(answer).toMatchObject({ status: 413, connection: 'close' });
  });

  it('refuses a chunked body with 413 as soon as it passes the limit', async () => {
    const chunk = `"${'x'.repeat(300)}",`;
    const answer = await send('POST', ['[', chunk, chunk, chunk, chunk, chunk, '"end"]']);
    expect(answer).toMatchObject({ status: 413, connection: 'close' });
  });

  it('accepts a body of exactly the limit', async () => {
    const body = JSON.stringify({ pad: 'x'.repeat(LIMIT - 10) });
    expect(Buffer.byteLength(body)).toBe(LIMIT);
    expect(await send('POST', [body], sized(body))).toMatchObject({ status: 200 });
  });
});
