/**
 * The storage contract every backend must honour (design.md §5), exercised through the sealed
 * stores the application uses. A backend test calls `backendContract` with a factory returning a
 * fresh, empty backend.
 */
import {
  ETagConflictError,
  SealedRecordStore,
  SealedSessionStore,
  SESSION_SCHEMA_VERSION,
  type Backend,
  type DeliveryKind,
  type IntakeRecord,
  type NewDelivery,
  type RecordStore,
  type Session,
  type SessionStore,
} from '../../src/storage';
import { persist, startIntake } from '../../dialogs/intake';
import { testCipher } from '../support/cipher';

export interface Clock {
  now(): number;
  advance(ms: number): void;
}

export function manualClock(start = Date.parse('2026-11-23T12:00:00Z')): Clock {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

const session = (locale: 'en' | 'es' = 'en'): Session => ({
  schemaVersion: SESSION_SCHEMA_VERSION,
  intake: persist(startIntake(locale)),
  updatedAt: new Date().toISOString(),
});

/** Runs the whole contract against a backend. */
export function backendContract(name: string, makeBackend: () => Promise<Backend>): void {
  sessionStoreContract(name, async (clock, ttl) => new SealedSessionStore(await makeBackend(), testCipher(), ttl, clock.now));
  recordStoreContract(name, async () => new SealedRecordStore(await makeBackend(), testCipher()));
  sealedRecordStoreContract(name, makeBackend);
  recordStateContract(name, makeBackend);
  outboxContract(name, makeBackend);
  deliveryKindsContract(name, makeBackend);
  countsContract(name, makeBackend);
  staffSessionContract(name, makeBackend);
  describe(`${name} backend`, () => {
    it('purges expired sessions only', async () => {
      const clock = manualClock();
      const backend = await makeBackend();
      const store = new SealedSessionStore(backend, testCipher(), 1000, clock.now);
      await store.save('old', session(), null);
      clock.advance(600);
      await store.save('new', session(), null);
      clock.advance(600);
      expect(await store.purge()).toBe(1);
      expect(await store.load('old')).toBeNull();
      expect(await store.load('new')).not.toBeNull();
    });

    it('hands each expired session to one purge, with what it held, and keeps live ones', async () => {
      const clock = manualClock();
      const backend = await makeBackend();
      const store = new SealedSessionStore(backend, testCipher(), 1000, clock.now);
      const held = { ...session('es'), updatedAt: '2026-11-23T12:00:00.000Z' };
      for (const id of ['a', 'b', 'c']) await store.save(id, held, null);
      clock.advance(1000);
      await store.save('live', session(), null);
      // Two instances purging at once: every expired session is seen exactly once.
      const seen: unknown[] = [];
      const other = new SealedSessionStore(backend, testCipher(), 1000, clock.now);
      const counts = await Promise.all([store.purge((s) => seen.push(s.value)), other.purge((s) => seen.push(s.value))]);
      expect(counts[0]! + counts[1]!).toBe(3);
      expect(seen).toEqual([held, held, held]);
      expect(await store.load('live')).not.toBeNull();
      expect(await store.purge(() => seen.push('again'))).toBe(0);
      expect(seen).toHaveLength(3);
    });

    it('takes at most `limit` expired sessions at a time', async () => {
      const backend = await makeBackend();
      for (const key of ['k1', 'k2', 'k3']) await backend.saveSession(key, `sealed-${key}`, null, `e-${key}`, T0, T0 - 10);
      const first = await backend.takeExpiredSessions(T0, 2);
      const rest = await backend.takeExpiredSessions(T0, 2);
      expect(first).toHaveLength(2);
      expect([...first, ...rest].map((r) => r.key).sort()).toEqual(['k1', 'k2', 'k3']);
      expect(rest[0]).toEqual({ key: rest[0]!.key, data: `sealed-${rest[0]!.key}`, expiresAt: T0 });
      expect(await backend.takeExpiredSessions(T0, 2)).toEqual([]);
    });

    it('answers a readiness ping', async () => {
      await expect((await makeBackend()).ping()).resolves.toBeUndefined();
    });

    it('reads data sealed with an older key after rotation, and writes with the new one', async () => {
      const backend = await makeBackend();
      const before = new SealedRecordStore(backend, testCipher('k1', 'k1'));
      await before.save(record('ROT', '2026-11-01T00:00:00.000Z'));
      const after = new SealedRecordStore(backend, testCipher('k2'));
      expect((await after.get('ROT'))?.contact?.name).toBe('Ale');
      await after.save(record('NEW', '2026-11-02T00:00:00.000Z'));
      expect((await backend.getRecord('NEW'))?.data.split('.')[1]).toBe('k2');
      expect((await backend.getRecord('ROT'))?.data.split('.')[1]).toBe('k1');
    });

    it('stores no plaintext answer, contact or conversation id', async () => {
      const backend = await makeBackend();
      const sessions = new SealedSessionStore(backend, testCipher(), 60_000);
      await sessions.save('conversation-visible-id', session('es'), null);
      const records = new SealedRecordStore(backend, testCipher());
      await records.save(record('PU-PLAIN-TEXT1', '2026-11-01T00:00:00.000Z', true));
      const raw = JSON.stringify([await backend.listRecords({}), await backend.loadSession('conversation-visible-id', Date.now())]);
      // Quoted JSON fragments and long words: none can turn up by chance inside base64 ciphertext.
      for (const secret of ['"Ale"', '555 010', '"in_us"', 'DETAINED', 'conversation-visible-id', '"locale"']) expect(raw).not.toContain(secret);
    });
  });
}

export function sessionStoreContract(name: string, make: (clock: Clock, ttlMs: number) => Promise<SessionStore> | SessionStore): void {
  describe(`${name} session store`, () => {
    const ttl = 60_000;
    let clock: Clock;
    let store: SessionStore;
    beforeEach(async () => {
      clock = manualClock();
      store = await make(clock, ttl);
    });

    it('loads nothing for an unknown conversation', async () => {
      expect(await store.load('nobody')).toBeNull();
    });

    it('saves, loads and round-trips the session', async () => {
      const s = session('es');
      const eTag = await store.save('c1', s, null);
      const loaded = await store.load('c1');
      expect(loaded?.eTag).toBe(eTag);
      expect(loaded?.value).toEqual(s);
    });

    it('refuses a first save when the session already exists', async () => {
      await store.save('c1', session(), null);
      await expect(store.save('c1', session(), null)).rejects.toBeInstanceOf(ETagConflictError);
    });

    it('refuses a save with a stale eTag and accepts the current one', async () => {
      const first = await store.save('c1', session(), null);
      const second = await store.save('c1', session('es'), first);
      expect(second).not.toBe(first);
      await expect(store.save('c1', session(), first)).rejects.toBeInstanceOf(ETagConflictError);
      await expect(store.save('c1', session(), second)).resolves.toEqual(expect.any(String));
    });

    it('keeps conversations apart', async () => {
      await store.save('a', session('en'), null);
      await store.save('b', session('es'), null);
      expect(((await store.load('a'))?.value as Session).intake.context.locale).toBe('en');
      expect(((await store.load('b'))?.value as Session).intake.context.locale).toBe('es');
    });

    it('deletes a session, and deleting twice is fine', async () => {
      await store.save('c1', session(), null);
      await store.delete('c1');
      await store.delete('c1');
      expect(await store.load('c1')).toBeNull();
      await expect(store.save('c1', session(), null)).resolves.toEqual(expect.any(String));
    });

    it('expires sessions after the time to live, counted from the last save', async () => {
      const e = await store.save('c1', session(), null);
      clock.advance(ttl - 1000);
      await store.save('c1', session(), e);
      clock.advance(ttl - 1000);
      expect(await store.load('c1')).not.toBeNull();
      clock.advance(2000);
      expect(await store.load('c1')).toBeNull();
      await expect(store.save('c1', session(), null)).resolves.toEqual(expect.any(String));
    });
  });
}

const record = (reference: string, createdAt: string, urgent = false): IntakeRecord => ({
  reference,
  createdAt,
  language: 'es',
  answers: { location: 'in_us', detained: urgent ? 'yes' : 'no' },
  assessment: {
    findings: [{ code: urgent ? 'DETAINED' : 'ATTORNEY_REFERRAL', severity: urgent ? 'urgent' : 'info', because: urgent ? ['detained'] : [] }],
    urgent,
    referral: urgent ? 'urgent' : 'standard',
  },
  contact: { name: 'Ale', method: 'text', value: '+1 555 010 2345', safeToLeaveMessage: false },
});

export function recordStoreContract(name: string, make: () => Promise<RecordStore> | RecordStore): void {
  describe(`${name} record store`, () => {
    let store: RecordStore;
    beforeEach(async () => {
      store = await make();
    });

    it('saves and gets a record by reference', async () => {
      const r = record('PU-AAAAA-BBBBB', '2026-11-01T10:00:00.000Z', true);
      await store.save(r);
      expect(await store.get('PU-AAAAA-BBBBB')).toEqual(r);
      expect(await store.get('PU-NOPE')).toBeNull();
    });

    it('lists records oldest first, filtered by date and urgency', async () => {
      await store.save(record('R2', '2026-11-10T00:00:00.000Z', false));
      await store.save(record('R1', '2026-11-01T00:00:00.000Z', true));
      await store.save(record('R3', '2026-11-20T00:00:00.000Z', true));
      expect((await store.list()).map((r) => r.reference)).toEqual(['R1', 'R2', 'R3']);
      expect((await store.list({ since: new Date('2026-11-05T00:00:00Z') })).map((r) => r.reference)).toEqual(['R2', 'R3']);
      expect((await store.list({ urgent: true })).map((r) => r.reference)).toEqual(['R1', 'R3']);
    });

    it('deletes a record and says whether one was there', async () => {
      await store.save(record('R1', '2026-11-01T00:00:00.000Z'));
      expect(await store.delete('R1')).toBe(true);
      expect(await store.delete('R1')).toBe(false);
      expect(await store.get('R1')).toBeNull();
    });

    it('purges records older than a date', async () => {
      await store.save(record('OLD', '2026-01-01T00:00:00.000Z'));
      await store.save(record('NEW', '2026-11-01T00:00:00.000Z'));
      expect(await store.purge(new Date('2026-06-01T00:00:00Z'))).toBe(1);
      expect((await store.list()).map((r) => r.reference)).toEqual(['NEW']);
    });
  });
}

const row = (reference: string, createdAt: number, urgent = false) => ({ reference, createdAt, urgent, data: `sealed:${reference}` });
const T0 = Date.parse('2026-11-23T12:00:00Z');
const webhook = (id: string, notBefore: number): NewDelivery[] => [{ id, kind: 'webhook', notBefore }];

/** The webhook outbox: written with its record, claimed under a lease, retried, marked delivered. */
export function outboxContract(name: string, makeBackend: () => Promise<Backend>): void {
  describe(`${name} webhook outbox`, () => {
    let b: Backend;
    beforeEach(async () => {
      b = await makeBackend();
    });

    it('writes a delivery only when asked, and hands a due one to one claimer for the lease', async () => {
      await b.saveRecord(row('PLAIN', T0));
      await b.saveRecord(row('SENT', T0), webhook('d-1', T0));
      expect(await b.outboxStats('webhook')).toEqual({ pending: 1, oldestPendingAt: T0 });
      const [first, second] = await Promise.all([b.claimDeliveries('webhook', T0, T0 + 60_000, 10), b.claimDeliveries('webhook', T0, T0 + 60_000, 10)]);
      expect([...first!, ...second!]).toEqual([{ id: 'd-1', kind: 'webhook', reference: 'SENT', createdAt: T0, urgent: false, attempts: 0 }]);
      expect(await b.claimDeliveries('webhook', T0 + 59_999, T0 + 120_000, 10)).toEqual([]);
      // A claimer that died: the row comes back when its lease ends.
      expect((await b.claimDeliveries('webhook', T0 + 60_000, T0 + 120_000, 10)).map((d) => d.id)).toEqual(['d-1']);
    });

    it('inserts a record only if absent: a second save of one reference keeps the first, and adds no delivery (issue 19)', async () => {
      await b.saveRecord({ ...row('ONCE', T0), data: 'first' }, webhook('d-once-1', T0));
      await b.saveRecord({ ...row('ONCE', T0 + 5), data: 'second' }, webhook('d-once-2', T0));
      expect((await b.getRecord('ONCE'))?.data).toBe('first');
      expect((await b.claimDeliveries('webhook', T0, T0 + 60_000, 10)).map((d) => d.id)).toEqual(['d-once-1']);
    });

    it('revokes a conversation until a time, and forgets revocations past theirs', async () => {
      await b.revokeConversation('k-1', T0 + 1000, T0);
      expect(await b.isRevoked('k-1', T0 + 999)).toBe(true);
      expect(await b.isRevoked('k-1', T0 + 1000)).toBe(false);
      expect(await b.isRevoked('k-2', T0)).toBe(false);
    });

    it('holds a new delivery until its time, unless the record is released', async () => {
      await b.saveRecord(row('HELD', T0), webhook('d-held', T0 + 10_000));
      expect(await b.claimDeliveries('webhook', T0, T0 + 60_000, 10)).toEqual([]);
      await b.releaseDeliveries('HELD', T0 + 1);
      expect((await b.claimDeliveries('webhook', T0 + 1, T0 + 60_000, 10)).map((d) => d.id)).toEqual(['d-held']);
    });

    it('takes back a claimed row its sender will not attempt: claimable at once, its attempts unchanged, a delivered row untouched', async () => {
      await b.saveRecord(row('BACK', T0), webhook('d-back', T0));
      await b.saveRecord(row('SENT', T0), webhook('d-sent', T0));
      expect((await b.claimDeliveries('webhook', T0, T0 + 60_000, 10)).map((d) => d.id).sort()).toEqual(['d-back', 'd-sent']);
      await b.deliverySucceeded('d-sent', T0 + 1);
      expect(await b.claimDeliveries('webhook', T0 + 2, T0 + 60_000, 10)).toEqual([]);
      await b.returnDelivery('d-back');
      await b.returnDelivery('d-sent');
      expect((await b.claimDeliveries('webhook', T0 + 2, T0 + 60_000, 10)).map((d) => [d.id, d.attempts])).toEqual([['d-back', 0]]);
      expect(await b.wasDelivered('SENT')).toBe(true);
    });

    it('counts a failed attempt, retries at the given time, and never sends a delivered row again', async () => {
      await b.saveRecord(row('R', T0), webhook('d-r', T0));
      await b.claimDeliveries('webhook', T0, T0 + 60_000, 10);
      await b.deliveryFailed('d-r', T0 + 5_000, 'HTTP_503');
      expect(await b.claimDeliveries('webhook', T0 + 4_999, T0 + 60_000, 10)).toEqual([]);
      const [again] = await b.claimDeliveries('webhook', T0 + 5_000, T0 + 65_000, 10);
      expect(again).toMatchObject({ id: 'd-r', attempts: 1 });
      expect(await b.wasDelivered('R')).toBe(false);
      await b.deliverySucceeded('d-r', T0 + 6_000);
      expect(await b.wasDelivered('R')).toBe(true);
      expect(await b.outboxStats('webhook')).toEqual({ pending: 0, oldestPendingAt: null });
      // A late failure report (another sender's lease ran out) cannot undo the delivery.
      await b.deliveryFailed('d-r', T0 + 7_000, 'TIMEOUT');
      expect(await b.claimDeliveries('webhook', T0 + 10 ** 9, T0 + 10 ** 9 + 1, 10)).toEqual([]);
      expect(await b.wasDelivered('R')).toBe(true);
    });

    it('sends urgent intakes first, then the oldest, at most `limit` at a time', async () => {
      await b.saveRecord(row('A', T0), webhook('d-a', T0));
      await b.saveRecord(row('B', T0 + 1), webhook('d-b', T0 + 1));
      await b.saveRecord(row('U', T0 + 2, true), webhook('d-u', T0 + 2));
      expect((await b.claimDeliveries('webhook', T0 + 5, T0 + 60_000, 2)).map((d) => [d.id, d.urgent])).toEqual([
        ['d-u', true],
        ['d-a', false],
      ]);
      expect((await b.claimDeliveries('webhook', T0 + 5, T0 + 60_000, 2)).map((d) => d.id)).toEqual(['d-b']);
    });

    it('drops a pending delivery with its record, and forgets delivered ones when the record goes', async () => {
      await b.saveRecord(row('GONE', T0), webhook('d-gone', T0));
      await b.saveRecord(row('DONE', T0), webhook('d-done', T0));
      await b.deliverySucceeded('d-done', T0);
      expect(await b.deleteRecord('GONE')).toBe(true);
      expect(await b.claimDeliveries('webhook', T0, T0 + 60_000, 10)).toEqual([]);
      expect(await b.outboxStats('webhook')).toEqual({ pending: 0, oldestPendingAt: null });
      expect(await b.deleteRecord('DONE')).toBe(true);
      expect(await b.wasDelivered('DONE')).toBe(false);
    });

    it('purges the outbox rows of purged records only', async () => {
      await b.saveRecord(row('OLD', T0 - 100 * 86_400_000), webhook('d-old', T0));
      await b.saveRecord(row('NEW', T0), webhook('d-new', T0));
      expect(await b.purgeRecords(T0 - 90 * 86_400_000)).toBe(1);
      expect((await b.claimDeliveries('webhook', T0, T0 + 60_000, 10)).map((d) => d.reference)).toEqual(['NEW']);
    });
  });
}

/** The sealed record store's outbox rows (by kind and urgency) and its workflow state, over a backend. */
export function sealedRecordStoreContract(name: string, makeBackend: () => Promise<Backend>): void {
  describe(`${name} sealed record store`, () => {
    const clock = manualClock(T0);
    const kindsOf = async (b: Backend, reference: string) => {
      const kinds: DeliveryKind[] = [];
      for (const kind of ['webhook', 'alert'] as const) {
        for (const d of await b.claimDeliveries(kind, T0 + 10_000, T0 + 70_000, 10)) if (d.reference === reference) kinds.push(d.kind);
      }
      return kinds;
    };
    const storeWith = (b: Backend, webhook: boolean, alerts: boolean) =>
      new SealedRecordStore(b, testCipher(), { outbox: { holdMs: 5_000, webhook, alerts }, now: clock.now });

    it('with the webhook on, saves a webhook delivery for a non-urgent record and no alert', async () => {
      const b = await makeBackend();
      await storeWith(b, true, true).save(record('CALM', '2026-11-01T00:00:00.000Z', false));
      expect(await kindsOf(b, 'CALM')).toEqual(['webhook']);
    });

    it('with the webhook and alerts on, saves both deliveries for an urgent record', async () => {
      const b = await makeBackend();
      await storeWith(b, true, true).save(record('URGENT', '2026-11-01T00:00:00.000Z', true));
      expect(await kindsOf(b, 'URGENT')).toEqual(['webhook', 'alert']);
    });

    it('with alerts only, saves an alert for urgent records and nothing for the others', async () => {
      const b = await makeBackend();
      const store = storeWith(b, false, true);
      await store.save(record('URGENT', '2026-11-01T00:00:00.000Z', true));
      await store.save(record('CALM', '2026-11-01T00:00:00.000Z', false));
      expect(await kindsOf(b, 'URGENT')).toEqual(['alert']);
      expect(await kindsOf(b, 'CALM')).toEqual([]);
      expect(await b.outboxStats('webhook')).toEqual({ pending: 0, oldestPendingAt: null });
    });

    it('holds the deliveries it saves for `holdMs`', async () => {
      const b = await makeBackend();
      await storeWith(b, true, true).save(record('HELD', '2026-11-01T00:00:00.000Z', true));
      expect(await b.claimDeliveries('webhook', T0 + 4_999, T0 + 60_000, 10)).toEqual([]);
      expect(await b.claimDeliveries('alert', T0 + 4_999, T0 + 60_000, 10)).toEqual([]);
      expect((await b.claimDeliveries('alert', T0 + 5_000, T0 + 60_000, 10)).map((d) => d.reference)).toEqual(['HELD']);
    });

    it('round-trips records with their workflow state through entries, entry and setState', async () => {
      const b = await makeBackend();
      const store = storeWith(b, false, false);
      const calm = record('E1', '2026-11-01T00:00:00.000Z', false);
      const urgent = record('E2', '2026-11-02T00:00:00.000Z', true);
      await store.save(calm);
      await store.save(urgent);
      expect(await store.entry('E1')).toEqual({ record: calm, state: { status: 'new', assignee: null, changedAt: null } });
      expect(await store.entry('NOPE')).toBeNull();
      expect(await store.setState('E2', { status: 'assigned', assignee: 'staff@example.org' }, ['new'])).toBe(true);
      expect(await store.setState('E2', { status: 'assigned', assignee: 'other@example.org' }, ['new'])).toBe(false);
      expect(await store.entries({ status: 'assigned' })).toEqual([{ record: urgent, state: { status: 'assigned', assignee: 'staff@example.org', changedAt: T0 } }]);
      expect((await store.entries()).map((e) => [e.record.reference, e.state.status])).toEqual([
        ['E1', 'new'],
        ['E2', 'assigned'],
      ]);
      expect((await store.entries({ urgent: false, status: 'new' })).map((e) => e.record.reference)).toEqual(['E1']);
    });
  });
}

/** Where staff are in working a record: plain columns beside the sealed data, changed atomically. */
export function recordStateContract(name: string, makeBackend: () => Promise<Backend>): void {
  describe(`${name} record workflow state`, () => {
    let b: Backend;
    beforeEach(async () => {
      b = await makeBackend();
    });

    it('starts a new record as new, with no assignee and no change time', async () => {
      await b.saveRecord(row('R', T0));
      expect(await b.getRecord('R')).toEqual({ ...row('R', T0), status: 'new', assignee: null, changedAt: null });
      expect(await b.listRecords({})).toEqual([{ ...row('R', T0), status: 'new', assignee: null, changedAt: null }]);
    });

    it('sets the status, the assignee and the change time, and says so', async () => {
      await b.saveRecord(row('R', T0));
      expect(await b.setRecordState('R', { status: 'assigned', assignee: 'ana@example.org' }, T0 + 5)).toBe(true);
      expect(await b.getRecord('R')).toMatchObject({ status: 'assigned', assignee: 'ana@example.org', changedAt: T0 + 5, data: 'sealed:R' });
      expect(await b.setRecordState('R', { status: 'closed', assignee: null }, T0 + 9)).toBe(true);
      expect(await b.getRecord('R')).toMatchObject({ status: 'closed', assignee: null, changedAt: T0 + 9 });
    });

    it('returns false for a reference with no record', async () => {
      expect(await b.setRecordState('NOPE', { status: 'assigned', assignee: 'ana@example.org' }, T0)).toBe(false);
      expect(await b.getRecord('NOPE')).toBeNull();
    });

    it('changes nothing when the status is not one of those expected', async () => {
      await b.saveRecord(row('R', T0));
      await b.setRecordState('R', { status: 'assigned', assignee: 'ana@example.org' }, T0 + 1);
      expect(await b.setRecordState('R', { status: 'assigned', assignee: 'luis@example.org' }, T0 + 2, ['new'])).toBe(false);
      expect(await b.setRecordState('R', { status: 'closed', assignee: 'luis@example.org' }, T0 + 2, [])).toBe(false);
      expect(await b.getRecord('R')).toMatchObject({ status: 'assigned', assignee: 'ana@example.org', changedAt: T0 + 1 });
      expect(await b.setRecordState('R', { status: 'contacted', assignee: 'ana@example.org' }, T0 + 3, ['new', 'assigned'])).toBe(true);
      expect(await b.getRecord('R')).toMatchObject({ status: 'contacted', changedAt: T0 + 3 });
    });

    it('lets only one of several staff members taking a new record at once win', async () => {
      await b.saveRecord(row('R', T0));
      const results = await Promise.all(
        ['ana@example.org', 'luis@example.org', 'mia@example.org'].map((who) => b.setRecordState('R', { status: 'assigned', assignee: who }, T0 + 1, ['new'])),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await b.getRecord('R'))?.assignee).toBe(['ana@example.org', 'luis@example.org', 'mia@example.org'][results.indexOf(true)]);
    });

    it('filters the list by status, with the other filters', async () => {
      await b.saveRecord(row('A', T0, true));
      await b.saveRecord(row('B', T0 + 1));
      await b.saveRecord(row('C', T0 + 2, true));
      await b.setRecordState('C', { status: 'assigned', assignee: 'ana@example.org' }, T0 + 3);
      expect((await b.listRecords({ status: 'new' })).map((r) => r.reference)).toEqual(['A', 'B']);
      expect((await b.listRecords({ status: 'assigned' })).map((r) => [r.reference, r.assignee])).toEqual([['C', 'ana@example.org']]);
      expect(await b.listRecords({ status: 'closed' })).toEqual([]);
      expect((await b.listRecords({ status: 'new', urgent: true })).map((r) => r.reference)).toEqual(['A']);
      expect((await b.listRecords({ status: 'new', since: T0 + 1 })).map((r) => r.reference)).toEqual(['B']);
    });
  });
}

/** Webhook deliveries and e-mail alerts share the outbox; each sender sees only its own kind. */
export function deliveryKindsContract(name: string, makeBackend: () => Promise<Backend>): void {
  describe(`${name} outbox by kind`, () => {
    let b: Backend;
    beforeEach(async () => {
      b = await makeBackend();
    });
    const both = (reference: string, notBefore: number): NewDelivery[] => [
      { id: `w-${reference}`, kind: 'webhook', notBefore },
      { id: `a-${reference}`, kind: 'alert', notBefore },
    ];

    it('hands webhook claims only webhook rows and alert claims only alert rows, and counts each kind apart', async () => {
      await b.saveRecord(row('U', T0 + 1, true), both('U', T0));
      await b.saveRecord(row('N', T0), webhook('w-N', T0));
      expect(await b.outboxStats('webhook')).toEqual({ pending: 2, oldestPendingAt: T0 });
      expect(await b.outboxStats('alert')).toEqual({ pending: 1, oldestPendingAt: T0 + 1 });
      expect(await b.claimDeliveries('alert', T0, T0 + 60_000, 10)).toEqual([{ id: 'a-U', kind: 'alert', reference: 'U', createdAt: T0 + 1, urgent: true, attempts: 0 }]);
      expect((await b.claimDeliveries('webhook', T0, T0 + 60_000, 10)).map((d) => [d.id, d.kind])).toEqual([
        ['w-U', 'webhook'],
        ['w-N', 'webhook'],
      ]);
      await b.deliverySucceeded('a-U', T0 + 2);
      expect(await b.outboxStats('alert')).toEqual({ pending: 0, oldestPendingAt: null });
      expect(await b.outboxStats('webhook')).toEqual({ pending: 2, oldestPendingAt: T0 });
    });

    it('never hands one row to two claims of the same kind while it is leased', async () => {
      for (const r of ['A', 'B', 'C']) await b.saveRecord(row(r, T0, true), both(r, T0));
      for (const kind of ['alert', 'webhook'] as const) {
        const claims = await Promise.all([0, 1, 2].map(() => b.claimDeliveries(kind, T0, T0 + 60_000, 2)));
        const ids = claims.flat().map((d) => d.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids.sort()).toEqual(['A', 'B', 'C'].map((r) => `${kind[0]}-${r}`));
        expect(await b.claimDeliveries(kind, T0 + 59_999, T0 + 120_000, 10)).toEqual([]);
      }
    });

    it('releases the pending rows of every kind of a record', async () => {
      await b.saveRecord(row('U', T0, true), both('U', T0 + 10_000));
      await b.releaseDeliveries('U', T0 + 1);
      expect((await b.claimDeliveries('alert', T0 + 1, T0 + 60_000, 10)).map((d) => d.id)).toEqual(['a-U']);
      expect((await b.claimDeliveries('webhook', T0 + 1, T0 + 60_000, 10)).map((d) => d.id)).toEqual(['w-U']);
    });

    it('says a record was delivered only when its webhook delivery was accepted, not its alert', async () => {
      await b.saveRecord(row('U', T0, true), both('U', T0));
      await b.deliverySucceeded('a-U', T0 + 1);
      expect(await b.wasDelivered('U')).toBe(false);
      await b.deliverySucceeded('w-U', T0 + 2);
      expect(await b.wasDelivered('U')).toBe(true);
    });

    it('deletes the rows of both kinds with the record, delivered or not', async () => {
      await b.saveRecord(row('U', T0, true), both('U', T0));
      await b.deliverySucceeded('w-U', T0 + 1);
      expect(await b.deleteRecord('U')).toBe(true);
      expect(await b.wasDelivered('U')).toBe(false);
      expect(await b.outboxStats('alert')).toEqual({ pending: 0, oldestPendingAt: null });
      expect(await b.claimDeliveries('alert', T0 + 10 ** 9, T0 + 10 ** 9 + 1, 10)).toEqual([]);
    });

    it('purges the rows of both kinds with purged records only', async () => {
      await b.saveRecord(row('OLD', T0 - 100 * 86_400_000, true), both('OLD', T0));
      await b.saveRecord(row('NEW', T0, true), both('NEW', T0));
      await b.deliverySucceeded('w-OLD', T0);
      expect(await b.purgeRecords(T0 - 90 * 86_400_000)).toBe(1);
      expect(await b.wasDelivered('OLD')).toBe(false);
      expect(await b.outboxStats('alert')).toEqual({ pending: 1, oldestPendingAt: T0 });
      expect((await b.claimDeliveries('alert', T0, T0 + 60_000, 10)).map((d) => d.id)).toEqual(['a-NEW']);
      expect((await b.claimDeliveries('webhook', T0, T0 + 60_000, 10)).map((d) => d.id)).toEqual(['w-NEW']);
    });
  });
}

/** Signed-in staff: rows replaced on save, unreadable from their expiry on, purged once expired. */
export function staffSessionContract(name: string, makeBackend: () => Promise<Backend>): void {
  describe(`${name} staff sessions`, () => {
    let b: Backend;
    beforeEach(async () => {
      b = await makeBackend();
    });

    it('saves and loads a row, and reads nothing for an unknown key', async () => {
      await b.saveStaffSession('s1', 'sealed-1', T0 + 1000);
      expect(await b.loadStaffSession('s1', T0)).toBe('sealed-1');
      expect(await b.loadStaffSession('s2', T0)).toBeNull();
    });

    it('replaces a row on a second save, data and expiry', async () => {
      await b.saveStaffSession('s1', 'sealed-1', T0 + 1000);
      await b.saveStaffSession('s1', 'sealed-2', T0 + 5000);
      expect(await b.loadStaffSession('s1', T0 + 4000)).toBe('sealed-2');
    });

    it('reads a row as absent from its expiry on', async () => {
      await b.saveStaffSession('s1', 'sealed-1', T0 + 1000);
      expect(await b.loadStaffSession('s1', T0 + 999)).toBe('sealed-1');
      expect(await b.loadStaffSession('s1', T0 + 1000)).toBeNull();
    });

    it('deletes a row, and deleting twice is fine', async () => {
      await b.saveStaffSession('s1', 'sealed-1', T0 + 1000);
      await b.deleteStaffSession('s1');
      await b.deleteStaffSession('s1');
      expect(await b.loadStaffSession('s1', T0)).toBeNull();
    });

    it('purges expired rows only and counts them', async () => {
      await b.saveStaffSession('old-1', 'sealed', T0 - 1);
      await b.saveStaffSession('old-2', 'sealed', T0);
      await b.saveStaffSession('live', 'sealed-live', T0 + 1);
      expect(await b.purgeStaffSessions(T0)).toBe(2);
      expect(await b.purgeStaffSessions(T0)).toBe(0);
      expect(await b.loadStaffSession('live', T0)).toBe('sealed-live');
    });
  });
}

/** Daily aggregates: upserted increments, shared by every caller, untouched by the record purge. */
export function countsContract(name: string, makeBackend: () => Promise<Backend>): void {
  describe(`${name} daily counts`, () => {
    let b: Backend;
    beforeEach(async () => {
      b = await makeBackend();
    });

    it('adds increments to the count of their day, metric and key, starting from zero', async () => {
      await b.addDailyCounts('2026-11-22', [{ metric: 'started', key: 'es', n: 1 }]);
      await b.addDailyCounts('2026-11-23', [
        { metric: 'started', key: 'es', n: 1 },
        { metric: 'finding', key: 'DETAINED', n: 1 },
        { metric: 'started', key: 'es', n: 2 },
      ]);
      await b.addDailyCounts('2026-11-23', [{ metric: 'started', key: 'en', n: 1 }, { metric: 'started', key: 'es', n: 1 }]);
      await b.addDailyCounts('2026-11-23', []);
      expect(await b.dailyCounts('2026-11-01', '2026-11-30')).toEqual([
        { day: '2026-11-22', metric: 'started', key: 'es', count: 1 },
        { day: '2026-11-23', metric: 'finding', key: 'DETAINED', count: 1 },
        { day: '2026-11-23', metric: 'started', key: 'en', count: 1 },
        { day: '2026-11-23', metric: 'started', key: 'es', count: 4 },
      ]);
    });

    it('reads an inclusive range of days', async () => {
      for (const day of ['2026-10-31', '2026-11-01', '2026-11-15', '2026-11-30', '2026-12-01']) await b.addDailyCounts(day, [{ metric: 'reached', key: 'consent', n: 1 }]);
      expect((await b.dailyCounts('2026-11-01', '2026-11-30')).map((r) => r.day)).toEqual(['2026-11-01', '2026-11-15', '2026-11-30']);
      expect(await b.dailyCounts('2027-01-01', '2027-01-31')).toEqual([]);
    });

    it('loses no increment when many callers add at once', async () => {
      await Promise.all(
        Array.from({ length: 25 }, (_, i) => b.addDailyCounts('2026-11-23', [{ metric: 'finished', key: i % 2 ? 'en' : 'es', n: 1 }, { metric: 'urgent', key: 'es', n: 1 }])),
      );
      expect(await b.dailyCounts('2026-11-23', '2026-11-23')).toEqual([
        { day: '2026-11-23', metric: 'finished', key: 'en', count: 12 },
        { day: '2026-11-23', metric: 'finished', key: 'es', count: 13 },
        { day: '2026-11-23', metric: 'urgent', key: 'es', count: 25 },
      ]);
    });

    it('purges the counts of days before a day', async () => {
      await b.addDailyCounts('2026-08-14', [{ metric: 'finished', key: 'en', n: 1 }]);
      await b.addDailyCounts('2026-08-15', [{ metric: 'finished', key: 'en', n: 2 }]);
      expect(await b.purgeDailyCounts('2026-08-15')).toBe(1);
      expect((await b.dailyCounts('2026-08-01', '2026-08-31')).map((r) => r.day)).toEqual(['2026-08-15']);
    });

    it('keeps the counts when records are purged or deleted', async () => {
      await b.saveRecord(row('OLD', T0 - 100 * 86_400_000), webhook('d-old', T0));
      await b.addDailyCounts('2026-08-15', [{ metric: 'finished', key: 'en', n: 1 }]);
      expect(await b.purgeRecords(T0)).toBe(1);
      expect(await b.dailyCounts('2026-08-15', '2026-08-15')).toEqual([{ day: '2026-08-15', metric: 'finished', key: 'en', count: 1 }]);
    });
  });
}
