/**
 * Scenario files (the shared format of ../shared/scenarios and test/scenarios) and the one player of
 * them, with the acceptance tool's semantics: it answers whatever `channelData.question` asks with the
 * scenario's typed answers, switches language and goes back where the scenario says, and checks the
 * language of every reply. The tests play scenarios with it, and so does the benchmark's generator.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { questionOf, resultOf, type Activity, type IntakeResult } from './botConversation';

const scenarioSchema = z.object({
  name: z.string(),
  locale: z.enum(['en', 'es']),
  answers: z.record(z.string(), z.string()),
  values: z.record(z.string(), z.string()),
  expect: z.object({ findings: z.array(z.string()), urgent: z.boolean(), referral: z.string() }),
  switchAt: z.string().optional(),
  backAt: z.string().optional(),
  backAnswers: z.record(z.string(), z.string()).optional(),
});
export type Scenario = z.infer<typeof scenarioSchema> & {
  /** Where the scenario was read from. */
  file: string;
};

/** Every `*.json` scenario in the folders, in name order per folder. */
export function loadScenarios(dirs: string | readonly string[]): Scenario[] {
  const out: Scenario[] = [];
  for (const dir of typeof dirs === 'string' ? [dirs] : dirs) {
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
      const file = path.join(dir, f);
      const parsed = scenarioSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (!parsed.success) throw new Error(`${file}: not a scenario (${parsed.error.issues[0]?.message ?? 'bad shape'})`);
      out.push({ ...parsed.data, file });
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

/**
 * What the player needs from a conversation: any transport (Bot Framework, the web chat API…).
 * `answering` names the question a typed message answers, for whoever times turns by kind.
 */
export interface ScenarioTransport {
  start(): Promise<Activity[]>;
  say(text: string, answering?: string): Promise<Activity[]>;
}

export class ScenarioError extends Error {
  constructor(scenario: string, why: string) {
    super(`${scenario}: ${why}`);
    this.name = 'ScenarioError';
  }
}

export interface Played {
  result: IntakeResult;
  /** The questions answered, in order. */
  path: string[];
  /** The replies that carried the result. */
  last: Activity[];
  /** Turns sent, the opening one included. */
  turns: number;
}

/** Whether a result has exactly the scenario's expected findings, urgency and referral. */
export function resultMatches(s: Scenario, result: IntakeResult): boolean {
  const got = new Set(result.findings.map((f) => f.code));
  const want = new Set(s.expect.findings);
  return got.size === want.size && [...want].every((c) => got.has(c)) && result.urgent === s.expect.urgent && result.referral === s.expect.referral;
}

/**
 * Plays one full intake through `conv`, answering each question the bot asks; resolves with the
 * result, or throws a ScenarioError (wrong question, answer not understood, reply in the wrong
 * language) as the acceptance tool reports a failure. The result itself is the caller's to judge
 * (`resultMatches`).
 */
export async function playIntake(conv: ScenarioTransport, s: Scenario, today: Date): Promise<Played> {
  const played = await play(conv, s, today, undefined);
  if (!played.result) throw new ScenarioError(s.name, 'stopped without a result');
  return played as Played;
}

/** Plays `s` through `conv` up to the question `stopAt`, which is left unanswered (a conversation left waiting). */
export async function playUntil(conv: ScenarioTransport, s: Scenario, today: Date, stopAt: string): Promise<void> {
  await play(conv, s, today, stopAt);
}

async function play(conv: ScenarioTransport, s: Scenario, today: Date, stopAt: string | undefined): Promise<Omit<Played, 'result'> & { result?: IntakeResult }> {
  let lang: string = s.locale;
  let acts = await conv.start();
  let turns = 1;
  let asked = questionOf(acts);
  const seen: string[] = [];
  let switched = false;
  let backed = false;
  const inLanguage = (as: readonly Activity[]) => as.filter((a) => a.type === 'message').every((a) => (a.locale ?? '').toLowerCase().startsWith(lang));
  for (let i = 0; i < 80; i++) {
    const result = resultOf(acts);
    if (result) {
      if (!inLanguage(acts)) throw new ScenarioError(s.name, `result not in ${lang}`);
      return { result, path: seen, last: acts, turns };
    }
    if (!asked) throw new ScenarioError(s.name, `no question and no result after ${seen.join('>')}`);
    if (asked === stopAt) return { path: seen, last: acts, turns };
    if (asked !== 'language' && !inLanguage(acts)) throw new ScenarioError(s.name, `question ${asked} not in ${lang}`);
    if (s.switchAt === asked && !switched) {
      switched = true;
      lang = lang === 'en' ? 'es' : 'en';
      acts = await conv.say(lang === 'es' ? 'español' : 'English');
      turns++;
      if (questionOf(acts) !== asked) throw new ScenarioError(s.name, `after the language switch asked ${questionOf(acts)} not ${asked}`);
      continue;
    }
    if (s.backAt === asked && !backed && s.backAnswers) {
      backed = true;
      const previous = seen[seen.length - 1];
      acts = await conv.say(lang === 'es' ? 'atrás' : 'back');
      turns++;
      if (previous === undefined || questionOf(acts) !== previous) throw new ScenarioError(s.name, `back from ${asked} asked ${questionOf(acts)} not ${previous}`);
      const again = s.backAnswers[previous];
      if (again === undefined) throw new ScenarioError(s.name, `no back answer for ${previous}`);
      acts = await conv.say(again, previous);
      turns++;
      asked = questionOf(acts);
      continue;
    }
    const answer = s.answers[asked];
    if (answer === undefined) throw new ScenarioError(s.name, `unexpected question ${asked} after ${seen.join('>')}`);
    seen.push(asked);
    const typed = fillDate(answer, today);
    acts = await conv.say(typed, asked);
    turns++;
    const next = questionOf(acts);
    if (next === asked && !resultOf(acts)) throw new ScenarioError(s.name, `answer "${typed}" to ${asked} not understood`);
    asked = next;
  }
  throw new ScenarioError(s.name, 'too many turns');
}
