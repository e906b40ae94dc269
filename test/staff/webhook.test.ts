/**
 * The webhook from the durable outbox, on the real server: a receiver that fails three deliveries,
 * goes down, and comes back while Puente itself restarts gets exactly one signed copy per intake.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningPuente } from '../../src/app';
import { loadConfig } from '../../src/config';
import { backoffMs, signature } from '../../src/staff/webhook';
import { Conversation, startTestServer, textOf, metricsAuth } from '../support/harness';
import { loadScenarios, playScenario } from '../support/scenarios';
import { captureLog as capture } from '../support/logCapture';
import { oneMoreRound, Receiver, until } from '../support/webhookReceiver';

const SECRET = 'webhook-secret-0123456789abcdef0123456789';
const FAST = { timing: { retryBaseMs: 40, retryMaxMs: 200, pollMs: 25 }, random: () => 0.5 };
const scenarios = loadScenarios();
const urgentEn = scenarios.find((s) => s.name === 'detained-hearing-next-week')!;
const calmEs = scenarios.find((s) => s.name === 'casada-ciudadana-sin-inspeccion')!;


const metricsOf = async (p: RunningPuente) => (await fetch(`${p.url}/metrics`, metricsAuth)).text();
const metricValue = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
};

describe('webhook delivery', () => {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((x) => x.close()));
  });
  const serve = async (env: Record<string, string>, log = capture().log) => {
    const p = await startTestServer({ WEBHOOK_SECRET: SECRET, ...env }, { log, webhook: FAST });
    open.push(p);
    return p;
  };

  it('retries through three failures, a receiver outage and a Puente restart, then delivers each intake once, signed', async () => {
    // Three 503s, the third as the receiver goes down; once restarted it accepts.
    const receiver = new Receiver(SECRET, (n) => (n < 3 ? 503 : n === 3 ? { status: 503, thenStop: true } : 200));
    open.push({ close: () => receiver.stop() });
    await receiver.start();
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'puente-webhook-'));
    const env = { DATA_DIR: dataDir, WEBHOOK_URL: receiver.url };
    const first = capture();
    const puente = await serve(env, first.log);

    const firstPlayed = Date.now();
    const played = [];
    for (const s of [urgentEn, calmEs]) played.push({ s, reference: (await playScenario(puente.url, s)).result.reference });

    // Then attempts fail to connect.
    await until(() => receiver.requests.length >= 3, 10_000, 'three failed deliveries');
    await until(async () => metricValue(await metricsOf(puente), 'puente_webhook_failures_total{reason="NETWORK"}') >= 2, 10_000, 'failures while down');
    const metrics = await metricsOf(puente);
    expect(metricValue(metrics, 'puente_webhook_failures_total{reason="HTTP_503"}')).toBe(3);
    expect(metricValue(metrics, 'puente_webhook_pending')).toBe(2);
    // The oldest pending delivery is the first intake: as old as the time since it was sent, no older.
    const oldest = metricValue(metrics, 'puente_webhook_oldest_pending_seconds');
    expect(oldest).toBeGreaterThan(0);
    expect(oldest).toBeLessThanOrEqual((Date.now() - firstPlayed) / 1000 + 1);
    expect(metricValue(metrics, 'puente_errors_total{code="WEBHOOK_FAILED",level="warn"}')).toBeGreaterThanOrEqual(5);
    const failures = first.lines().filter((l) => l.code === 'WEBHOOK_FAILED');
    expect(failures.map((l) => l.reason)).toEqual(expect.arrayContaining(['HTTP_503', 'NETWORK']));
    for (const f of failures) expect(Object.keys(f).sort()).toEqual(['attempt', 'code', 'delivery', 'hostname', 'level', 'msg', 'pid', 'reason', 'retryInSeconds', 'time']);

    // Puente restarts while both deliveries are pending; the receiver comes back on the same address.
    await puente.close();
    open.splice(open.indexOf(puente), 1);
    await receiver.start();
    const again = await serve(env);
    await until(() => receiver.acceptedCount === 2, 10_000, 'two accepted deliveries');
    // Both rows are marked delivered, and one more full round sends nothing again.
    await oneMoreRound(again.webhook!);
    expect(await again.backend!.outboxStats('webhook')).toEqual({ pending: 0, oldestPendingAt: null });
    expect(receiver.acceptedCount).toBe(2);
    expect(receiver.requests.filter((r) => r.status === 200)).toHaveLength(2);
    expect(receiver.requests.every((r) => receiver.verify(r.headers, r.body) || r.status !== 200)).toBe(true);

    for (const { s, reference } of played) {
      const got = [...receiver.accepted.values()].find((a) => (a.payload.record as { reference: string }).reference === reference);
      expect(got).toBeDefined();
      const { payload, headers } = got!;
      expect(headers['x-puente-urgent']).toBe(String(s.expect.urgent));
      expect(headers['x-puente-event']).toBe('intake.finished');
      expect(headers['idempotency-key']).toBe(payload.deliveryId);
      expect(payload.urgent).toBe(s.expect.urgent);
      const record = payload.record as { findings: string[]; language: string; urgent: boolean };
      expect([...record.findings].sort()).toEqual([...s.expect.findings].sort());
      expect(record.language).toBe(s.locale);
      const summary = payload.summary as { text: string; json: { languageName: string } };
      expect(summary.json.languageName).toBe(s.locale === 'es' ? 'Spanish' : 'English');
      expect(summary.text).toContain(`Puente intake ${reference}`);
      // Every attempt of one delivery carried the same idempotency key.
      const keys = new Set(receiver.requests.filter((r) => r.body.includes(reference)).map((r) => r.headers['idempotency-key']));
      expect(keys.size).toBe(1);
    }
    const after = await metricsOf(again);
    expect(metricValue(after, 'puente_webhook_deliveries_total{urgent="true"}')).toBe(1);
    expect(metricValue(after, 'puente_webhook_deliveries_total{urgent="false"}')).toBe(1);
    expect(metricValue(after, 'puente_webhook_pending')).toBe(0);
  });

  it('deletes a delivery not yet sent with the record, and says so in the person’s language', async () => {
    const receiver = new Receiver(SECRET, () => 503);
    open.push({ close: () => receiver.stop() });
    await receiver.start();
    const puente = await serve({ WEBHOOK_URL: receiver.url });
    const { result, conversation } = await playScenario(puente.url, calmEs);
    await until(() => receiver.requests.length >= 1, 10_000, 'a failed attempt');
    const reply = textOf(await conversation.say('borrar'));
    expect(reply).toContain(result.reference);
    expect(reply).toContain('Si el personal');
    expect(reply).not.toContain('ya había llegado');
    expect(await puente.records.get(result.reference)).toBeNull();
    expect(await puente.backend!.outboxStats('webhook')).toEqual({ pending: 0, oldestPendingAt: null });
    receiver.behaviour = () => 200;
    await puente.webhook!.idle();
    const seen = receiver.requests.length;
    await oneMoreRound(puente.webhook!);
    expect(receiver.requests.length).toBe(seen);
    expect(receiver.acceptedCount).toBe(0);
  });

  it('tells the person that a copy already delivered must be deleted by staff', async () => {
    const receiver = new Receiver(SECRET);
    open.push({ close: () => receiver.stop() });
    await receiver.start();
    const puente = await serve({ WEBHOOK_URL: receiver.url });
    const { result, conversation } = await playScenario(puente.url, urgentEn);
    await until(() => receiver.acceptedCount === 1, 10_000, 'the delivery');
    const reply = textOf(await (conversation as Conversation).say('delete'));
    expect(reply).toContain(result.reference);
    expect(reply).toMatch(/already reached the staff/);
    expect(reply).toContain('+1 555-0100');
    expect(await puente.records.get(result.reference)).toBeNull();
  });

  it('logs a rejection (4xx) as an error, does not follow redirects, and times out a receiver that never answers', async () => {
    const receiver = new Receiver(SECRET, (n) => (n === 1 ? 401 : n === 2 ? 'redirect' : n === 3 ? 'hang' : 200));
    open.push({ close: () => receiver.stop() });
    await receiver.start();
    const logs = capture();
    const puente = await startTestServer(
      { WEBHOOK_SECRET: SECRET, WEBHOOK_URL: receiver.url },
      { log: logs.log, webhook: { ...FAST, timing: { ...FAST.timing, timeoutMs: 300 } } },
    );
    open.push(puente);
    await playScenario(puente.url, calmEs);
    await until(() => receiver.acceptedCount === 1, 10_000, 'the delivery after three failures');
    const reasons = logs.lines().filter((l) => l.code === 'WEBHOOK_REJECTED' || l.code === 'WEBHOOK_FAILED').map((l) => [l.code, l.reason]);
    expect(reasons).toEqual([
      ['WEBHOOK_REJECTED', 'HTTP_401'],
      ['WEBHOOK_FAILED', 'HTTP_307'],
      ['WEBHOOK_FAILED', 'TIMEOUT'],
    ]);
    // The redirect was not followed: request 3 is the retry, not the redirect's target.
    expect(receiver.requests).toHaveLength(4);
    expect(logs.raw()).not.toMatch(/Ale|555 010|calmEs|casad/i);
  });
});

describe('webhook signing and retry timing', () => {
  it('signs `${timestamp}.${body}` with HMAC-SHA256 (a vector a receiver can check)', () => {
    // echo -n '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'secret'
    expect(signature('secret', '1700000000', '{"a":1}')).toBe('sha256=49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686');
  });

  it('doubles the delay after each failure, with ±20 % jitter, up to the cap', () => {
    const t = { retryBaseMs: 5_000, retryMaxMs: 3_600_000 };
    expect([1, 2, 3, 4].map((n) => backoffMs(n, t, () => 0.5))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(backoffMs(30, t, () => 0.5)).toBe(3_600_000);
    expect(backoffMs(1, t, () => 0)).toBe(4_000);
    expect(backoffMs(1, t, () => 0.999999)).toBe(6_000);
  });

  it('needs WEBHOOK_URL and WEBHOOK_SECRET together, a long secret, and https in production', () => {
    const base = { DATA_DIR: '/tmp/x' };
    expect(() => loadConfig({ ...base, WEBHOOK_URL: 'https://staff.example.org/hook' })).toThrow(/WEBHOOK_SECRET: WEBHOOK_URL and WEBHOOK_SECRET go together/);
    expect(() => loadConfig({ ...base, WEBHOOK_SECRET: SECRET })).toThrow(/WEBHOOK_URL: /);
    expect(() => loadConfig({ ...base, WEBHOOK_URL: 'https://x.example.org', WEBHOOK_SECRET: 'short' })).toThrow(/at least 32/);
    expect(() => loadConfig({ ...base, WEBHOOK_URL: 'ftp://x.example.org', WEBHOOK_SECRET: SECRET })).toThrow(/http\(s\) URL/);
    const prod = { ...base, NODE_ENV: 'production', ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`, WEBHOOK_SECRET: SECRET };
    expect(() => loadConfig({ ...prod, WEBHOOK_URL: 'http://staff.example.org/hook' })).toThrow(/must use https/);
    expect(loadConfig({ ...prod, WEBHOOK_URL: 'http://127.0.0.1:9000/hook' }).webhook?.url).toBe('http://127.0.0.1:9000/hook');
    expect(loadConfig({ ...prod, WEBHOOK_URL: 'https://staff.example.org/hook' }).webhook).toEqual({ url: 'https://staff.example.org/hook', secret: SECRET, timeoutMs: 10_000 });
  });
});
