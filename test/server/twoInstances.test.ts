/**
 * Two Puente instances on one PostgreSQL, as behind a load balancer: every shared scenario is played
 * at the same time, each conversation alternating between the two instances turn by turn. Nothing
 * is kept in process memory, so every intake ends with exactly its expected findings, and each
 * instance reads the records the other wrote.
 */
import type { RunningPuente } from '../../src/app';
import { startTestServer } from '../support/harness';
import { describeWithPostgres, freshDatabase } from '../support/postgres';
import { loadScenarios, playScenario } from '../support/scenarios';
import { Receiver, until } from '../support/webhookReceiver';

const ENCRYPTION_KEYS = `t1:${Buffer.alloc(32, 7).toString('base64')}`;
const WEBHOOK_SECRET = 'two-instances-webhook-secret-0123456789';
const STAFF_API_TOKEN = 'two-instances-staff-token-0123456789';

describeWithPostgres('two instances on one PostgreSQL', (url) => {
  const databaseUrl = freshDatabase(url);
  const instances: RunningPuente[] = [];
  // Both instances send from the one outbox to this receiver.
  const receiver = new Receiver(WEBHOOK_SECRET);

  beforeAll(async () => {
    await receiver.start();
    const env = { DATABASE_URL: databaseUrl(), DATABASE_POOL_SIZE: '5', ENCRYPTION_KEYS, WEBHOOK_URL: receiver.url, WEBHOOK_SECRET, STAFF_API_TOKEN };
    // Sequentially: the second start also checks that an already migrated database is fine.
    for (let i = 0; i < 2; i++) instances.push(await startTestServer(env, { webhook: { timing: { pollMs: 20, retryBaseMs: 50 } } }));
  });
  afterAll(async () => {
    await Promise.all(instances.map((p) => p.close()));
    await receiver.stop();
  });

  const scenarios = loadScenarios();

  it('uses PostgreSQL on both', () => {
    expect(instances.map((p) => p.backend?.kind)).toEqual(['postgres', 'postgres']);
    expect(scenarios.length).toBeGreaterThanOrEqual(4);
  });

  it('finishes every shared scenario, played concurrently and alternating between the instances', async () => {
    const urls = instances.map((p) => p.url);
    const played = await Promise.allSettled(scenarios.map((s) => playScenario(urls, s)));
    const failures = played.flatMap((p, i) => (p.status === 'rejected' ? [`${scenarios[i]!.name}: ${String(p.reason)}`] : []));
    expect(failures).toEqual([]);

    for (const [i, p] of played.entries()) {
      const s = scenarios[i]!;
      const { result } = (p as PromiseFulfilledResult<Awaited<ReturnType<typeof playScenario>>>).value;
      expect({ name: s.name, findings: [...new Set(result.findings.map((f) => f.code))].sort(), urgent: result.urgent, referral: result.referral }).toEqual({
        name: s.name,
        findings: [...s.expect.findings].sort(),
        urgent: s.expect.urgent,
        referral: s.expect.referral,
      });
      // The record written by whichever instance took the last turn is readable by both.
      const [a, b] = await Promise.all(instances.map((x) => x.records.get(result.reference)));
      expect(a).not.toBeNull();
      expect(b).toEqual(a);
    }

    // Both instances poll the same outbox: each intake reached the receiver exactly once.
    const references = played.map((p) => (p as PromiseFulfilledResult<Awaited<ReturnType<typeof playScenario>>>).value.result.reference);
    await until(() => receiver.acceptedCount === references.length, 20_000, 'every intake delivered');
    // Once both senders are between rounds, every send made so far has been answered and recorded, and
    // nothing is left in the outbox for a later round: a second send of any intake would be in by now.
    await Promise.all(instances.map((p) => p.webhook!.idle()));
    expect(await instances[0]!.backend!.outboxStats('webhook')).toEqual({ pending: 0, oldestPendingAt: null });
    expect(receiver.requests.filter((r) => r.status === 200)).toHaveLength(references.length);
    expect([...receiver.accepted.values()].map((a) => (a.payload.record as { reference: string }).reference).sort()).toEqual([...references].sort());
  }, 120_000);

  it('shows the same dashboard numbers on both: the daily counts of every intake, shared in the database', async () => {
    await Promise.all(instances.map((p) => p.counts.settled()));
    const [a, b] = await Promise.all(
      instances.map(async (p) => (await fetch(`${p.url}/api/staff/stats?days=7`, { headers: { authorization: `Bearer ${STAFF_API_TOKEN}` } })).json()),
    );
    expect(b).toEqual(a);
    expect((a as { totals: unknown }).totals).toMatchObject({
      started: scenarios.length,
      finished: scenarios.length,
      urgent: scenarios.filter((s) => s.expect.urgent).length,
    });
  });
});
