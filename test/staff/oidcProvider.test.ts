/**
 * The test OpenID provider (test/support/oidcProviderServer.mjs) works end to end with the real
 * openid-client v6, without a browser: discovery, an authorization URL with PKCE, state and nonce,
 * its login form posted by hand (cookies carried by hand, redirects followed one by one), the code
 * at the redirect URI, and the ID token's claims after the token request.
 */
import * as client from 'openid-client';
import { freePort } from '../support/childServer';
import { startOidcProvider, type OidcProvider } from '../support/oidcProvider';

/** A tiny cookie jar: one origin (the provider), cookies by name; paths are ignored. */
class Jar {
  private readonly cookies = new Map<string, string>();

  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => {
        const [k = '', v = ''] = a.split('=');
        const key = k.trim().toLowerCase();
        return (key === 'expires' && Date.parse(v) <= Date.now()) || (key === 'max-age' && Number(v) <= 0);
      });
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

interface SignIn {
  claims: client.IDToken;
  callback: URL;
  /** URLs visited on the provider, in order. */
  visited: string[];
  loginPage: string;
}

describe('the test OpenID provider, with openid-client', () => {
  let provider: OidcProvider;
  let redirectUri: string;

  beforeAll(async () => {
    // Nobody listens there: the test stops at the redirect and never connects.
    redirectUri = `http://127.0.0.1:${await freePort()}/staff/callback`;
    provider = await startOidcProvider({ redirectUris: [redirectUri], clientSecret: 'test-secret-123' });
  });

  afterAll(() => provider?.stop());

  const configure = (auth: client.ClientAuth) =>
    client.discovery(new URL(provider.issuer), provider.clientId, undefined, auth, { execute: [client.allowInsecureRequests] });

  /** The whole sign-in as the app and a browser would do it, with `login` typed in the form. */
  async function signIn(config: client.Configuration, login: string): Promise<SignIn> {
    const pkceCodeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const authorizationUrl = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(pkceCodeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });

    const jar = new Jar();
    const visited: string[] = [];
    let loginPage = '';
    let request: { url: URL; init: RequestInit } = { url: authorizationUrl, init: { method: 'GET' } };
    for (let hops = 0; ; hops++) {
      expect(hops).toBeLessThan(10);
      const { url, init } = request;
      // Only the provider is ever contacted; the redirect URI is where we stop.
      expect(url.origin).toBe(provider.issuer);
      visited.push(url.pathname);
      const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: jar.header() } });
      jar.store(res);
      if (res.status >= 300 && res.status < 400) {
        const next = new URL(res.headers.get('location')!, url);
        await res.arrayBuffer();
        if (next.href.startsWith(redirectUri)) {
          const tokens = await client.authorizationCodeGrant(config, next, { pkceCodeVerifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true });
          return { claims: tokens.claims()!, callback: next, visited, loginPage };
        }
        request = { url: next, init: { method: 'GET' } };
        continue;
      }
      const html = await res.text();
      expect(res.status).toBe(200);
      // The login form: one "login" text input with its label, and a "Sign in" button.
      loginPage = html;
      const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
      expect(action).toBeDefined();
      request = {
        url: new URL(action!, url),
        init: { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ login }).toString() },
      };
    }
  }

  it('signs in with client_secret_basic: the ID token says who, with a verified, lower-cased e-mail', async () => {
    const config = await configure(client.ClientSecretBasic(provider.clientSecret));
    expect(config.serverMetadata().issuer).toBe(provider.issuer);
    expect(config.serverMetadata().code_challenge_methods_supported).toEqual(['S256']);

    const { claims, callback, visited, loginPage } = await signIn(config, 'Ana.Staff@Example.ORG');
    expect(claims.email).toBe('ana.staff@example.org');
    expect(claims.email_verified).toBe(true);
    expect(claims.iss).toBe(provider.issuer);
    expect(claims.aud).toBe(provider.clientId);
    expect(callback.searchParams.get('code')).toBeTruthy();
    // What a browser test relies on (see the top of oidcProviderServer.mjs).
    expect(visited).toEqual(expect.arrayContaining(['/auth', expect.stringMatching(/^\/interaction\/[^/]+$/), expect.stringMatching(/^\/interaction\/[^/]+\/login$/)]));
    expect(loginPage).toContain('<label for="login">Login</label>');
    expect(loginPage).toContain('<input id="login" name="login" type="text"');
    expect(loginPage).toContain('<button type="submit">Sign in</button>');
    expect(loginPage).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/); // nothing from outside
  });

  it('signs in with client_secret_post too; an "unverified…" login has email_verified false', async () => {
    const config = await configure(client.ClientSecretPost(provider.clientSecret));
    const { claims } = await signIn(config, 'Unverified.Bo@example.org');
    expect(claims.email).toBe('unverified.bo@example.org');
    expect(claims.email_verified).toBe(false);
  });

  it('refuses a wrong client secret and an authorization request without PKCE', async () => {
    const wrong = await configure(client.ClientSecretBasic('not-the-secret'));
    const refused = (await signIn(wrong, 'ana@example.org').catch((e: unknown) => e)) as { status?: number; cause?: unknown };
    expect(refused).toBeInstanceOf(Error);
    expect(refused.status).toBe(401);
    expect(JSON.stringify(refused.cause)).toContain('invalid_client');

    const config = await configure(client.ClientSecretBasic(provider.clientSecret));
    const url = client.buildAuthorizationUrl(config, { redirect_uri: redirectUri, scope: 'openid email profile', state: client.randomState() });
    const res = await fetch(url, { redirect: 'manual' });
    const location = new URL(res.headers.get('location')!);
    expect(location.href.startsWith(redirectUri)).toBe(true);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toMatch(/PKCE/);
  });
});
