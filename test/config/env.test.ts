import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, envSchema, loadConfig, loadOrgProfile } from '../../src/config';

/** One valid key (32 bytes), for configurations that listen beyond loopback. */
const KEYS = `k1:${Buffer.alloc(32, 7).toString('base64')}`;

describe('configuration', () => {
  it('runs on embedded defaults with an empty environment', () => {
    const c = loadConfig({}, '/srv/puente');
    expect(c).toMatchObject({ port: 3978, host: '127.0.0.1', logLevel: 'info', botFramework: undefined });
    expect(c.orgProfilePath).toBe(path.resolve('/srv/puente', 'config/organization.example.json'));
    expect(c.sessionTtlMs).toBe(30 * 86_400_000);
    expect(c.recordTtlMs).toBe(90 * 86_400_000);
    expect(c.dataDir).toBe(path.resolve('/srv/puente', 'data'));
    expect(c.databaseUrl).toBeUndefined();
    expect(c.encryption).toBeUndefined();
  });

  it('refuses to start in production without encryption keys', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/ENCRYPTION_KEYS/);
    const key = Buffer.alloc(32, 7).toString('base64');
    const c = loadConfig({ NODE_ENV: 'production', ENCRYPTION_KEYS: `2026a:${key}, 2025b:${key}`, ENCRYPTION_KEY_ID: '2025b' });
    expect([...c.encryption!.keys.keys()]).toEqual(['2026a', '2025b']);
    expect(c.encryption!.current).toBe('2025b');
    expect(loadConfig({ ENCRYPTION_KEYS: `a:${key},b:${key}` }).encryption!.current).toBe('a');
  });

  it('rejects malformed keys and unknown key ids', () => {
    expect(() => loadConfig({ ENCRYPTION_KEYS: 'k1:short' })).toThrow(/ENCRYPTION_KEYS/);
    expect(() => loadConfig({ ENCRYPTION_KEYS: `k1:${Buffer.alloc(32).toString('base64')}`, ENCRYPTION_KEY_ID: 'k9' })).toThrow(/ENCRYPTION_KEY_ID/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });

  it('treats empty values as unset, as .env.example leaves them', () => {
    expect(loadConfig({ MicrosoftAppId: '', MicrosoftAppType: '', PORT: '' }).botFramework).toBeUndefined();
  });

  it('lists every setting in .env.example, which works as it is', () => {
    const lines = readFileSync(path.resolve(__dirname, '../../.env.example'), 'utf8').split('\n');
    const example = Object.fromEntries(lines.filter((l) => /^\w+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    expect(Object.keys(envSchema.shape).filter((key) => !(key in example))).toEqual([]);
    expect(loadConfig(example)).toMatchObject({ publicUrl: undefined, staffSignIn: undefined, alerts: undefined, webhook: undefined });
  });

  it('stops idle helper threads after THREADS_IDLE_SECONDS (300 by default, 0 for never)', () => {
    expect(loadConfig({}).threadIdleMs).toBe(300_000);
    expect(loadConfig({ THREADS_IDLE_SECONDS: '' }).threadIdleMs).toBe(300_000);
    expect(loadConfig({ THREADS_IDLE_SECONDS: '0' }).threadIdleMs).toBe(0);
    expect(loadConfig({ THREADS_IDLE_SECONDS: '20' }).threadIdleMs).toBe(20_000);
    expect(() => loadConfig({ THREADS_IDLE_SECONDS: '-1' })).toThrow(/THREADS_IDLE_SECONDS/);
    expect(() => loadConfig({ THREADS_IDLE_SECONDS: 'soon' })).toThrow(/THREADS_IDLE_SECONDS/);
  });

  it('keeps the benchmark timing hook off unless BENCH_TIMINGS is true', () => {
    expect(loadConfig({}).benchTimings).toBe(false);
    expect(loadConfig({ BENCH_TIMINGS: '' }).benchTimings).toBe(false);
    expect(loadConfig({ BENCH_TIMINGS: 'false' }).benchTimings).toBe(false);
    expect(loadConfig({ BENCH_TIMINGS: 'true' }).benchTimings).toBe(true);
    expect(() => loadConfig({ BENCH_TIMINGS: 'yes' })).toThrow(/BENCH_TIMINGS/);
  });

  it('names the field of a bad value', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });

  it('requires a password with an app id, and a tenant for single tenant', () => {
    expect(() => loadConfig({ MicrosoftAppId: 'abc' })).toThrow(/MicrosoftAppPassword/);
    expect(() => loadConfig({ MicrosoftAppId: 'abc', MicrosoftAppPassword: 'x', MicrosoftAppType: 'SingleTenant' })).toThrow(/MicrosoftAppTenantId/);
    expect(loadConfig({ MicrosoftAppId: 'abc', MicrosoftAppPassword: 'x' }).botFramework).toEqual({
      appId: 'abc', appPassword: 'x', appType: 'MultiTenant', tenantId: undefined,
    });
  });

  it('asks a managed identity for its tenant and no password', () => {
    const msi = { MicrosoftAppId: 'abc', MicrosoftAppType: 'UserAssignedMSI' };
    expect(() => loadConfig(msi)).toThrow(/MicrosoftAppTenantId/);
    expect(() => loadConfig({ ...msi, MicrosoftAppTenantId: 't', MicrosoftAppPassword: 'x' })).toThrow(/MicrosoftAppPassword/);
    expect(loadConfig({ ...msi, MicrosoftAppTenantId: 't' }).botFramework).toMatchObject({ appType: 'UserAssignedMSI', tenantId: 't' });
  });

  it('takes OpenID metadata overrides over https (http only on loopback), and the US Government cloud', () => {
    const bf = { MicrosoftAppId: 'abc', MicrosoftAppPassword: 'x' };
    expect(loadConfig(bf).botFramework!.openIdMetadata).toBeUndefined();
    const c = loadConfig({ ...bf, ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.example/v1/.well-known/openidconfiguration' });
    expect(c.botFramework!.openIdMetadata).toEqual({ channel: 'https://login.botframework.example/v1/.well-known/openidconfiguration', emulator: undefined });
    expect(loadConfig({ ...bf, ToBotFromEmulatorOpenIdMetadataUrl: 'http://127.0.0.1:8080/openid' }).botFramework!.openIdMetadata!.emulator).toBe('http://127.0.0.1:8080/openid');
    expect(() => loadConfig({ ...bf, ToBotFromChannelOpenIdMetadataUrl: 'http://keys.example.org/openid' })).toThrow(/ToBotFromChannelOpenIdMetadataUrl/);
    expect(() => loadConfig({ ...bf, ToBotFromChannelOpenIdMetadataUrl: 'not a url' })).toThrow(/ToBotFromChannelOpenIdMetadataUrl/);
    expect(loadConfig({ ...bf, ChannelService: 'https://botframework.azure.us' }).botFramework!.channelService).toBe('https://botframework.azure.us');
    expect(() => loadConfig({ ...bf, ChannelService: 'https://example.org' })).toThrow(/ChannelService/);
  });

  it('serves /metrics on the main port only with a token, or on a port of its own', () => {
    // Issue 19: not even on loopback without a credential (a reverse proxy on the machine would publish it).
    expect(loadConfig({}).metrics).toEqual({ listen: 'off', token: undefined });
    for (const host of ['127.0.0.1', '127.10.0.1', 'localhost', '::1', '[::1]']) expect(loadConfig({ HOST: host }).metrics.listen).toBe('off');
    for (const host of ['0.0.0.0', '::', '10.0.0.5', 'bot.internal']) expect(loadConfig({ HOST: host, ENCRYPTION_KEYS: KEYS }).metrics.listen).toBe('off');
    const token = 'metrics-token-0123456789-abcdef';
    expect(loadConfig({ HOST: '127.0.0.1', METRICS_TOKEN: token }).metrics).toEqual({ listen: 'main', token });
    expect(loadConfig({ HOST: '0.0.0.0', ENCRYPTION_KEYS: KEYS, METRICS_TOKEN: token }).metrics).toEqual({ listen: 'main', token });
    expect(loadConfig({ HOST: '0.0.0.0', ENCRYPTION_KEYS: KEYS, METRICS_PORT: '9464' }).metrics.listen).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(loadConfig({ METRICS_PORT: '9464', METRICS_HOST: '10.0.0.5', METRICS_TOKEN: token }).metrics).toEqual({ listen: { host: '10.0.0.5', port: 9464 }, token });
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    expect(() => loadConfig({ METRICS_HOST: '0.0.0.0' })).toThrow(/METRICS_PORT/);
    expect(() => loadConfig({ METRICS_PORT: '3978' })).toThrow(/METRICS_PORT: must differ from PORT/);
    expect(() => loadConfig({ METRICS_PORT: 'ninety' })).toThrow(/METRICS_PORT/);
  });

  it('loads the example organization profile and rejects a broken one', () => {
    const p = loadOrgProfile(path.resolve(__dirname, '../../config/organization.example.json'));
    expect(p.name.en).toMatch(/fictional/);
    expect(p.name.es).toMatch(/ficticia/);
    expect(() => loadOrgProfile(path.resolve(__dirname, '../../package.json'))).toThrow(/Invalid organization profile/);
    expect(() => loadOrgProfile('/nonexistent.json')).toThrow(/Cannot read/);
  });
});

describe('keys next to the data (issue 19)', () => {
  it('refuses to listen beyond loopback without ENCRYPTION_KEYS, naming it', () => {
    for (const host of ['0.0.0.0', '::', '10.0.0.5', 'bot.internal']) {
      expect(() => loadConfig({ HOST: host })).toThrow(/ENCRYPTION_KEYS: required when HOST .* is not a loopback address/);
    }
    for (const host of ['127.0.0.1', 'localhost', '::1']) expect(loadConfig({ HOST: host }).encryption).toBeUndefined();
    expect(loadConfig({ HOST: '0.0.0.0', ENCRYPTION_KEYS: KEYS }).encryption?.current).toBe('k1');
  });

  it('accepts the key file beyond loopback only with the explicit opt-in', () => {
    expect(loadConfig({ HOST: '0.0.0.0', LOCAL_KEY_FILE: 'accept-key-next-to-data' }).encryption).toBeUndefined();
    expect(() => loadConfig({ HOST: '0.0.0.0', LOCAL_KEY_FILE: 'true' })).toThrow(/LOCAL_KEY_FILE/);
    // Production still needs keys from the environment.
    expect(() => loadConfig({ NODE_ENV: 'production', HOST: '0.0.0.0', LOCAL_KEY_FILE: 'accept-key-next-to-data' })).toThrow(/ENCRYPTION_KEYS/);
  });

  it('sends the webhook only over https, except to loopback, in every environment', () => {
    const secret = 'w'.repeat(32);
    expect(() => loadConfig({ WEBHOOK_URL: 'http://staff.example.org/hook', WEBHOOK_SECRET: secret })).toThrow(/WEBHOOK_URL: must use https/);
    for (const url of ['https://staff.example.org/hook', 'http://127.0.0.1:9000/hook', 'http://localhost:9000/hook', 'http://[::1]:9000/hook']) {
      expect(loadConfig({ WEBHOOK_URL: url, WEBHOOK_SECRET: secret }).webhook?.url).toBe(url);
    }
  });
});

describe('public URL, staff sign-in and urgent alerts (issue 21)', () => {
  const PUBLIC = { PUBLIC_URL: 'https://intake.example.org' };
  const SMTP = { SMTP_URL: 'smtp://alerts:secret@mail.example.org:587', ALERT_EMAILS: 'lead@example.org' };
  const OIDC = { STAFF_OIDC_ISSUER: 'https://login.example.org/tenant/v2.0', STAFF_OIDC_CLIENT_ID: 'puente-inbox', STAFF_OIDC_CLIENT_SECRET: 'client-secret-value', STAFF_EMAILS: 'ana@example.org' };

  it('leaves all three off by default', () => {
    expect(loadConfig({})).toMatchObject({ publicUrl: undefined, staffSignIn: undefined, alerts: undefined });
    expect(loadConfig({ PUBLIC_URL: '', SMTP_URL: '', ALERT_EMAILS: '', ALERT_FROM: '', STAFF_EMAILS: '' }).alerts).toBeUndefined();
  });

  it('takes PUBLIC_URL over https (http only on loopback), without a trailing slash', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://intake.example.org/' }).publicUrl).toBe('https://intake.example.org');
    expect(loadConfig({ PUBLIC_URL: 'https://example.org/puente//' }).publicUrl).toBe('https://example.org/puente');
    for (const url of ['http://127.0.0.1:3978', 'http://localhost:3978', 'http://[::1]:3978']) expect(loadConfig({ PUBLIC_URL: url }).publicUrl).toBe(url);
    expect(() => loadConfig({ PUBLIC_URL: 'http://intake.example.org' })).toThrow(/PUBLIC_URL: must use https/);
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://intake.example.org' })).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ PUBLIC_URL: 'intake.example.org' })).toThrow(/PUBLIC_URL/);
  });

  it('refuses a PUBLIC_URL with a query, a fragment or credentials (links are built by appending to it)', () => {
    for (const url of ['https://intake.example.org/?lang=es', 'https://intake.example.org/?', 'https://intake.example.org/#top', 'https://staff:pw@intake.example.org']) {
      expect(() => loadConfig({ PUBLIC_URL: url })).toThrow(/PUBLIC_URL: must be a base address/);
    }
  });

  it('needs SMTP_URL and ALERT_EMAILS together, and PUBLIC_URL for the links', () => {
    expect(() => loadConfig({ ...PUBLIC, SMTP_URL: SMTP.SMTP_URL })).toThrow(/ALERT_EMAILS: SMTP_URL and ALERT_EMAILS go together/);
    expect(() => loadConfig({ ...PUBLIC, ALERT_EMAILS: SMTP.ALERT_EMAILS })).toThrow(/SMTP_URL: SMTP_URL and ALERT_EMAILS go together/);
    expect(() => loadConfig(SMTP)).toThrow(/PUBLIC_URL: required for urgent alerts/);
    expect(loadConfig({ ...PUBLIC, ...SMTP }).alerts).toEqual({
      smtpUrl: SMTP.SMTP_URL,
      to: ['lead@example.org'],
      from: 'Puente <puente@intake.example.org>',
      publicUrl: 'https://intake.example.org',
    });
  });

  it('takes smtp:// and smtps:// URLs only, and a list of plain addresses', () => {
    expect(loadConfig({ ...PUBLIC, ...SMTP, SMTP_URL: 'smtps://alerts:secret@mail.example.org:465' }).alerts?.smtpUrl).toBe('smtps://alerts:secret@mail.example.org:465');
    expect(loadConfig({ ...PUBLIC, ...SMTP, SMTP_URL: 'smtp://127.0.0.1:2525?requireTLS=true' }).alerts?.smtpUrl).toBe('smtp://127.0.0.1:2525?requireTLS=true');
    for (const url of ['https://mail.example.org', 'mail.example.org:587']) expect(() => loadConfig({ ...PUBLIC, ...SMTP, SMTP_URL: url })).toThrow(/SMTP_URL: must be smtp:/);
    // No host: the mailer would quietly try this machine.
    for (const url of ['smtp:mail', 'smtp://', 'smtps:///x']) expect(() => loadConfig({ ...PUBLIC, ...SMTP, SMTP_URL: url })).toThrow(/SMTP_URL: must name the mail server/);
    expect(loadConfig({ ...PUBLIC, ...SMTP, ALERT_EMAILS: ' lead@example.org , On-Call@Example.org ' }).alerts?.to).toEqual(['lead@example.org', 'On-Call@Example.org']);
    for (const list of ['lead', 'lead@example.org;x@example.org', 'Lead <lead@example.org>', 'lead@example.org,']) {
      expect(() => loadConfig({ ...PUBLIC, ...SMTP, ALERT_EMAILS: list })).toThrow(/ALERT_EMAILS: expected comma-separated e-mail addresses/);
    }
  });

  it('sends alerts from ALERT_FROM, by default puente@ the PUBLIC_URL host', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://Intake.Example.org:8443/puente/', ...SMTP }).alerts?.from).toBe('Puente <puente@intake.example.org>');
    expect(loadConfig({ ...PUBLIC, ...SMTP, ALERT_FROM: 'Intake alerts <alerts@example.org>' }).alerts?.from).toBe('Intake alerts <alerts@example.org>');
    expect(loadConfig({ ...PUBLIC, ...SMTP, ALERT_FROM: 'alerts@example.org' }).alerts?.from).toBe('alerts@example.org');
    for (const from of ['Puente', 'Puente <puente>', 'a@example.org\r\nBcc: x@example.org']) expect(() => loadConfig({ ...PUBLIC, ...SMTP, ALERT_FROM: from })).toThrow(/ALERT_FROM/);
  });

  it('needs every staff sign-in setting together, and PUBLIC_URL for the redirect', () => {
    for (const key of Object.keys(OIDC) as (keyof typeof OIDC)[]) {
      const partial: Record<string, string> = { ...PUBLIC, ...OIDC };
      delete partial[key];
      expect(() => loadConfig(partial)).toThrow(new RegExp(`${key}: staff sign-in needs STAFF_OIDC_ISSUER, STAFF_OIDC_CLIENT_ID, STAFF_OIDC_CLIENT_SECRET, STAFF_EMAILS together`));
    }
    expect(() => loadConfig({ STAFF_EMAILS: 'ana@example.org' })).toThrow(/STAFF_OIDC_ISSUER: staff sign-in needs/);
    expect(() => loadConfig(OIDC)).toThrow(/PUBLIC_URL: required for staff sign-in/);
  });

  it('builds the redirect from PUBLIC_URL and takes the issuer over https (http only on loopback)', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://intake.example.org/', ...OIDC }).staffSignIn).toEqual({
      issuer: OIDC.STAFF_OIDC_ISSUER,
      clientId: 'puente-inbox',
      clientSecret: 'client-secret-value',
      redirectUri: 'https://intake.example.org/staff/callback',
      allowed: { emails: ['ana@example.org'], domains: [] },
    });
    expect(loadConfig({ ...PUBLIC, ...OIDC, STAFF_OIDC_ISSUER: 'http://127.0.0.1:9000/oidc' }).staffSignIn?.issuer).toBe('http://127.0.0.1:9000/oidc');
    expect(() => loadConfig({ ...PUBLIC, ...OIDC, STAFF_OIDC_ISSUER: 'http://login.example.org' })).toThrow(/STAFF_OIDC_ISSUER: must use https/);
    expect(() => loadConfig({ ...PUBLIC, ...OIDC, STAFF_OIDC_ISSUER: 'login.example.org' })).toThrow(/STAFF_OIDC_ISSUER/);
  });

  it('reads STAFF_EMAILS as addresses and @domain entries, lower-cased', () => {
    const c = loadConfig({ ...PUBLIC, ...OIDC, STAFF_EMAILS: ' Ana@Example.org, @Staff.Example.org ,luis@example.net' });
    expect(c.staffSignIn?.allowed).toEqual({ emails: ['ana@example.org', 'luis@example.net'], domains: ['staff.example.org'] });
    for (const list of ['ana', '@', '@localhost', 'ana@example.org;luis@example.org', 'Ana <ana@example.org>', 'ana@example.org,']) {
      expect(() => loadConfig({ ...PUBLIC, ...OIDC, STAFF_EMAILS: list })).toThrow(/STAFF_EMAILS: expected comma-separated e-mail addresses/);
    }
  });
});
