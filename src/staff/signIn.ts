/**
 * Staff sign-in with the organization's own identity provider (OpenID Connect: Microsoft Entra ID,
 * Google Workspace, Okta...), through openid-client: the authorization-code flow with PKCE (S256),
 * state and nonce, the client authenticated with its secret. No token is handled by hand here: the
 * library checks the ID token (issuer, audience, signature, nonce, expiry) and we read its claims.
 *
 * Who may enter is decided by the e-mail in the ID token, and only when the provider vouches for it:
 * `email_verified: true` (Google, Okta, most providers), or Entra ID's `xms_edov: true` (the e-mail's
 * domain is verified by the tenant; README "For staff" says how to add that optional claim). An e-mail
 * a person could set themselves is never trusted.
 */
import * as oidc from 'openid-client';
import type { StaffSignInConfig } from '../config';
import { isLoopbackHost } from '../config/env';

/** How long a request to the identity provider may take (discovery, the code exchange, its keys). */
const PROVIDER_TIMEOUT_SECONDS = 10;

export interface LoginStart {
  /** Where the browser goes now: the provider's authorization endpoint with our parameters. */
  url: string;
  /** Kept server-side until the callback (staffSessions.ts). */
  state: string;
  nonce: string;
  verifier: string;
}

export type SignInOutcome =
  | { ok: true; email: string }
  /** `unverified`: the provider gave no e-mail it vouches for. `not-allowed`: not on STAFF_EMAILS. */
  | { ok: false; reason: 'unverified' | 'not-allowed'; email?: string };

/** True when a verified e-mail is on STAFF_EMAILS: the exact address, or its whole domain. */
export function isAllowed(email: string, allowed: StaffSignInConfig['allowed']): boolean {
  const address = email.toLowerCase();
  const at = address.lastIndexOf('@');
  if (at < 1) return false;
  return allowed.emails.includes(address) || allowed.domains.includes(address.slice(at + 1));
}

/** The e-mail of the ID token's claims, when the provider vouches for it; lower-cased. */
export function verifiedEmail(claims: Record<string, unknown> | undefined): string | null {
  if (!claims || typeof claims.email !== 'string') return null;
  const vouched = claims.email_verified === true || claims.xms_edov === true || claims.xms_edov === '1' || claims.xms_edov === 'true';
  return vouched ? claims.email.trim().toLowerCase() : null;
}

export class StaffSignIn {
  private configuration: Promise<oidc.Configuration> | null = null;

  constructor(private readonly config: StaffSignInConfig) {}

  /** The provider's metadata, fetched on first use and kept; a failed fetch is tried again next time. */
  private provider(): Promise<oidc.Configuration> {
    if (!this.configuration) {
      const issuer = new URL(this.config.issuer);
      // http only to a provider on this machine (tests); config/env.ts refuses it elsewhere.
      const insecure = issuer.protocol === 'http:' && isLoopbackHost(issuer.hostname);
      this.configuration = oidc
        .discovery(issuer, this.config.clientId, this.config.clientSecret, undefined, {
          timeout: PROVIDER_TIMEOUT_SECONDS,
          ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
        })
        .then((configuration) => {
          configuration.timeout = PROVIDER_TIMEOUT_SECONDS;
          return configuration;
        });
      this.configuration.catch(() => (this.configuration = null));
    }
    return this.configuration;
  }

  /** Starts a sign-in: fresh state, nonce and PKCE verifier, and the provider's URL to send the browser to. */
  async start(): Promise<LoginStart> {
    const configuration = await this.provider();
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.config.redirectUri,
      scope: 'openid email profile',
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, state, nonce, verifier };
  }

  /**
   * Finishes a sign-in from the callback's query string: exchanges the code (checking state, PKCE and
   * nonce) and decides from the ID token's claims. Throws when the provider refused or the checks fail.
   */
  async finish(query: string, login: Pick<LoginStart, 'state' | 'nonce' | 'verifier'>): Promise<SignInOutcome> {
    const configuration = await this.provider();
    // The URL the provider redirected to, rebuilt from configuration (never from the Host header).
    const current = new URL(this.config.redirectUri);
    current.search = query;
    const tokens = await oidc.authorizationCodeGrant(configuration, current, {
      pkceCodeVerifier: login.verifier,
      expectedState: login.state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    });
    const email = verifiedEmail(tokens.claims() as Record<string, unknown> | undefined);
    if (!email) return { ok: false, reason: 'unverified' };
    if (!isAllowed(email, this.config.allowed)) return { ok: false, reason: 'not-allowed', email };
    return { ok: true, email };
  }
}
