/**
 * Urgent alerts by e-mail (issue 21), sent to a real SMTP server on loopback: one e-mail per urgent
 * intake, to every ALERT_EMAILS address, with the reference and the inbox link and nothing else from
 * the record; none for other intakes; retried through an outage, refusals and a restart, and never
 * sent for a record deleted first.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningPuente } from '../../src/app';
import type { AlertConfig } from '../../src/config';
import { createTexts } from '../../src/i18n';
import { AlertSender, alertLink, alertMessageId, type AlertTiming } from '../../src/staff/alerts';
import { MemoryBackend, SealedRecordStore, SealedSessionStore, type IntakeRecord } from '../../src/storage';
import { testCipher } from '../support/cipher';
import { metricsAuth, startTestServer } from '../support/harness';
import { memoryStores } from '../support/memoryStores';
import { loadScenarios, playScenario } from '../support/scenarios';
import { Mailbox, parseMail, SMTP_USER } from '../support/smtpMailbox';
import { captureLog as capture } from '../support/logCapture';
import { oneMoreRound, Receiver, until } from '../support/webhookReceiver';

const TO = ['intake-lead@example.org', 'on-call@example.org'];
const PUBLIC_URL = 'https://intake.example.org';
const FAST: Partial<AlertTiming> = { retryBaseMs: 40, retryMaxMs: 200, pollMs: 25, timeoutMs: 5_000 };
const en = createTexts().translator('en');
const scenarios = loadScenarios();
/** Urgent, with a contact name and e-mail; and a calm one with a phone number. */
const urgentScenario = scenarios.find((s) => s.name === 'abused-spouse-of-citizen')!;
const calmScenario = scenarios.find((s) => s.name === 'casada-ciudadana-sin-inspeccion')!;


/** Everything in a record that must never reach an e-mail: answer values, finding codes, contact details. */
function secretsOf(record: IntakeRecord): RegExp[] {
  const values = [
    ...Object.values(record.answers).filter((v) => v.length >= 4 || v.includes('_')),
    ...record.assessment.findings.map((f) => f.code),
    ...(record.contact ? [record.contact.name, record.contact.value] : []),
  ];
  return [...new Set(values)].map((v) => new RegExp(`\\b${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i'));
}

describe('urgent alerts by e-mail', () => {
  /** Records saved by intakes finished over HTTP, as the bot builds them. */
  let urgent: IntakeRecord;
  let calm: IntakeRecord;
  const open: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    const stores = memoryStores();
    const puente = await startTestServer({}, { sessions: stores.sessions, records: stores.records });
    try {
      for (const s of [urgentScenario, calmScenario]) {
        const { result } = await playScenario(puente.url, s);
        const record = (await stores.records.get(result.reference))!;
        if (s === urgentScenario) urgent = record;
        else calm = record;
      }
    } finally {
      await puente.close();
    }
    expect(urgent.assessment.urgent).toBe(true);
    expect(urgent.contact?.value).toBe('sam@example.org');
    expect(calm.assessment.urgent).toBe(false);
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((x) => x.close()));
  });

  const mailbox = async (behaviour?: (n: number) => number) => {
    const m = new Mailbox(behaviour);
    await m.start();
    open.push({ close: () => m.stop() });
    return m;
  };

  /** A memory backend with sealed records that queue a webhook row for every record and an alert row for urgent ones. */
  const store = (backend = new MemoryBackend()) => ({
    backend,
    records: new SealedRecordStore(backend, testCipher(), { outbox: { holdMs: 0, webhook: true, alerts: true } }),
  });

  const sender = (backend: MemoryBackend, records: SealedRecordStore, smtpUrl: string, log = capture().log) => {
    const config: AlertConfig = { smtpUrl, to: TO, from: 'Puente <puente@intake.example.org>', publicUrl: PUBLIC_URL };
    const s = new AlertSender({ config, outbox: backend, records, en, log, timing: FAST, random: () => 0.5 });
    open.push({ close: () => s.stop() });
    return s;
  };

  it('sends one e-mail to every address with the reference and the inbox link, and nothing else from the record', async () => {
    const box = await mailbox();
    const { backend, records } = store();
    await records.save(urgent);
    const logs = capture();
    const alerts = sender(backend, records, box.url, logs.log);
    alerts.start();
    await until(() => box.messages.length === 1, 10_000, 'the alert');
    // One more full round once the row is marked sent: nothing is sent again.
    await oneMoreRound(alerts);
    expect(box.messages).toHaveLength(1);

    const [message] = box.messages;
    expect(message!.envelope).toEqual({ from: 'puente@intake.example.org', to: TO });
    // smtp:// upgraded with STARTTLS (offered by this server) and logged in with the URL's credentials.
    expect(message!.secure).toBe(true);
    expect(message!.user).toBe(SMTP_USER);

    const { reference } = urgent;
    const link = `${PUBLIC_URL}/staff/intakes/${reference}`;
    expect(alertLink(PUBLIC_URL, reference)).toBe(link);
    const mail = parseMail(message!.raw);
    expect(mail.headers.from).toBe('Puente <puente@intake.example.org>');
    expect(mail.headers.to).toBe(TO.join(', '));
    expect(mail.headers.subject).toBe(`Urgent intake ${reference} in Puente`);
    expect(mail.headers['auto-submitted']).toBe('auto-generated');
    expect(mail.headers['message-id']).toMatch(/^<alert\.[0-9a-f-]{36}@intake\.example\.org>$/);
    expect(mail.text).toBe(en.t('staff:alert.text', { reference, link }));
    expect(mail.text).toContain(link);

    // The whole message, headers included: no answer, finding code or contact detail.
    const secrets = secretsOf(urgent);
    expect(secrets.length).toBeGreaterThan(10);
    for (const secret of secrets) expect(secret.test(JSON.stringify(urgent))).toBe(true);
    for (const secret of secrets) expect({ secret: String(secret), found: secret.test(message!.raw) }).toEqual({ secret: String(secret), found: false });

    // The webhook's row is left for the webhook; the alert's is done.
    expect(await backend.outboxStats('alert')).toEqual({ pending: 0, oldestPendingAt: null });
    expect((await backend.outboxStats('webhook')).pending).toBe(1);
    const sent = logs.lines().filter((l) => l.code === 'ALERT_SENT');
    expect(sent).toHaveLength(1);
    expect(mail.headers['message-id']).toBe(alertMessageId(String(sent[0]!.delivery), PUBLIC_URL));
    for (const address of TO) expect(logs.raw()).not.toContain(address);
    expect(logs.raw()).not.toContain(reference);
  });

  it('sends nothing for an intake that is not urgent', async () => {
    const box = await mailbox();
    const { backend, records } = store();
    await records.save(calm);
    const alerts = sender(backend, records, box.url);
    alerts.start();
    await oneMoreRound(alerts);
    expect(box.messages).toHaveLength(0);
    expect(await backend.outboxStats('alert')).toEqual({ pending: 0, oldestPendingAt: null });
    expect((await backend.outboxStats('webhook')).pending).toBe(1);
  });

  it('retries while the SMTP server is down and sends once when it is back', async () => {
    const box = await mailbox();
    await box.stop();
    const { backend, records } = store();
    await records.save(urgent);
    const logs = capture();
    const alerts = sender(backend, records, box.url, logs.log);
    alerts.start();
    await until(() => logs.lines().filter((l) => l.code === 'ALERT_FAILED').length >= 2, 10_000, 'failures while down');
    const failures = logs.lines().filter((l) => l.code === 'ALERT_FAILED');
    expect(failures.every((l) => l.reason === 'NETWORK' && l.level === 40)).toBe(true);
    for (const f of failures) expect(Object.keys(f).sort()).toEqual(['attempt', 'code', 'delivery', 'hostname', 'level', 'msg', 'pid', 'reason', 'retryInSeconds', 'time']);

    await box.start();
    await until(() => box.messages.length === 1, 10_000, 'the alert once the server is back');
    await oneMoreRound(alerts);
    expect(box.messages).toHaveLength(1);
    expect(parseMail(box.messages[0]!.raw).headers.subject).toContain(urgent.reference);
    expect(logs.lines().filter((l) => l.code === 'ALERT_SENT')).toHaveLength(1);
  });

  it('logs a 5xx refusal as an error and a 4xx as a warning, retries with the same Message-ID, and sends once', async () => {
    const box = await mailbox((n) => (n === 1 ? 451 : n === 2 ? 550 : 250));
    const { backend, records } = store();
    await records.save(urgent);
    const logs = capture();
    const alerts = sender(backend, records, box.url, logs.log);
    alerts.start();
    await until(() => box.accepted.length === 1, 10_000, 'the alert after two refusals');
    await oneMoreRound(alerts);
    expect(box.messages.map((m) => m.status)).toEqual([451, 550, 250]);
    const ids = new Set(box.messages.map((m) => parseMail(m.raw).headers['message-id']));
    expect(ids.size).toBe(1);
    const outcomes = logs.lines().filter((l) => String(l.code).startsWith('ALERT_')).map((l) => [l.code, l.reason ?? null, l.level]);
    expect(outcomes).toEqual([
      ['ALERT_FAILED', 'SMTP_451', 40],
      ['ALERT_REJECTED', 'SMTP_550', 50],
      ['ALERT_SENT', null, 30],
    ]);
    // The server's reply text names the refusal; the log keeps the code only.
    expect(logs.raw()).not.toMatch(/refused \(/);
  });

  it('sends nothing for a record deleted before its alert went out, or right after the sender claimed it', async () => {
    const box = await mailbox();
    const before = store();
    await before.records.save(urgent);
    await before.records.delete(urgent.reference);
    const first = sender(before.backend, before.records, box.url);
    first.start();
    await first.idle();

    // Staff delete the record between the claim and the attempt.
    class DeletedOnClaim extends MemoryBackend {
      override async claimDeliveries(...args: Parameters<MemoryBackend['claimDeliveries']>) {
        const rows = await super.claimDeliveries(...args);
        for (const row of rows) await this.deleteRecord(row.reference);
        return rows;
      }
    }
    const during = store(new DeletedOnClaim());
    await during.records.save(urgent);
    const logs = capture();
    const second = sender(during.backend, during.records, box.url, logs.log);
    second.start();
    await until(() => logs.lines().some((l) => l.code === 'ALERT_RECORD_GONE'), 10_000, 'the record gone');
    await oneMoreRound(second);
    expect(box.messages).toHaveLength(0);
    expect(logs.lines().filter((l) => l.code === 'ALERT_RECORD_GONE').map((l) => Object.keys(l).sort())).toEqual([['code', 'delivery', 'hostname', 'level', 'msg', 'pid', 'time']]);
  });

  it('leaves a pending alert to the next sender over the same store (a restart)', async () => {
    const box = await mailbox();
    await box.stop();
    const { backend, records } = store();
    await records.save(urgent);
    const logs = capture();
    const before = sender(backend, records, box.url, logs.log);
    before.start();
    await until(() => logs.lines().some((l) => l.code === 'ALERT_FAILED'), 10_000, 'a failed attempt');
    await before.stop();
    expect((await backend.outboxStats('alert')).pending).toBe(1);

    await box.start();
    // The stopped sender sends nothing however long the server is back (it has no round left to run).
    expect(box.messages).toHaveLength(0);
    const after = sender(backend, records, box.url, logs.log);
    after.start();
    await until(() => box.messages.length === 1, 10_000, 'the alert from the new sender');
    await oneMoreRound(after);
    expect(box.messages).toHaveLength(1);
    expect(await backend.outboxStats('alert')).toEqual({ pending: 0, oldestPendingAt: null });
  });
});

describe('urgent alerts from the running app', () => {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((x) => x.close()));
  });

  const alertEnv = (box: Mailbox) => ({ SMTP_URL: box.url, ALERT_EMAILS: TO.join(', '), PUBLIC_URL });
  const metricsOf = async (p: RunningPuente) => (await fetch(`${p.url}/metrics`, metricsAuth)).text();

  it('e-mails staff once when an urgent intake is finished over HTTP, at the handoff, and not for a calm one', async () => {
    const box = new Mailbox();
    await box.start();
    open.push({ close: () => box.stop() });
    // Memory stores whose outbox the app sends alerts from. The hold and the polling are long, so only
    // the turn's handoff can make the alert go at once.
    const backend = new MemoryBackend();
    const records = new SealedRecordStore(backend, testCipher(), { outbox: { holdMs: 60_000, webhook: false, alerts: true } });
    const sessions = new SealedSessionStore(backend, testCipher(), 86_400_000);
    const puente = await startTestServer(alertEnv(box), { sessions, records, alerts: { outbox: backend, timing: { ...FAST, pollMs: 60_000 } } });
    open.push(puente);
    expect(puente.alerts).toBeDefined();

    const { result } = await playScenario(puente.url, urgentScenario);
    await until(() => box.messages.length === 1, 10_000, 'the alert');
    const calmResult = (await playScenario(puente.url, calmScenario)).result;
    await oneMoreRound(puente.alerts!);
    expect(box.messages).toHaveLength(1);
    expect(box.messages[0]!.envelope.to).toEqual(TO);
    const mail = parseMail(box.messages[0]!.raw);
    expect(mail.headers.subject).toBe(`Urgent intake ${result.reference} in Puente`);
    expect(mail.text).toContain(`${PUBLIC_URL}/staff/intakes/${result.reference}`);
    expect(box.messages[0]!.raw).not.toContain(calmResult.reference);
    for (const secret of secretsOf((await records.get(result.reference))!)) expect({ secret: String(secret), found: secret.test(box.messages[0]!.raw) }).toEqual({ secret: String(secret), found: false });

    const metrics = await metricsOf(puente);
    expect(metrics).toMatch(/^puente_alerts_sent_total 1$/m);
    expect(metrics).toMatch(/^puente_alerts_pending 0$/m);
  });

  // Needs the SQLite outbox with delivery kinds (branch h21-storage).
  it('on the embedded store: sends the alert beside the webhook, and one left pending is sent after a restart', async () => {
    const box = new Mailbox();
    await box.start();
    await box.stop();
    open.push({ close: () => box.stop() });
    const secret = 'webhook-secret-0123456789abcdef0123456789';
    const receiver = new Receiver(secret);
    await receiver.start();
    open.push({ close: () => receiver.stop() });
    const env = { ...alertEnv(box), DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'puente-alerts-')), WEBHOOK_URL: receiver.url, WEBHOOK_SECRET: secret };
    const overrides = { alerts: { timing: FAST, random: () => 0.5 }, webhook: { timing: { retryBaseMs: 40, retryMaxMs: 200, pollMs: 25 }, random: () => 0.5 } };

    // The mail server is down while the intake finishes; Puente stops with the alert pending.
    const first = await startTestServer(env, overrides);
    open.push(first);
    const { result } = await playScenario(first.url, urgentScenario);
    await until(() => receiver.acceptedCount === 1, 10_000, 'the webhook');
    await until(async () => /^puente_alerts_failures_total\{reason="NETWORK"\} [1-9]/m.test(await metricsOf(first)), 10_000, 'a failed alert');
    expect((await first.backend!.outboxStats('alert')).pending).toBe(1);
    await first.close();
    open.splice(open.indexOf(first), 1);

    await box.start();
    const again = await startTestServer(env, overrides);
    open.push(again);
    await until(() => box.messages.length === 1, 10_000, 'the alert after the restart');
    await oneMoreRound(again.alerts!);
    expect(box.messages).toHaveLength(1);
    expect(parseMail(box.messages[0]!.raw).headers.subject).toContain(result.reference);
    expect(receiver.acceptedCount).toBe(1);
    expect(await again.backend!.outboxStats('alert')).toEqual({ pending: 0, oldestPendingAt: null });
  });
});
