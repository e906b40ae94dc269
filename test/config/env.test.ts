import path from 'node:path';
import { ConfigError, loadConfig, loadOrgProfile } from '../../src/config';

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
