/**
 * `GET /metrics` (Prometheus text), on the main listener or on one of its own (METRICS_PORT), with
 * an optional bearer token (METRICS_TOKEN, compared in constant time like the staff token). The
 * counters move with each person's turns, so whoever can read them live could match a change to
 * someone they know is chatting: they are never served openly to the world (see config/env.ts).
 */
import { createServer as createHttpServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bearer, tokenMatches } from '../staff/staffApi';
import type { Logger } from './logger';

export interface MetricsSource {
  render(): Promise<string>;
  readonly contentType: string;
}

export interface MetricsEndpointDeps {
  metrics: MetricsSource;
  /** Bearer token required on every scrape; `undefined`: none. */
  token?: string;
  log: Pick<Logger, 'warn'>;
}

export interface MetricsAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The answer to one scrape: 401 without the right token, 503 when collecting fails. */
export async function answerMetrics(headers: IncomingHttpHeaders, deps: MetricsEndpointDeps): Promise<MetricsAnswer> {
  const json = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };
  if (deps.token !== undefined) {
    const presented = bearer({ headers });
    if (presented === null || !tokenMatches(presented, deps.token)) {
      deps.log.warn({ code: 'METRICS_AUTH_FAILED', presented: presented !== null }, 'metrics: missing or wrong token');
      return { status: 401, headers: { ...json, 'WWW-Authenticate': 'Bearer realm="puente-metrics"' }, body: '{"error":"unauthorized"}' };
    }
  }
  try {
    const body = await deps.metrics.render();
    return { status: 200, headers: { 'Content-Type': deps.metrics.contentType, 'Cache-Control': 'no-store' }, body };
  } catch {
    deps.log.warn({ code: 'METRICS_FAILED' }, 'metrics could not be collected');
    return { status: 503, headers: json, body: '{"status":"unavailable"}' };
  }
}

export interface MetricsListener {
  url: string;
  close(): Promise<void>;
}

/** A listener that serves only `GET /metrics` (every other request: 404). */
export async function listenMetrics(host: string, port: number, deps: MetricsEndpointDeps): Promise<MetricsListener> {
  const server = createHttpServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end('{"error":"not found"}');
      return;
    }
    void answerMetrics(req.headers, deps).then((a) => {
      res.writeHead(a.status, { ...a.headers, 'X-Content-Type-Options': 'nosniff' });
      res.end(a.body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown === '0.0.0.0' ? '127.0.0.1' : shown}:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
