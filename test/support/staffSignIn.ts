/**
 * The staff inbox against a real OpenID Connect provider (oidcProvider.ts): a Puente whose
 * PUBLIC_URL is its own loopback address, a provider that knows its redirect URI, and a staff member
 * driven with fetch (a cookie jar per origin, redirects followed one by one, forms posted by hand).
 * The browser tests drive the same sign-in in Chromium.
 */
import type { PuenteOverrides, RunningPuente } from '../../src/app';
import { freePort } from './childServer';
import { startTestServer } from './harness';
import { startOidcProvider, type OidcProvider } from './oidcProvider';

/** Who may sign in, in every staff test: one address and one whole domain. */
export const STAFF_EMAILS = 'ana@example.org,@staff.example.org';

export interface StaffServer {
  puente: RunningPuente;
  provider: OidcProvider;
  close(): Promise<void>;
}

export async function startStaffServer(env: Record<string, string> = {}, overrides: PuenteOverrides = {}): Promise<StaffServer> {
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const provider = await startOidcProvider({ redirectUris: [`${publicUrl}/staff/callback`] });
  try {
    const puente = await startTestServer(
      {
        PORT: String(port),
        PUBLIC_URL: publicUrl,
        STAFF_OIDC_ISSUER: provider.issuer,
        STAFF_OIDC_CLIENT_ID: provider.clientId,
        STAFF_OIDC_CLIENT_SECRET: provider.clientSecret,
        STAFF_EMAILS,
        ...env,
      },
      overrides,
    );
    return {
      puente,
      provider,
      close: async () => {
        await puente.close();
        await provider.stop();
      },
    };
  } catch (err) {
    await provider.stop();
    throw err;
  }
}

/** Cookies by origin and name (paths and expiry dates are not needed here; Max-Age=0 deletes). */
class Jar {
  private readonly byOrigin = new Map<string, Map<string, string>>();

  store(origin: string, res: Response): void {
    const jar = this.byOrigin.get(origin) ?? new Map<string, string>();
    this.byOrigin.set(origin, jar);
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const gone = value === '' || attributes.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a));
      if (gone) jar.delete(name);
      else jar.set(name, value);
    }
  }

  header(origin: string): string {
    return [...(this.byOrigin.get(origin) ?? [])].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  get(origin: string, name: string): string | undefined {
    return this.byOrigin.get(origin)?.get(name);
  }

  set(origin: string, name: string, value: string): void {
    const jar = this.byOrigin.get(origin) ?? new Map<string, string>();
    this.byOrigin.set(origin, jar);
    jar.set(name, value);
  }
}

export interface Page {
  status: number;
  url: string;
  html: string;
  headers: Headers;
}

/** A staff member's browser, without the browser. */
export class StaffAgent {
  readonly jar = new Jar();
  private readonly origin: string;

  constructor(private readonly base: string) {
    this.origin = new URL(base).origin;
  }

  /** Follows redirects by hand (carrying each origin's cookies) until a page answers. */
  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Page> {
    let target = new URL(url, this.base);
    let method = init.method ?? (init.form ? 'POST' : 'GET');
    let body = init.form ? new URLSearchParams(init.form).toString() : undefined;
    for (let hops = 0; hops < 12; hops++) {
      const headers: Record<string, string> = { cookie: this.jar.header(target.origin) };
      if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
      const res = await fetch(target, { method, headers, body, redirect: 'manual' });
      this.jar.store(target.origin, res);
      if (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
        await res.arrayBuffer();
        target = new URL(res.headers.get('location')!, target);
        method = 'GET';
        body = undefined;
        continue;
      }
      return { status: res.status, url: target.href, html: await res.text(), headers: res.headers };
    }
    throw new Error(`too many redirects from ${url}`);
  }

  get(path: string): Promise<Page> {
    return this.request(path);
  }

  /** Posts a form with the CSRF token of `from` (a page of this session), plus `fields`. */
  post(path: string, fields: Record<string, string>, from?: Page): Promise<Page> {
    const csrf = from ? csrfOf(from) : undefined;
    return this.request(path, { form: { ...(csrf ? { csrf } : {}), ...fields } });
  }

  /**
   * The whole sign-in: Puente sends the browser to the provider, the login name is typed in its form,
   * the provider sends the browser back with a code. Answers the page Puente shows at the end.
   */
  async signIn(login: string, start = '/staff/login'): Promise<Page> {
    const form = await this.get(start);
    const action = /<form method="post" action="([^"]+)"/.exec(form.html)?.[1];
    if (!action || new URL(form.url).origin === this.origin) throw new Error(`no login form at the provider (got ${form.status} ${form.url})`);
    return this.request(new URL(action, form.url).href, { form: { login } });
  }

  cookie(name: string): string | undefined {
    return this.jar.get(this.origin, name);
  }
}

/** The CSRF token in a page's forms. */
export function csrfOf(page: Page): string | undefined {
  return /name="csrf" value="([^"]+)"/.exec(page.html)?.[1];
}

/** The text of a page without its tags (for "does it say…" checks). */
export function textOf(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
