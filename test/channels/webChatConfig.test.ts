/** Settings of the web chat: FRAME_ANCESTORS, TRUST_PROXY_HOPS and the profile's quick-exit URL. */
import path from 'node:path';
import { loadConfig, orgProfileSchema, loadOrgProfile } from '../../src/config';
import { contentSecurityPolicy } from '../../src/server/static';

describe('FRAME_ANCESTORS', () => {
  it('defaults to none', () => {
    expect(loadConfig({}).frameAncestors).toBeUndefined();
    expect(loadConfig({ FRAME_ANCESTORS: ' ' }).frameAncestors).toBeUndefined();
    expect(contentSecurityPolicy(undefined)).toMatch(/frame-ancestors 'none'$/);
  });

  it('takes space-separated origins', () => {
    const c = loadConfig({ FRAME_ANCESTORS: "  https://www.example.org   https://*.example.org:8443 'self' " });
    expect(c.frameAncestors).toBe("https://www.example.org https://*.example.org:8443 'self'");
    expect(contentSecurityPolicy(c.frameAncestors)).toMatch(/frame-ancestors https:\/\/www\.example\.org https:\/\/\*\.example\.org:8443 'self'$/);
  });

  it('refuses anything that could change the policy', () => {
    for (const bad of ['https://a.org; script-src *', '*', 'https://a.org,https://b.org', "'unsafe-inline'", 'javascript:x', 'https://a.org/path']) {
      expect(() => loadConfig({ FRAME_ANCESTORS: bad })).toThrow(/FRAME_ANCESTORS/);
    }
  });
});

describe('TRUST_PROXY_HOPS', () => {
  it('defaults to 0 and accepts a small integer', () => {
    expect(loadConfig({}).trustProxyHops).toBe(0);
    expect(loadConfig({ TRUST_PROXY_HOPS: '2' }).trustProxyHops).toBe(2);
    expect(() => loadConfig({ TRUST_PROXY_HOPS: '-1' })).toThrow(/TRUST_PROXY_HOPS/);
  });
});

describe('quickExitUrl', () => {
  const example = loadOrgProfile(path.resolve(__dirname, '../../config/organization.example.json'));

  it('is in the example profile and defaults to a neutral site', () => {
    expect(example.quickExitUrl).toBe('https://www.weather.gov/');
    const { quickExitUrl: _, ...rest } = example;
    expect(orgProfileSchema.parse(rest).quickExitUrl).toBe('https://www.weather.gov/');
  });

  it('must be an http(s) URL', () => {
    expect(orgProfileSchema.safeParse({ ...example, quickExitUrl: 'javascript:alert(1)' }).success).toBe(false);
    expect(orgProfileSchema.safeParse({ ...example, quickExitUrl: 'https://www.google.com/' }).success).toBe(true);
  });
});
