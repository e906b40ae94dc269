/**
 * Scenario files (the shared format of ../shared/scenarios and test/scenarios) and the two ways the
 * benchmark replays them: a full intake that answers whatever `channelData.question` asks with the
 * scenario's typed answers (the acceptance tool's semantics, results checked), and a fixed script of
 * the same messages for the echo baselines, which ask nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const scenarioSchema = z.object({
  name: z.string(),
  locale: z.enum(['en', 'es']),
  answers: z.record(z.string(), z.string()),
  expect: z.object({ findings: z.array(z.string()), urgent: z.boolean(), referral: z.string() }),
  switchAt: z.string().optional(),
  backAt: z.string().optional(),
  backAnswers: z.record(z.string(), z.string()).optional(),
});
export type Scenario = z.infer<typeof scenarioSchema>;

/** Every `*.json` scenario in the folders, in name order per folder. */
export function loadScenarios(dirs: readonly string[]): Scenario[] {
  const out: Scenario[] = [];
  for (const dir of dirs) {
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
      const parsed = scenarioSchema.safeParse(JSON.parse(readFileSync(path.join(dir, f), 'utf8')));
      if (!parsed.success) throw new Error(`${path.join(dir, f)}: not a scenario (${parsed.error.issues[0]?.message ?? 'bad shape'})`);
      out.push(parsed.data);
    }
  }
  return out;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `{date+N}` in a typed answer becomes "on <Month> <day>" N days from today, as the acceptance tool writes it. */
export function fillDate(text: string, today: Date): string {
  return text.replace(/\{date\+(\d+)\}/, (_, n: string) => {
    const d = new Date(today.getTime() + Number(n) * 86_400_000);
    return `on ${MONTHS[d.getMonth()]} ${d.getDate()}`;
  });
}

export interface ReplyActivity {
  type?: string;
  locale?: string;
  channelData?: {
    question?: string;
    intakeResult?: { findings?: { code: string }[]; urgent?: boolean; referral?: string };
  };
}

/**
 * Sends one activity of the conversation and resolves with the reply activities. `answering` names
 * the question the message answers, when the player knows it (for latency by kind of turn).
 */
export type Send = (activity: Record<string, unknown>, answering?: string) => Promise<ReplyActivity[]>;

/** Questions whose typed answers are read by the date and number models: the costliest turns. */
export const DATE_QUESTIONS: ReadonlySet<string> = new Set(['time_in_us', 'hearing_when']);

export class ScenarioError extends Error {
  constructor(scenario: string, why: string) {
    super(`${scenario}: ${why}`);
    this.name = 'ScenarioError';
  }
}

const questionOf = (acts: readonly ReplyActivity[]) => [...acts].reverse().find((a) => a.channelData?.question)?.channelData?.question;
const resultOf = (acts: readonly ReplyActivity[]) => acts.find((a) => a.channelData?.intakeResult)?.channelData?.intakeResult;
const inLanguage = (acts: readonly ReplyActivity[], lang: string) =>
  acts.filter((a) => a.type === 'message').every((a) => (a.locale ?? '').toLowerCase().startsWith(lang));

export const JOIN: Record<string, unknown> = { type: 'conversationUpdate' };

/** The activity a person's typed message becomes. */
export const typed = (text: string): Record<string, unknown> => ({ type: 'message', text });

/**
 * Plays one full intake through `send`, answering each question the bot asks; resolves with the number
 * of turns, or throws a ScenarioError (wrong question, answer not understood, wrong result) like the
 * acceptance tool reports a failure. `stopAt`, when given, stops before answering that question and
 * resolves (used to leave a conversation waiting on a question).
 */
export async function playIntake(s: Scenario, send: Send, today: Date, stopAt?: string): Promise<number> {
  let lang: string = s.locale;
  let acts = await send(JOIN);
  let turns = 1;
  let asked = questionOf(acts);
  const seen: string[] = [];
  let switched = false;
  let backed = false;
  for (let i = 0; i < 80; i++) {
    const result = resultOf(acts);
    if (result) {
      const got = new Set((result.findings ?? []).map((f) => f.code));
      const want = new Set(s.expect.findings);
      const wrong = got.size !== want.size || [...want].some((c) => !got.has(c)) || result.urgent !== s.expect.urgent || result.referral !== s.expect.referral;
      if (wrong) throw new ScenarioError(s.name, 'result differs from the expected findings, urgency or referral');
      if (!inLanguage(acts, lang)) throw new ScenarioError(s.name, `result not in ${lang}`);
      return turns;
    }
    if (!asked) throw new ScenarioError(s.name, `no question and no result after ${seen.join('>')}`);
    if (asked === stopAt) return turns;
    if (asked !== 'language' && !inLanguage(acts, lang)) throw new ScenarioError(s.name, `question ${asked} not in ${lang}`);
    if (s.switchAt === asked && !switched) {
      switched = true;
      lang = lang === 'en' ? 'es' : 'en';
      acts = await send(typed(lang === 'es' ? 'español' : 'English'));
      turns++;
      if (questionOf(acts) !== asked) throw new ScenarioError(s.name, `after the language switch asked ${questionOf(acts)} not ${asked}`);
      continue;
    }
    if (s.backAt === asked && !backed && s.backAnswers) {
      backed = true;
      const previous = seen[seen.length - 1];
      acts = await send(typed(lang === 'es' ? 'atrás' : 'back'));
      turns++;
      if (previous === undefined || questionOf(acts) !== previous) throw new ScenarioError(s.name, `back from ${asked} asked ${questionOf(acts)}`);
      const again = s.backAnswers[previous];
      if (again === undefined) throw new ScenarioError(s.name, `no back answer for ${previous}`);
      acts = await send(typed(again), previous);
      turns++;
      asked = questionOf(acts);
      continue;
    }
    const answer = s.answers[asked];
    if (answer === undefined) throw new ScenarioError(s.name, `unexpected question ${asked} after ${seen.join('>')}`);
    seen.push(asked);
    acts = await send(typed(fillDate(answer, today)), asked);
    turns++;
    const next = questionOf(acts);
    if (next === asked && !resultOf(acts)) throw new ScenarioError(s.name, `answer to ${asked} not understood`);
    asked = next;
  }
  throw new ScenarioError(s.name, 'too many turns');
}

/** The activities an echo baseline receives for a scenario: the join, then every typed answer in file order. */
export function echoScript(s: Scenario, today: Date): Record<string, unknown>[] {
  return [JOIN, ...Object.values(s.answers).map((text) => typed(fillDate(text, today)))];
}
