/**
 * A local SMTP server for the alert tests (the `smtp-server` package): it offers STARTTLS (with the
 * package's built-in test certificate), requires a login, and keeps every message it was given, with
 * what it answered. Just enough of each raw message is parsed to check headers and text.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export const SMTP_USER = 'puente-alerts';
export const SMTP_PASS = 'smtp-pass-0123456789';

export interface Delivered {
  /** The SMTP reply to the end of DATA: 250, or what `behaviour` chose. */
  status: number;
  envelope: { from: string; to: string[] };
  /** The connection had been upgraded with STARTTLS. */
  secure: boolean;
  user: unknown;
  raw: string;
}

/** The reply to the n-th message (1-based): 250 accepts it, anything else refuses it with that code. */
export type MailBehaviour = (n: number) => number;

export class Mailbox {
  readonly messages: Delivered[] = [];
  private server: SMTPServer | null = null;
  private port = 0;

  constructor(public behaviour: MailBehaviour = () => 250) {}

  /** SMTP_URL for Puente: the test certificate is self-signed, so only this client skips its check. */
  get url(): string {
    return `smtp://${SMTP_USER}:${SMTP_PASS}@127.0.0.1:${this.port}?tls.rejectUnauthorized=false`;
  }

  get accepted(): Delivered[] {
    return this.messages.filter((m) => m.status === 250);
  }

  /** Listens (on the same port as before when restarted). */
  async start(): Promise<void> {
    const server = new SMTPServer({
      logger: false,
      onAuth: (auth, _session, callback) => {
        if (auth.username === SMTP_USER && auth.password === SMTP_PASS) callback(null, { user: auth.username });
        else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const status = this.behaviour(this.messages.length + 1);
          const envelope = session.envelope;
          this.messages.push({
            status,
            envelope: {
              from: envelope.mailFrom ? envelope.mailFrom.address : '',
              to: envelope.rcptTo.map((r) => r.address),
            },
            secure: session.secure,
            user: session.user,
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          if (status === 250) callback();
          else callback(Object.assign(new Error(`refused (${status})`), { responseCode: status }));
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}

export interface ParsedMail {
  /** Header names lower-cased; folded lines unfolded. */
  headers: Record<string, string>;
  /** The text body, its transfer encoding undone. */
  text: string;
}

/** Headers and text of a single-part message (what nodemailer builds from `text` alone). */
export function parseMail(raw: string): ParsedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = raw.slice(split + 4);
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    body = Buffer.from(bytes, 'latin1').toString('utf8');
  } else if (encoding === 'base64') {
    body = Buffer.from(body, 'base64').toString('utf8');
  }
  return { headers, text: body.replace(/\r\n/g, '\n').replace(/\n$/, '') };
}
