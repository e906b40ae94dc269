/**
 * A real OpenID Connect provider (oidc-provider) for the staff sign-in tests, as a child process:
 * oidc-provider is ESM-only and jest runs CommonJS. What it does, its accounts and its login page
 * (URL, label, button) are described at the top of oidcProviderServer.mjs.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

const SCRIPT = path.join(__dirname, 'oidcProviderServer.mjs');
const ROOT = path.resolve(__dirname, '../..');

export interface OidcProviderOptions {
  /** The client's redirect URIs, e.g. `${PUBLIC_URL}/staff/callback`. */
  redirectUris: string[];
  /** Default 'puente-staff'. */
  clientId?: string;
  /** Default: a random one. Accepted with client_secret_basic and client_secret_post alike. */
  clientSecret?: string;
  postLogoutRedirectUris?: string[];
  /** How long to wait for it to listen; default 15 s. */
  startTimeoutMs?: number;
}

export interface OidcProvider {
  /** http://127.0.0.1:<port> (discovery at /.well-known/openid-configuration). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** SIGTERM, and wait for the process to be gone (SIGKILL after 5 s). */
  stop(): Promise<void>;
}

/** Starts the provider on a free loopback port and resolves once it listens. */
export async function startOidcProvider(options: OidcProviderOptions): Promise<OidcProvider> {
  const clientId = options.clientId ?? 'puente-staff';
  const clientSecret = options.clientSecret ?? randomBytes(24).toString('base64url');
  const config = { clientId, clientSecret, redirectUris: options.redirectUris, postLogoutRedirectUris: options.postLogoutRedirectUris ?? [] };
  const child = spawn(process.execPath, [SCRIPT, JSON.stringify(config)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let gone = false;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      gone = true;
      resolve();
    }),
  );
  let stderr = '';
  // Always drained, so a chatty provider never blocks on a full pipe.
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-8000)));
  const timeoutMs = options.startTimeoutMs ?? 15_000;

  const issuer = await new Promise<string>((resolve, reject) => {
    let out = '';
    let settled = false;
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => fail(`exited before listening (code ${code}, signal ${signal})`);
    const settle = () => {
      settled = true;
      clearTimeout(timer);
      child.off('exit', onExit);
    };
    const fail = (why: string) => {
      if (settled) return;
      settle();
      if (!gone) child.kill('SIGKILL');
      reject(new Error(`OpenID provider ${why}. stderr: ${stderr.slice(-2000) || '(empty)'}`));
    };
    const timer = setTimeout(() => fail(`did not start within ${timeoutMs} ms`), timeoutMs);
    child.on('error', (e) => fail(`could not be spawned (${e.message})`));
    child.once('exit', onExit);
    // Exactly one line comes on stdout: {"issuer": "...", "port": N}. Drained after it too.
    child.stdout!.on('data', (d: Buffer) => {
      if (settled) return;
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      let line: { issuer?: unknown };
      try {
        line = JSON.parse(out.slice(0, nl)) as { issuer?: unknown };
      } catch {
        line = {};
      }
      if (typeof line.issuer !== 'string') return fail(`printed something unexpected on stdout: ${out.slice(0, 500)}`);
      settle();
      resolve(line.issuer);
    });
  });

  return {
    issuer,
    clientId,
    clientSecret,
    stop: async () => {
      if (gone) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
