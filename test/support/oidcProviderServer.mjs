/**
 * A real OpenID Connect provider (the `oidc-provider` package) on a loopback port, for the tests of
 * staff sign-in (issue 21 §5). oidc-provider is ESM-only and jest runs CommonJS, so this is a plain
 * Node script that the tests start as a child process: use startOidcProvider() from
 * test/support/oidcProvider.ts. (Not named oidcProvider.mjs: jest resolves '../support/oidcProvider'
 * to a .mjs before a .ts.)
 *
 * Usage: node test/support/oidcProviderServer.mjs '<json>'   (or the JSON in env OIDC_PROVIDER_CONFIG)
 *   { "clientId": "puente-staff", "clientSecret": "...", "redirectUris": ["http://127.0.0.1:1234/staff/callback"],
 *     "postLogoutRedirectUris": ["http://127.0.0.1:1234/"], "port": 0 }
 * Once listening it prints exactly one line on stdout, {"issuer":"http://127.0.0.1:<port>","port":<port>},
 * and nothing else there (the provider's own notices go to stderr). SIGTERM/SIGINT stop it cleanly.
 *
 * The provider: issuer http://127.0.0.1:<port> over plain http (openid-client needs
 * allowInsecureRequests), discovery at /.well-known/openid-configuration, authorization code flow
 * only, PKCE (S256) required, one confidential client whose secret works with client_secret_basic
 * and client_secret_post alike, ID tokens signed RS256 with a key made at start-up. The ID token
 * itself carries the scope's claims (conformIdTokenClaims off): with scope `openid email profile`
 * it has `email`, `email_verified` and `name`.
 *
 * Accounts: whatever is typed as the login is an account. Its `sub` and `email` are the login
 * trimmed and lower-cased; `email_verified` is true unless that starts with "unverified" (so
 * "unverified.ana@example.org" gives email_verified false); `name` is the login as typed.
 *
 * The login page, for browser tests (no scripts, no external resources, nothing else to click):
 * - The authorization request redirects (303) to http://127.0.0.1:<port>/interaction/<uid>, an
 *   HTML page titled "Sign in - test identity provider" with heading "Sign in".
 * - One text input, name="login", id="login", label "Login" (playwright: page.getByLabel('Login')).
 * - One submit button "Sign in" (page.getByRole('button', { name: 'Sign in' })); the form posts to
 *   /interaction/<uid>/login. A "Cancel" link (/interaction/<uid>/abort) ends the sign-in with
 *   error=access_denied at the redirect URI.
 * - Consent needs no click: the requested scopes and claims are granted automatically, and the
 *   browser lands on <redirect URI>?code=...&state=...&iss=...
 * - The provider keeps its own session (cookie on 127.0.0.1:<port>): a second sign-in in the same
 *   browser context skips the form unless the app asks with prompt=login (or uses a fresh context).
 * - RP-initiated logout (end_session_endpoint, /session/end): while the browser has a session at
 *   the provider it shows a page "Sign out" with the buttons "Sign out" (ends the provider's
 *   session) and "Stay signed in"; without one, the provider's own page submits itself (a small
 *   inline script). Then it redirects to the post_logout_redirect_uri when one was given and
 *   registered (postLogoutRedirectUris), else it shows "Signed out".
 * - Errors (a bad redirect_uri, no PKCE...) are an HTML page "Error - test identity provider" when
 *   they cannot be sent to the redirect URI.
 */
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { Buffer } from 'node:buffer';
import http from 'node:http';
import { URL, URLSearchParams } from 'node:url';

// Before the provider is loaded: its notices (console.info) must never reach stdout, which carries
// only our JSON line; and the warnings it prints on purpose for a test set-up are dropped.
const EXPECTED_WARNINGS = [
  'oidc-provider WARNING: Unsupported runtime', // Node 20 (it asks for 22), our engines say >=20.10
  'oidc-provider WARNING: a quick start development-only in-memory adapter is used', // right for tests
];
const warn = console.warn.bind(console);
console.warn = (...args) => {
  if (typeof args[0] === 'string' && EXPECTED_WARNINGS.some((w) => args[0].includes(w))) return;
  warn(...args);
};
console.info = (...args) => console.error(...args);
console.log = (...args) => console.error(...args);

const { default: Provider } = await import('oidc-provider');

function readOptions() {
  const raw = process.argv[2] ?? process.env.OIDC_PROVIDER_CONFIG;
  if (!raw) throw new Error('oidcProviderServer.mjs: pass the configuration as JSON (first argument or OIDC_PROVIDER_CONFIG)');
  const o = JSON.parse(raw);
  if (!Array.isArray(o.redirectUris) || o.redirectUris.length === 0) throw new Error('oidcProviderServer.mjs: redirectUris is required');
  return {
    clientId: o.clientId ?? 'puente-staff',
    clientSecret: o.clientSecret ?? randomBytes(24).toString('base64url'),
    redirectUris: o.redirectUris,
    postLogoutRedirectUris: o.postLogoutRedirectUris ?? [],
    port: o.port ?? 0,
  };
}

const escapeHtml = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

const page = (title, body) => `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body><main>
${body}
</main></body>
</html>`;

function loginPage(uid, error) {
  const base = `/interaction/${encodeURIComponent(uid)}`;
  return page(
    'Sign in - test identity provider',
    `<h1>Sign in</h1>
${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${base}/login" autocomplete="off">
  <label for="login">Login</label>
  <input id="login" name="login" type="text" required autofocus>
  <button type="submit">Sign in</button>
</form>
<p><a href="${base}/abort">Cancel</a></p>`,
  );
}

function send(res, status, html) {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(html);
}

async function readForm(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > 16384) throw new Error('form too large');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** Grants what the client asked for (the consent prompt), without asking anyone. */
async function autoConsent(provider, req, res, details) {
  const { prompt, grantId, session, params } = details;
  const grant = grantId
    ? await provider.Grant.find(grantId)
    : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
  if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(prompt.details.missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(' '));
  }
  await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
}

/** /interaction/<uid>[/login|/abort]: our own login form, and automatic consent. */
async function interaction(provider, req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) return send(res, 400, page('Error', '<h1>Interaction mismatch</h1>'));
  const name = details.prompt.name;
  if (action === 'abort') {
    return provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'End-User aborted interaction' }, { mergeWithLastSubmission: false });
  }
  if (action === 'login' && req.method === 'POST') {
    if (name !== 'login') return send(res, 400, page('Error', '<h1>Not waiting for a login</h1>'));
    const login = ((await readForm(req)).get('login') ?? '').trim();
    if (!login) return send(res, 400, loginPage(uid, 'Type a login.'));
    return provider.interactionFinished(req, res, { login: { accountId: login.toLowerCase() } }, { mergeWithLastSubmission: false });
  }
  if (action === '' && req.method === 'GET') {
    if (name === 'login') return send(res, 200, loginPage(uid));
    if (name === 'consent') return autoConsent(provider, req, res, details);
    return send(res, 501, page('Error', `<h1>Prompt not implemented: ${escapeHtml(name)}</h1>`));
  }
  return send(res, 405, page('Error', '<h1>Method not allowed</h1>'));
}

function configuration(options) {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' };
  return {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris,
        response_types: ['code'],
        grant_types: ['authorization_code'],
        // client_secret_post is accepted too: oidc-provider takes either for a secret-based client.
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    conformIdTokenClaims: false, // the scope's claims go into the ID token, as the app reads them there
    async findAccount(_ctx, sub) {
      return {
        accountId: sub,
        async claims() {
          return { sub, email: sub, email_verified: !sub.startsWith('unverified'), name: sub };
        },
      };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx, form) {
          ctx.type = 'html';
          ctx.body = page(
            'Sign out - test identity provider',
            `<h1>Sign out</h1>
${form}
<button type="submit" form="op.logoutForm" value="yes" name="logout">Sign out</button>
<button type="submit" form="op.logoutForm">Stay signed in</button>`,
          );
        },
        async postLogoutSuccessSource(ctx) {
          ctx.type = 'html';
          ctx.body = page('Signed out - test identity provider', '<h1>Signed out</h1>');
        },
      },
    },
    pkce: { required: () => true },
    clientBasedCORS: () => false,
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = page('Error - test identity provider', `<h1>Error</h1><pre>${escapeHtml(JSON.stringify(out, null, 2))}</pre>`);
    },
    ttl: { Session: 600, Interaction: 600, Grant: 600, AuthorizationCode: 60, AccessToken: 600, IdToken: 600 },
  };
}

async function main() {
  const options = readOptions();
  let provider;
  let callback;
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const m = /^\/interaction\/([^/]+)(?:\/(login|abort))?$/.exec(path);
    if (!m) return callback(req, res);
    interaction(provider, req, res, decodeURIComponent(m[1]), m[2] ?? '').catch((err) => {
      const status = err.statusCode ?? 500;
      // A client error (e.g. the interaction cookie is missing or expired) in one line; anything else in full.
      if (status < 500) console.error(`oidcProviderServer.mjs: ${req.method} ${path}: ${status} ${err.message}: ${err.error_description ?? ''}`);
      else console.error('oidcProviderServer.mjs: interaction failed:', err);
      if (!res.headersSent) send(res, status, page('Error - test identity provider', `<h1>${escapeHtml(err.message)}</h1><p>${escapeHtml(err.error_description ?? '')}</p>`));
      else res.end();
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  provider = new Provider(issuer, configuration(options));
  provider.on('server_error', (_ctx, err) => console.error('oidcProviderServer.mjs: server_error:', err));
  callback = provider.callback();

  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.stdout.write(`${JSON.stringify({ issuer, port })}\n`);
}

main().catch((err) => {
  console.error('oidcProviderServer.mjs: failed to start:', err);
  process.exit(1);
});
