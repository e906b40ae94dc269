/**
 * Who may enter the staff inbox: an e-mail on STAFF_EMAILS (or in one of its domains), and only when
 * the identity provider vouches for it. And the sessions behind the cookie: sealed, keyed by a hash,
 * a sign-in in progress used once, idle and absolute limits.
 */
import { isAllowed, verifiedEmail } from '../../src/staff/signIn';
import { StaffSessions } from '../../src/staff/staffSessions';
import { MemoryBackend } from '../../src/storage';
import { testCipher } from '../support/cipher';

describe('isAllowed', () => {
  const allowed = { emails: ['ana@example.org'], domains: ['staff.example.org'] };

  it.each([
    ['ana@example.org', true],
    ['ANA@Example.ORG', true],
    ['sam@staff.example.org', true],
    ['bob@example.org', false],
    // A sub-domain or a look-alike is not the domain.
    ['eve@evil.staff.example.org', false],
    ['eve@staff.example.org.evil.example', false],
    ['staff.example.org', false],
    ['@staff.example.org', false],
  ])('%s → %s', (email, expected) => {
    expect(isAllowed(email, allowed)).toBe(expected);
  });
});

describe('verifiedEmail', () => {
  it('takes the e-mail only when the provider vouches for it, lower-cased', () => {
    expect(verifiedEmail({ email: 'Ana@Example.org', email_verified: true })).toBe('ana@example.org');
    // Entra ID: the e-mail's domain verified by the tenant (optional claim xms_edov).
    expect(verifiedEmail({ email: 'ana@example.org', xms_edov: true })).toBe('ana@example.org');
    expect(verifiedEmail({ email: 'ana@example.org', xms_edov: '1' })).toBe('ana@example.org');
  });

  it.each([
    [{ email: 'ana@example.org' }],
    [{ email: 'ana@example.org', email_verified: false }],
    [{ email: 'ana@example.org', email_verified: 'true' }],
    [{ email: 'ana@example.org', xms_edov: false }],
    [{ email_verified: true }],
    [{ email: 42, email_verified: true }],
    [undefined],
  ])('refuses %j', (claims) => {
    expect(verifiedEmail(claims as Record<string, unknown> | undefined)).toBeNull();
  });
});

describe('StaffSessions', () => {
  let now = Date.UTC(2026, 11, 5, 9);
  const backend = new MemoryBackend();
  const sessions = new StaffSessions(backend, testCipher(), () => now);

  it('keeps only a hash of the cookie id as the key, and the session sealed', async () => {
    const saved: [string, string][] = [];
    const spy = new StaffSessions(
      { ...backend, saveStaffSession: async (key: string, data: string) => void saved.push([key, data]) } as unknown as MemoryBackend,
      testCipher(),
      () => now,
    );
    const { id } = await spy.create('ana@example.org');
    expect(saved).toHaveLength(1);
    const [key, data] = saved[0]!;
    expect(key).not.toContain(id);
    expect(data).not.toContain('ana@example.org');
    expect(data).toMatch(/^v1\./);
  });

  it('hands a sign-in in progress back once, and only within ten minutes', async () => {
    const login = { state: 's', nonce: 'n', verifier: 'v', returnTo: '/staff' };
    const id = await sessions.beginLogin(login);
    expect(await sessions.takeLogin(id)).toMatchObject(login);
    expect(await sessions.takeLogin(id)).toBeNull();
    const late = await sessions.beginLogin(login);
    now += 10 * 60_000;
    expect(await sessions.takeLogin(late)).toBeNull();
    // A sign-in in progress is no staff session, and a staff session is no sign-in.
    const pending = await sessions.beginLogin(login);
    expect(await sessions.resume(pending)).toBeNull();
    const { id: staffId } = await sessions.create('ana@example.org');
    expect(await sessions.takeLogin(staffId)).toBeNull();
  });

  it('ends after 30 idle minutes, or 12 hours after sign-in, and on sign-out', async () => {
    const { id } = await sessions.create('ana@example.org');
    now += 29 * 60_000;
    expect((await sessions.resume(id))?.email).toBe('ana@example.org');
    now += 30 * 60_000;
    expect(await sessions.resume(id)).toBeNull();

    const busy = (await sessions.create('ana@example.org')).id;
    for (let m = 0; m < 12 * 60 - 15; m += 15) {
      now += 15 * 60_000;
      expect(await sessions.resume(busy)).not.toBeNull();
    }
    now += 15 * 60_000;
    expect(await sessions.resume(busy)).toBeNull();

    const out = (await sessions.create('ana@example.org')).id;
    await sessions.end(out);
    expect(await sessions.resume(out)).toBeNull();
    expect(await sessions.purge()).toBeGreaterThanOrEqual(2);
  });

  it('reads a malformed or unknown cookie as no session', async () => {
    for (const id of [null, '', 'x', 'a'.repeat(43), '../../etc/passwd']) expect(await sessions.resume(id)).toBeNull();
  });
});
