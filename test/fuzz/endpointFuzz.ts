/**
 * Fuzzing of the HTTP endpoints (issue 8): seeded fast-check generators of hostile requests to
 * `/api/messages` (anonymous mode) and the web chat API, and the oracle every answer must pass.
 * Shared by the CI test (a few hundred cases) and the soak (tens of thousands).
 *
 * Bodies are built as JSON *text*, so keys such as `__proto__` arrive as real own keys, and some are
 * then damaged byte by byte (truncated, invalid UTF-8, deep nesting, over the 64 KB limit).
 */
import fc from 'fast-check';
import { questionIds } from '../../dialogs/intake/questions';
import { valuesOf } from '../../dialogs/intake/answers';
import { rawRequest, type RawRequest, type RawResponse } from './rawHttp';

const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'then', '__defineGetter__', 'toJSON'];
const ANSWER_CODES = [...new Set(questionIds.flatMap((q) => valuesOf(q)))];
const WORDS = ['yes', 'no', 'not sure', 'sí', 'no sé', 'help', 'ayuda', 'back', 'atrás', 'English', 'español', 'restart', 'confirm', 'change 3', '3 years', 'since 2019', 'married', 'casada', '🏳️‍🌈', 'نعم', '\u202Eכן'];

/** Any string, including lone surrogates, control characters and RTL marks. */
const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 40 }),
  fc.constantFrom(...WORDS),
  fc.array(fc.constantFrom(...WORDS), { maxLength: 8 }).map((w) => w.join(' ')),
);

/** A string up to ~70 KB: one repeated unit, so it is cheap to make. */
const hugeString = fc.tuple(fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }), fc.integer({ min: 1_000, max: 70_000 })).map(([u, n]) => u.repeat(Math.ceil(n / u.length)).slice(0, n));

const text = (s: string) => JSON.stringify(s);

const scalarText = fc.oneof(
  fc.constantFrom('null', 'true', 'false', '0', '-0', '1e308', '-1e-308', '123456789012345678901234567890', '1.5', '[]', '{}', '""', '"\\ud800"', '"\\u0000"'),
  fc.double().map((d) => (Number.isFinite(d) ? String(d) : '0')),
  anyString.map(text),
);

const keyText = fc.oneof({ weight: 3, arbitrary: fc.string({ maxLength: 12 }) }, { weight: 2, arbitrary: fc.constantFrom(...POLLUTION_KEYS) });

/** Arbitrary JSON as text, objects possibly carrying pollution keys. */
export const jsonText: fc.Arbitrary<string> = fc.letrec<{ value: string; array: string; object: string }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', maxDepth: 4 }, scalarText, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }).map((xs) => `[${xs.join(',')}]`),
  object: fc.array(fc.tuple(keyText, tie('value')), { maxLength: 5 }).map((ps) => `{${ps.map(([k, v]) => `${text(k)}:${v}`).join(',')}}`),
})).value;

/** `{"__proto__":{"polluted":…}}` and friends, with a marker the oracle looks for afterwards. */
const pollutionText = fc.constantFrom(
  '{"__proto__":{"polluted":"yes","isAdmin":true}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"__proto__":{"__proto__":{"polluted":"yes"}}}',
  '[{"__proto__":{"polluted":"yes"}}]',
  '{"answer":"yes","__proto__":{"answer":"no","polluted":"yes"}}',
);

const deepText = fc.tuple(fc.integer({ min: 10, max: 30_000 }), fc.constantFrom('[', '{"a":')).map(([n, open]) => (open === '[' ? `${'['.repeat(n)}${']'.repeat(n)}` : `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`));

/** A big `value` object (within or past the body limit). */
const hugeValueText = fc.integer({ min: 100, max: 6_000 }).map((n) => `{${Array.from({ length: n }, (_, i) => `"k${i}":"${'v'.repeat(8)}"`).join(',')}}`);

/** A field that is valid most of the time, and otherwise missing, another type, or hostile. */
function field(valid: fc.Arbitrary<string>): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    { weight: 12, arbitrary: valid },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: jsonText },
    { weight: 1, arbitrary: pollutionText },
  );
}

export interface FuzzPools {
  /** Conversation ids reused across cases, so conversations move on through the intake. */
  conversations: readonly string[];
}

const account = (id: fc.Arbitrary<string>) => id.map((i) => `{"id":${text(i)},"name":"user","role":"user"}`);

/** The text of one activity for `/api/messages` (expectReplies unless the case says otherwise). */
function messagesActivity(pools: FuzzPools): fc.Arbitrary<string> {
  const type = fc.oneof(
    { weight: 10, arbitrary: fc.constant('"message"') },
    { weight: 3, arbitrary: fc.constant('"conversationUpdate"') },
    { weight: 3, arbitrary: fc.constantFrom('"typing"', '"event"', '"invoke"', '"endOfConversation"', '"messageReaction"', '"installationUpdate"', '"deleteUserData"', '"handoff"', '"trace"', '"command"', '"suggestion"', '"Message"', '""') },
    { weight: 1, arbitrary: anyString.map(text) },
  );
  const conversationId = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...pools.conversations) }, { weight: 1, arbitrary: anyString });
  const value = fc.oneof(
    fc.constantFrom(...ANSWER_CODES).map((c) => `{"answer":${text(c)}}`),
    fc.constantFrom(...ANSWER_CODES, 'command:help', 'command:language:es', 'command:exit', 'command:restart').map(text),
    jsonText,
    hugeValueText,
    deepText,
  );
  const hostile = fc.record(
    {
      type: field(type),
      id: field(anyString.map(text)),
      channelId: field(fc.constantFrom('webchat', 'directline', 'msteams', 'emulator', 'slack', 'test').map(text)),
      serviceUrl: field(fc.constantFrom('http://127.0.0.1:1', 'https://smba.trafficmanager.net/teams/', 'javascript:alert(1)', '').map(text)),
      conversation: field(conversationId.map((i) => `{"id":${text(i)}}`)),
      from: field(account(fc.constantFrom('u-1', 'u-2', 'bot'))),
      recipient: field(account(fc.constant('bot'))),
      text: field(fc.oneof({ weight: 6, arbitrary: anyString }, { weight: 1, arbitrary: hugeString }).map(text)),
      value: fc.option(value, { freq: 3 }),
      locale: field(fc.constantFrom('en-US', 'es-US', 'es', 'fr-FR', '', 'xx-ÿÿ', 'es-'.repeat(20)).map(text)),
      deliveryMode: fc.oneof({ weight: 10, arbitrary: fc.constant('"expectReplies"') }, { weight: 1, arbitrary: fc.constantFrom('"normal"', '"notification"', '"ephemeral"', 'null', '"EXPECTREPLIES"') }),
      membersAdded: fc.option(fc.oneof(fc.constant('[{"id":"u-1"},{"id":"bot"}]'), jsonText), { freq: 3 }),
      channelData: fc.option(jsonText, { freq: 3 }),
      attachments: fc.option(jsonText, { freq: 5 }),
      entities: fc.option(jsonText, { freq: 5 }),
    },
    { requiredKeys: [] },
  );
  // Well-formed envelopes with hostile content (text, value, type, extra keys): these reach the turn.
  const wellFormed = fc.record(
    {
      type,
      id: fc.uuid().map(text),
      channelId: fc.constant('"webchat"'),
      serviceUrl: fc.constant('"http://127.0.0.1:1"'),
      conversation: conversationId.map((i) => `{"id":${text(i)}}`),
      from: account(fc.constantFrom('u-1', 'u-2')),
      recipient: account(fc.constant('bot')),
      text: fc.option(fc.oneof({ weight: 8, arbitrary: anyString }, { weight: 1, arbitrary: hugeString.map((h) => h.slice(0, 20_000)) }).map(text), { freq: 4 }),
      value: fc.option(value, { freq: 2 }),
      locale: fc.constantFrom('en-US', 'es-US', 'es', 'fr-FR', '', 'xx-ÿÿ').map(text),
      deliveryMode: fc.constant('"expectReplies"'),
      membersAdded: fc.option(fc.oneof(fc.constant('[{"id":"u-1"},{"id":"bot"}]'), fc.constant('[{"id":"bot"}]'), fc.constant('[]')), { freq: 2 }),
      channelData: fc.option(jsonText, { freq: 3 }),
      attachments: fc.option(jsonText, { freq: 5 }),
      entities: fc.option(jsonText, { freq: 5 }),
    },
    { requiredKeys: ['type', 'channelId', 'serviceUrl', 'conversation', 'from', 'deliveryMode'] },
  );
  const extras = fc.array(fc.tuple(keyText, jsonText), { maxLength: 3 });
  return fc.tuple(fc.oneof({ weight: 3, arbitrary: wellFormed }, { weight: 2, arbitrary: hostile }), extras).map(([p, more]) => {
    const entries = Object.entries(p).filter((e): e is [string, string] => typeof e[1] === 'string');
    return `{${[...entries, ...more].map(([k, v]) => `${text(k)}:${v}`).join(',')}}`;
  });
}

/** Damage applied to a body's bytes. */
const damage = fc.oneof(
  { weight: 12, arbitrary: fc.constant((b: Buffer) => b) },
  { weight: 1, arbitrary: fc.nat().map((n) => (b: Buffer) => b.subarray(0, b.length ? n % b.length : 0)) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.nat(), fc.constantFrom([0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80], [0x00])).map(
      ([n, bad]) => (b: Buffer) => Buffer.concat([b.subarray(0, b.length ? n % b.length : 0), Buffer.from(bad), b.subarray(b.length ? n % b.length : 0)]),
    ),
  },
);

const contentType = fc.oneof(
  { weight: 20, arbitrary: fc.constant('application/json') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'application/json; charset=latin1',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=xyz',
      'application/octet-stream',
      'application/json-patch+json',
      '',
    ),
  },
);

const body = (activity: fc.Arbitrary<string>) =>
  fc.oneof(
    { weight: 20, arbitrary: activity },
    { weight: 2, arbitrary: jsonText },
    { weight: 1, arbitrary: deepText },
    { weight: 1, arbitrary: pollutionText },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', 'null', '[]', '"message"', 'a=1&b=2&__proto__[polluted]=yes', '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--xyz--') },
  );

/** Requests to `/api/messages`. */
export function messagesRequests(pools: FuzzPools): fc.Arbitrary<RawRequest> {
  return fc.tuple(body(messagesActivity(pools)), damage, contentType, fc.nat(19)).map(([b, hurt, type, m]) => ({
    method: m === 0 ? 'PUT' : m === 1 ? 'GET' : 'POST',
    path: '/api/messages',
    headers: type ? { 'content-type': type } : ({} as Record<string, string>),
    body: hurt(Buffer.from(b, 'utf8')),
  }));
}

export interface WebChatPools {
  /** Valid bearer tokens of conversations created before the run. */
  tokens: readonly string[];
}

function webChatActivity(): fc.Arbitrary<string> {
  const parts = fc.record(
    {
      type: field(fc.constantFrom('"message"', '"message"', '"conversationUpdate"', '"typing"', '"event"', '"invoke"')),
      text: field(fc.oneof({ weight: 6, arbitrary: anyString }, { weight: 1, arbitrary: hugeString }).map(text)),
      value: fc.option(fc.oneof(fc.constantFrom(...ANSWER_CODES).map((c) => `{"answer":${text(c)}}`), fc.constantFrom(...ANSWER_CODES).map(text), jsonText, hugeValueText), { freq: 3 }),
      locale: field(fc.constantFrom('en-US', 'es-US', 'fr', '').map(text)),
      channelData: fc.option(fc.oneof(fc.constant('{"clientActivityID":"abc"}'), jsonText), { freq: 3 }),
      from: fc.option(jsonText, { freq: 4 }),
      conversation: fc.option(fc.constant('{"id":"wc-not-mine-0000000000000000000000"}'), { freq: 4 }),
    },
    { requiredKeys: [] },
  );
  const wellFormed = fc.record(
    {
      type: fc.constantFrom('"message"', '"message"', '"message"', '"conversationUpdate"', '"typing"', '"event"'),
      text: fc.option(fc.oneof({ weight: 8, arbitrary: anyString }, { weight: 1, arbitrary: hugeString.map((h) => h.slice(0, 20_000)) }).map(text), { freq: 4 }),
      value: fc.option(fc.oneof(fc.constantFrom(...ANSWER_CODES).map((c) => `{"answer":${text(c)}}`), fc.constantFrom(...ANSWER_CODES).map(text)), { freq: 2 }),
      locale: fc.constantFrom('en-US', 'es-US', 'fr', '').map(text),
    },
    { requiredKeys: ['type'] },
  );
  const extras = fc.array(fc.tuple(keyText, jsonText), { maxLength: 3 });
  return fc.tuple(fc.oneof({ weight: 3, arbitrary: wellFormed }, { weight: 2, arbitrary: parts }), extras).map(([p, more]) => {
    const entries = Object.entries(p).filter((e): e is [string, string] => typeof e[1] === 'string');
    return `{${[...entries, ...more].map(([k, v]) => `${text(k)}:${v}`).join(',')}}`;
  });
}

/** Requests to the web chat API: mostly turns with a valid token, and every other route too. */
export function webChatRequests(pools: WebChatPools): fc.Arbitrary<RawRequest> {
  const auth = fc.oneof(
    { weight: 10, arbitrary: fc.constantFrom(...pools.tokens).map((t) => `Bearer ${t}`) },
    { weight: 1, arbitrary: anyString.map((s) => s.replace(/[^\x20-\x7e]/g, '')) },
    { weight: 1, arbitrary: fc.constantFrom(...pools.tokens).map((t) => `Bearer ${t.slice(0, -2)}xx`) },
    { weight: 1, arbitrary: fc.constant(`Bearer ${'a'.repeat(5000)}`) },
  );
  const route = fc.oneof(
    { weight: 16, arbitrary: fc.constant({ method: 'POST', path: '/api/webchat/activities' }) },
    { weight: 1, arbitrary: fc.constant({ method: 'POST', path: '/api/webchat/session' }) },
    { weight: 1, arbitrary: fc.constant({ method: 'POST', path: '/api/webchat/session/refresh' }) },
    { weight: 1, arbitrary: fc.constant({ method: 'GET', path: '/api/webchat/config' }) },
    { weight: 1, arbitrary: fc.constantFrom('GET', 'PUT', 'PATCH', 'DELETE', 'OPTIONS').map((method) => ({ method, path: '/api/webchat/activities' })) },
    { weight: 1, arbitrary: fc.constantFrom('/api/webchat/../messages', '/api/webchat/%2e%2e/x', '/api/webchat/activities?__proto__[x]=1', '/api/webchat/\u00ff').map((path) => ({ method: 'POST', path: encodeURI(path) })) },
  );
  return fc.tuple(route, body(webChatActivity()), damage, contentType, auth).map(([r, b, hurt, type, a]) => ({
    method: r.method,
    path: r.path,
    headers: { ...(type ? { 'content-type': type } : ({} as Record<string, string>)), authorization: a },
    body: r.method === 'GET' ? undefined : hurt(Buffer.from(b, 'utf8')),
  }));
}

/** Tallies of a run, for the soak summary. */
export interface FuzzTally {
  cases: number;
  byStatus: Record<string, number>;
}

export function newTally(): FuzzTally {
  return { cases: 0, byStatus: {} };
}

/**
 * The oracle: a 2xx with a well-formed reply or a 4xx; never a 5xx, never the apology of an
 * unexpected failure, never a hang (rawRequest's deadline). Throws with a short description.
 */
export function checkAnswer(req: RawRequest, res: RawResponse, apology: string, tally?: FuzzTally): void {
  if (tally) {
    tally.cases++;
    const k = String(res.status);
    tally.byStatus[k] = (tally.byStatus[k] ?? 0) + 1;
  }
  const what = `${req.method} ${req.path} -> ${res.status} ${res.body.slice(0, 200)}`;
  if (res.status >= 500 || res.status < 200 || (res.status >= 300 && res.status < 400)) throw new Error(`unexpected status: ${what}`);
  if (res.status === 429 && !/^\d+$/.test(String(res.headers['retry-after'] ?? ''))) throw new Error(`429 without Retry-After: ${what}`);
  if (res.status !== 200 || req.method !== 'POST' || !/activities|messages/.test(req.path)) return;
  if (!res.body) return; // botbuilder answers some activity types with an empty 200
  let parsed: unknown;
  try {
    parsed = JSON.parse(res.body);
  } catch {
    throw new Error(`200 that is not JSON: ${what}`);
  }
  const activities = (parsed as { activities?: unknown }).activities;
  if (activities === undefined) return;
  if (!Array.isArray(activities)) throw new Error(`activities is not an array: ${what}`);
  for (const a of activities as { type?: unknown; text?: unknown; locale?: unknown }[]) {
    if (typeof a.type !== 'string') throw new Error(`reply without a type: ${what}`);
    if (a.text !== undefined && typeof a.text !== 'string') throw new Error(`reply text not a string: ${what}`);
    if (a.text === apology) throw new Error(`a turn failed unexpectedly (apology sent): ${what}`);
    if (a.type === 'message' && !/^(en|es)-US$/.test(String(a.locale))) throw new Error(`reply locale ${String(a.locale)}: ${what}`);
  }
}

/** Sends each generated request and checks the answer; fast-check reports the seed on failure. */
export async function fuzz(
  base: string,
  requests: fc.Arbitrary<RawRequest>,
  options: { seed: number; numRuns: number; apology: string; tally?: FuzzTally },
): Promise<void> {
  await fc.assert(
    fc.asyncProperty(requests, async (req) => {
      const res = await rawRequest(base, req);
      checkAnswer(req, res, options.apology, options.tally);
    }),
    { seed: options.seed, numRuns: options.numRuns, endOnFailure: true },
  );
}
