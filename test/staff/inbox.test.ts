/**
 * The staff inbox (/staff) over real HTTP, with a real OpenID Connect provider running locally
 * (oidc-provider) and the embedded SQLite store: who gets in, what they see, what each action does,
 * what is refused, when a session ends, and the audit line each step writes. Intakes are made by
 * playing public personas, in English and in Spanish; staff read them in English.
 */
import { cookieName } from '../../src/staff/inbox';
import { freePort } from '../support/childServer';
import { captureLog } from '../support/logCapture';
import { startTestServer } from '../support/harness';
import { loadScenarios, playScenario } from '../support/scenarios';
import { csrfOf, startStaffServer, StaffAgent, textOf, type Page, type StaffServer } from '../support/staffSignIn';

jest.setTimeout(60_000);

const COOKIE = cookieName(false);

describe('the staff inbox', () => {
  let staff: StaffServer;
  let base: string;
  let offset = 0;
  const captured = captureLog();
  const refs: Record<string, string> = {};

  beforeAll(async () => {
    staff = await startStaffServer({}, { log: captured.log, now: () => new Date(Date.now() + offset) });
    base = staff.puente.url;
    const scenarios = loadScenarios();
    // Oldest first: a non-urgent English intake, then an urgent Spanish one, an urgent English one
    // with an unsafe phone, and a non-urgent Spanish one.
    for (const name of ['married-usc-visa-overstay', 'asilo-llegada-reciente', 'abused-spouse-of-citizen', 'casada-ciudadana-sin-inspeccion']) {
      const played = await playScenario(base, scenarios.find((s) => s.name === name)!);
      refs[name] = played.result.reference;
      offset += 1000; // distinct creation times, in the order played
    }
  });

  afterAll(() => staff?.close());

  const audits = (event: string) => captured.lines().filter((l) => l.audit === true && l.event === event);

  async function signedIn(login = 'ana@example.org'): Promise<{ agent: StaffAgent; inbox: Page }> {
    const agent = new StaffAgent(base);
    const inbox = await agent.signIn(login);
    expect(inbox.status).toBe(200);
    expect(new URL(inbox.url).pathname).toBe('/staff');
    return { agent, inbox };
  }

  /** The references in a page's table, in order. */
  const listed = (page: Page) => [...page.html.matchAll(/<th scope="row"><a href="\/staff\/intakes\/([^"]+)">/g)].map((m) => m[1]);

  it('shows nothing but a sign-in page to someone not signed in, on every staff page', async () => {
    const agent = new StaffAgent(base);
    for (const path of ['/staff', `/staff/intakes/${refs['abused-spouse-of-citizen']}`, '/staff/dashboard']) {
      const page = await agent.get(path);
      expect(page.status).toBe(200);
      expect(textOf(page.html)).toContain('Sign in with your work account');
      // The page to come back to is in the sign-in link; nothing of any intake is anywhere else.
      const shown = page.html.replace(/href="\/staff\/login\?next=[^"]*"/, '');
      for (const ref of Object.values(refs)) expect(shown).not.toContain(ref);
      expect(textOf(page.html)).not.toMatch(/Sam|Urgent|Spanish/);
    }
    // A form without a session changes nothing and leads to the sign-in page.
    const posted = await agent.post(`/staff/intakes/${refs['abused-spouse-of-citizen']}/close`, { from: 'new' });
    expect(textOf(posted.html)).toContain('Sign in with your work account');
    expect((await staff.puente.records.entry(refs['abused-spouse-of-citizen']!))!.state.status).toBe('new');
  });

  it('signs an allowed staff member in through the provider, with a safe session cookie, and lists urgent intakes first, then the oldest', async () => {
    const agent = new StaffAgent(base);
    const start = await fetch(`${base}/staff/login`, { redirect: 'manual' });
    expect(start.status).toBe(303);
    const location = new URL(start.headers.get('location')!);
    expect(location.origin).toBe(staff.provider.issuer);
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(location.searchParams.get('redirect_uri')).toBe(`${base}/staff/callback`);
    const cookie = start.headers.get('set-cookie')!;
    expect(cookie).toMatch(new RegExp(`^${COOKIE}=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Lax$`)); // no Secure: PUBLIC_URL is loopback http

    const inbox = await agent.signIn('Ana@Example.org');
    expect(new URL(inbox.url).pathname).toBe('/staff');
    expect(textOf(inbox.html)).toContain('You are signed in as ana@example.org.');
    expect(listed(inbox)).toEqual([
      refs['asilo-llegada-reciente'],
      refs['abused-spouse-of-citizen'],
      refs['married-usc-visa-overstay'],
      refs['casada-ciudadana-sin-inspeccion'],
    ]);
    // The Spanish intakes, in English: the language named, English labels.
    const row = inbox.html.split('<tr').find((r) => r.includes(refs['asilo-llegada-reciente']!))!;
    expect(textOf(row)).toMatch(/Spanish Urgent New Nobody yet/);
    expect(inbox.headers.get('content-security-policy')).toMatch(/default-src 'none'; style-src 'sha256-[^']+'; .*form-action 'self'; frame-ancestors 'none'/);
    expect(inbox.headers.get('cache-control')).toBe('no-store');
    expect(audits('staff.signin').at(-1)).toMatchObject({ actor: 'staff', email: 'ana@example.org' });
    expect(audits('staff.list').at(-1)).toMatchObject({ email: 'ana@example.org', references: listed(inbox) });
  });

  it('lets a whole allowed domain in, and refuses an address off the list and an unverified e-mail with a page that shows no intake', async () => {
    await signedIn('sam.rivera@staff.example.org');

    for (const [login, says] of [
      ['bob@elsewhere.example', 'You signed in as bob@elsewhere.example. This address is not on the staff list'],
      ['unverified.kim@staff.example.org', 'did not confirm your e-mail address'],
    ] as const) {
      const agent = new StaffAgent(base);
      const page = await agent.signIn(login);
      expect(page.status).toBe(403);
      expect(textOf(page.html)).toContain(says);
      for (const ref of Object.values(refs)) expect(page.html).not.toContain(ref);
      expect(agent.cookie(COOKIE)).toBeUndefined();
      // Still nothing afterwards.
      const after = await agent.get('/staff');
      expect(textOf(after.html)).toContain('Sign in with your work account');
      expect(listed(after)).toEqual([]);
    }
    expect(audits('staff.denied').map((l) => [l.email, l.reason])).toEqual([
      ['bob@elsewhere.example', 'not-allowed'],
      [undefined, 'unverified'],
    ]);
  });

  it('comes back to the intake an alert links to, after signing in', async () => {
    const ref = refs['abused-spouse-of-citizen']!;
    const agent = new StaffAgent(base);
    const asked = await agent.get(`/staff/intakes/${ref}`);
    const href = /href="(\/staff\/login\?next=[^"]+)"/.exec(asked.html)![1]!.replace(/&amp;/g, '&');
    const page = await agent.signIn('ana@example.org', href);
    expect(new URL(page.url).pathname).toBe(`/staff/intakes/${ref}`);
    // Only staff paths: a full URL in `next` is ignored.
    const other = new StaffAgent(base);
    const elsewhere = await other.signIn('ana@example.org', `/staff/login?next=${encodeURIComponent('https://evil.example/staff')}`);
    expect(new URL(elsewhere.url).pathname).toBe('/staff');
  });

  it('shows one intake in English: the findings with their because lines, the answers, the contact, and "not safe to leave a message" up front', async () => {
    const { agent } = await signedIn();
    const ref = refs['abused-spouse-of-citizen']!;
    const page = await agent.get(`/staff/intakes/${ref}`);
    const text = textOf(page.html);
    expect(page.status).toBe(200);
    expect(text).toContain(`Intake ${ref}`);
    expect(text).toContain('Urgent: follow up today.');
    // Prominent: before the details, the findings and the answers.
    const flag = text.indexOf('Not safe to leave a message.');
    expect(flag).toBeGreaterThan(0);
    expect(flag).toBeLessThan(text.indexOf('About this intake'));
    expect(page.html).toMatch(/<p class="flag no-message">/);
    expect(text).toContain('Name to use Sam');
    expect(text).toContain('sam@example.org');
    expect(text).toMatch(/\(ABUSE_SAFETY\) Because of these answers: [^.]*Abuse or control by spouse or partner/);
    expect(text).toMatch(/Abuse or control by spouse or partner Yes[^]*Sensitive answer: handle it with care\./);
    expect(audits('staff.read').at(-1)).toMatchObject({ email: 'ana@example.org', reference: ref, found: true });

    const spanish = await agent.get(`/staff/intakes/${refs['casada-ciudadana-sin-inspeccion']}`);
    const es = textOf(spanish.html);
    expect(es).toContain('Spanish: please reply in Spanish.');
    expect(es).toContain('How to contact Text message');
    expect(es).not.toMatch(/Sí|mensaje/);
  });

  it('assigns, marks contacted, closes and reopens, each recorded with the staff e-mail; a stale button changes nothing', async () => {
    const { agent } = await signedIn();
    const ref = refs['married-usc-visa-overstay']!;
    let page = await agent.get(`/staff/intakes/${ref}`);
    const stale = page;

    page = await agent.post(`/staff/intakes/${ref}/assign`, { from: 'new' }, page);
    expect(textOf(page.html)).toContain('The intake is now assigned to you.');
    expect(textOf(page.html)).toMatch(/Status Assigned Assigned to ana@example.org/);

    // Someone else's page, still showing "new": nothing happens, and it says so.
    const conflict = await agent.post(`/staff/intakes/${ref}/close`, { from: 'new' }, stale);
    expect(textOf(conflict.html)).toContain('Someone else changed this intake first. Nothing was changed.');
    expect((await staff.puente.records.entry(ref))!.state.status).toBe('assigned');

    page = await agent.post(`/staff/intakes/${ref}/contacted`, { from: 'assigned' }, page);
    expect(textOf(page.html)).toMatch(/Status Contacted Assigned to ana@example.org/);
    page = await agent.post(`/staff/intakes/${ref}/close`, { from: 'contacted' }, page);
    expect(textOf(page.html)).toContain('The intake is closed.');

    const open = await agent.get('/staff');
    expect(listed(open)).not.toContain(ref);
    const closed = await agent.get('/staff?status=closed');
    expect(listed(closed)).toEqual([ref]);
    expect(textOf(closed.html)).toContain('Intakes: Closed');

    page = await agent.post(`/staff/intakes/${ref}/reopen`, { from: 'closed' }, page);
    expect(textOf(page.html)).toMatch(/Status Assigned Assigned to ana@example.org/);
    const state = (await staff.puente.records.entry(ref))!.state;
    expect(state).toMatchObject({ status: 'assigned', assignee: 'ana@example.org' });

    expect(['staff.assign', 'staff.close', 'staff.contacted', 'staff.reopen'].map((e) => audits(e).map((l) => [l.email, l.reference, l.found]))).toEqual([
      [['ana@example.org', ref, true]],
      [
        ['ana@example.org', ref, false],
        ['ana@example.org', ref, true],
      ],
      [['ana@example.org', ref, true]],
      [['ana@example.org', ref, true]],
    ]);
  });

  it('refuses a form without the session’s CSRF token, and changes nothing', async () => {
    const { agent, inbox } = await signedIn();
    const ref = refs['asilo-llegada-reciente']!;
    const forms: Record<string, string>[] = [{ from: 'new' }, { from: 'new', csrf: 'x'.repeat(43) }, { from: 'new', csrf: csrfOf(inbox)!.slice(1) }];
    for (const fields of forms) {
      const refused = await agent.request(`/staff/intakes/${ref}/close`, { form: fields });
      expect(refused.status).toBe(403);
      expect(textOf(refused.html)).toContain('This form was too old, or it came from another page. Nothing was changed.');
    }
    const exported = await agent.request('/staff/export', { form: { status: 'open', format: 'csv' } });
    expect(exported.status).toBe(403);
    const signOut = await agent.request('/staff/logout', { form: {} });
    expect(signOut.status).toBe(403);
    expect((await staff.puente.records.entry(ref))!.state.status).toBe('new');
    expect((await agent.get('/staff')).status).toBe(200);
    expect(captured.lines().filter((l) => l.code === 'STAFF_CSRF_REFUSED').length).toBeGreaterThanOrEqual(5);
  });

  it('exports the listed intakes as JSON and CSV downloads, recorded with the references', async () => {
    const { agent, inbox } = await signedIn();
    const json = await agent.post('/staff/export', { status: 'open', format: 'json' }, inbox);
    expect(json.status).toBe(200);
    expect(json.headers.get('content-disposition')).toMatch(/^attachment; filename="puente-intakes-open-\d{4}-\d{2}-\d{2}\.json"$/);
    const exported = JSON.parse(json.html) as { reference: string; status: string }[];
    expect(exported.map((r) => r.reference)).toEqual(listed(inbox));
    expect(exported[0]).toMatchObject({ status: expect.any(String) });
    const csv = await agent.post('/staff/export', { status: 'new', format: 'csv' }, inbox);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.html.split('\n')[0]).toMatch(/^reference,createdAt,language,urgent/);
    expect(audits('staff.export').at(-2)).toMatchObject({ email: 'ana@example.org', format: 'json', references: listed(inbox) });
  });

  it('deletes an intake only after a confirmation, recorded with the e-mail', async () => {
    const { agent } = await signedIn();
    const ref = refs['casada-ciudadana-sin-inspeccion']!;
    const confirm = await agent.get(`/staff/intakes/${ref}/delete`);
    expect(textOf(confirm.html)).toContain(`Delete intake ${ref}?`);
    expect(await staff.puente.records.get(ref)).not.toBeNull();
    const done = await agent.post(`/staff/intakes/${ref}/delete`, {}, confirm);
    expect(new URL(done.url).pathname).toBe('/staff');
    expect(textOf(done.html)).toContain(`Intake ${ref} was deleted.`);
    expect(await staff.puente.records.get(ref)).toBeNull();
    expect(listed(done)).not.toContain(ref);
    expect(audits('staff.delete').at(-1)).toMatchObject({ actor: 'staff', email: 'ana@example.org', reference: ref, found: true });
    const gone = await agent.get(`/staff/intakes/${ref}`);
    expect(gone.status).toBe(404);
  });

  it('signs out for good: the old cookie opens nothing afterwards', async () => {
    const { agent, inbox } = await signedIn();
    const id = agent.cookie(COOKIE)!;
    const out = await agent.post('/staff/logout', {}, inbox);
    expect(textOf(out.html)).toContain('You signed out.');
    expect(agent.cookie(COOKIE)).toBeUndefined();
    const replay = new StaffAgent(base);
    replay.jar.set(new URL(base).origin, COOKIE, id);
    const page = await replay.get('/staff');
    expect(listed(page)).toEqual([]);
    expect(textOf(page.html)).toContain('Your session ended. Please sign in again.');
    expect(audits('staff.signout').at(-1)).toMatchObject({ email: 'ana@example.org' });
  });

  it('ends a session after 30 idle minutes, and 12 hours after sign-in however busy', async () => {
    const idle = await signedIn();
    offset += 29 * 60_000;
    expect(listed(await idle.agent.get('/staff')).length).toBeGreaterThan(0);
    offset += 31 * 60_000;
    const expired = await idle.agent.get('/staff');
    expect(listed(expired)).toEqual([]);
    expect(textOf(expired.html)).toContain('Your session ended. Please sign in again.');

    const busy = await signedIn();
    for (let minutes = 0; minutes < 12 * 60 - 20; minutes += 20) {
      offset += 20 * 60_000;
      expect(listed(await busy.agent.get('/staff')).length).toBeGreaterThan(0);
    }
    offset += 25 * 60_000;
    expect(listed(await busy.agent.get('/staff'))).toEqual([]);
    // Ended sessions are forgotten by the retention purge.
    expect((await staff.puente.purge()).staffSessions).toBeGreaterThanOrEqual(2);
  });

  it('refuses a replayed or forged callback', async () => {
    const agent = new StaffAgent(base);
    const forged = await agent.get('/staff/callback?code=abc&state=xyz');
    expect(forged.status).toBe(400);
    expect(textOf(forged.html)).toContain('Sign-in did not work. Please try again.');
    // A real code, used twice: the second time the sign-in in progress is gone.
    const login = await agent.get('/staff/login');
    const action = /<form method="post" action="([^"]+)"/.exec(login.html)![1]!;
    const res = await fetch(new URL(action, login.url), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: agent.jar.header(new URL(login.url).origin) },
      body: 'login=ana%40example.org',
    });
    agent.jar.store(new URL(login.url).origin, res);
    let next = new URL(res.headers.get('location')!, login.url);
    while (!next.href.startsWith(`${base}/staff/callback`)) {
      const r = await fetch(next, { redirect: 'manual', headers: { cookie: agent.jar.header(next.origin) } });
      agent.jar.store(next.origin, r);
      next = new URL(r.headers.get('location')!, next);
    }
    const first = await agent.get(next.href);
    expect(new URL(first.url).pathname).toBe('/staff');
    const again = await agent.get(next.href);
    expect(again.status).toBe(400);
  });

  it('shows the funnel dashboard behind the same sign-in', async () => {
    const { agent } = await signedIn();
    const page = await agent.get('/staff/dashboard?days=7');
    expect(page.status).toBe(200);
    expect(page.html).toContain('<option value="7" selected>');
    expect(page.html).toMatch(/role="img"/);
    expect(audits('staff.stats').at(-1)).toMatchObject({ email: 'ana@example.org', days: 7 });
  });
});

describe('the staff sign-in when the identity provider does not answer', () => {
  it('says sign-in is not working right now, and logs it for IT', async () => {
    const captured = captureLog();
    const port = await freePort();
    const puente = await startTestServer(
      {
        PORT: String(port),
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        STAFF_OIDC_ISSUER: `http://127.0.0.1:${await freePort()}`, // nobody listens there
        STAFF_OIDC_CLIENT_ID: 'puente-staff',
        STAFF_OIDC_CLIENT_SECRET: 'not-used-here',
        STAFF_EMAILS: 'ana@example.org',
      },
      { log: captured.log },
    );
    try {
      const page = await new StaffAgent(puente.url).get('/staff/login');
      expect(page.status).toBe(503);
      expect(textOf(page.html)).toContain('Sign-in is not working right now.');
      expect(captured.lines().map((l) => l.code)).toContain('STAFF_SIGNIN_UNAVAILABLE');
    } finally {
      await puente.close();
    }
  });
});

describe('the staff sign-in routes under a flood', () => {
  it('refuses an address over its per-minute limit before storing anything or calling the provider', async () => {
    const staff = await startStaffServer({ RATE_LIMIT_PER_ADDRESS: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await fetch(`${staff.puente.url}/staff/login`, { redirect: 'manual' })).status);
      expect(statuses).toEqual([303, 303, 303]);
      const refused = await fetch(`${staff.puente.url}/staff/callback?code=x&state=y`, { redirect: 'manual' });
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(refused.headers.get('set-cookie')).toBeNull();
      expect(textOf(await refused.text())).toContain('Too many sign-in attempts came from this network.');
      // The inbox itself is not limited this way: a signed-in person works on.
      expect((await fetch(`${staff.puente.url}/staff`)).status).toBe(200);
    } finally {
      await staff.close();
    }
  });
});
