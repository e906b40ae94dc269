/**
 * The one HTTP client of the benchmark and the tests: Node's http client on loopback, every request
 * bounded by a timeout. The load generator gives it a keep-alive agent (a socket per conversation in
 * flight); a test's conversation uses a connection per request, so nothing is left open when a test
 * file ends.
 */
import http from 'node:http';

export interface HttpResult {
  status: number;
  body: string;
}

export class HttpError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HttpError';
  }
}

/** What a conversation needs of a client: one request, answered with its status and body. */
export interface Requester {
  request(method: 'GET' | 'POST', path: string, body?: string): Promise<HttpResult>;
}

export interface HttpClientOptions {
  /** Keep-alive sockets to pool; none given: a new connection per request. */
  sockets?: number;
  timeoutMs?: number;
}

export class HttpClient implements Requester {
  readonly host: string;
  readonly port: number;
  private readonly agent: http.Agent | undefined;
  private readonly timeoutMs: number;

  /** `server`: a port on 127.0.0.1, or a base URL such as `http://127.0.0.1:3978`. */
  constructor(server: number | string, options: HttpClientOptions = {}) {
    if (typeof server === 'number') {
      this.host = '127.0.0.1';
      this.port = server;
    } else {
      const url = new URL(server);
      this.host = url.hostname;
      this.port = Number(url.port || 80);
    }
    const { sockets, timeoutMs = 30_000 } = options;
    this.agent = sockets === undefined ? undefined : new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets, scheduling: 'lifo' });
    this.timeoutMs = timeoutMs;
  }

  request(method: 'GET' | 'POST', path: string, body?: string): Promise<HttpResult> {
    return new Promise((resolve, reject) => {
      const headers: http.OutgoingHttpHeaders = body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
      const req = http.request({ host: this.host, port: this.port, method, path, agent: this.agent ?? false, headers }, (res) => {
        res.setEncoding('utf8');
        let text = '';
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', reject);
      });
      req.setTimeout(this.timeoutMs, () => req.destroy(new HttpError(`no answer within ${this.timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent?.destroy();
  }
}
