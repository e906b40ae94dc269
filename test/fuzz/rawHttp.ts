/** A bare HTTP client for fuzzing: any bytes, any headers, and a deadline so a hang is a failure. */
import http from 'node:http';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

/** Kept-alive connections, so thousands of requests do not exhaust the loopback's ephemeral ports. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

/** One request; rejects when no complete answer arrives within `timeoutMs`. */
export function rawRequest(base: string, req: RawRequest, timeoutMs = 15_000): Promise<RawResponse> {
  const url = new URL(req.path, base);
  const body = req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body, 'utf8');
  return new Promise((resolve, reject) => {
    const r = http.request(
      url,
      { method: req.method, headers: { ...(body ? { 'content-length': String(body.length) } : {}), ...req.headers }, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    r.setTimeout(timeoutMs, () => r.destroy(new Error(`no answer within ${timeoutMs} ms: ${req.method} ${req.path}`)));
    r.on('error', reject);
    r.end(body);
  });
}

/** Closes the kept-alive connections (end of a test file). */
export function closeRawClients(): void {
  agent.destroy();
}
