/** The shared scenario files (../shared/scenarios) and a player with the acceptance tool's semantics. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Conversation, questionOf, resultOf, type Activity } from './harness';

export interface Scenario {
  name: string;
  locale: 'en' | 'es';
  answers: Record<string, string>;
  values: Record<string, string>;
  expect: { findings: string[]; urgent: boolean; referral: string };
  switchAt?: string;
  backAt?: string;
  backAnswers?: Record<string, string>;
  /** Where the scenario was read from. */
  file: string;
}

export const SHARED = path.resolve(__dirname, '../../../shared');
export const SCENARIO_DIR = path.join(SHARED, 'scenarios');

export function loadScenarios(dir = SCENARIO_DIR): Scenario[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ ...(JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Omit<Scenario, 'file'>), file: path.join(dir, f) }));
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export function fill(text: string, today: Date): string {
  return text.replace(/\{date\+(\d+)\}/, (_, n: string) => {
    const d = new Date(today.getTime() + Number(n) * 86_400_000);
    return `on ${MONTHS[d.getMonth()]} ${d.getDate()}`;
  });
}

/** What the player needs from a conversation: any transport (Bot Framework, the web chat API…). */
export interface ScenarioTransport {
  start(): Promise<Activity[]>;
  say(text: string): Promise<Activity[]>;
}

export interface PlayResult<C extends ScenarioTransport = Conversation> {
  result: NonNullable<ReturnType<typeof resultOf>>;
  path: string[];
  last: Activity[];
  conversation: C;
}

/** A conversation whose turns go to each of `bases` in turn, as behind a load balancer. */
class RoundRobinConversation extends Conversation {
  private turns = 0;
  constructor(
    private readonly bases: readonly string[],
    locale: string,
  ) {
    super(bases[0]!, locale);
  }

  override raw(activity: Record<string, unknown>): ReturnType<Conversation['raw']> {
    // `base` is Conversation's private field: switched per turn so harness.ts stays as it is.
    (this as unknown as { base: string }).base = this.bases[this.turns++ % this.bases.length]!;
    return super.raw(activity);
  }
}

/**
 * Plays a scenario by answering whatever question is asked; throws with a reason on any failure.
 * `base` may list several servers: the turns then alternate between them (round-robin).
 * `open`, when given, makes the conversation instead (another transport, e.g. the web chat API).
 */
export async function playScenario<C extends ScenarioTransport = Conversation>(
  base: string | readonly string[],
  s: Scenario,
  today = new Date(),
  open?: (base: string, locale: string) => C,
): Promise<PlayResult<C>> {
  const locale = s.locale === 'es' ? 'es-US' : 'en-US';
  const conv = (
    open ? open(typeof base === 'string' ? base : base[0]!, locale) : typeof base === 'string' ? new Conversation(base, locale) : new RoundRobinConversation(base, locale)
  ) as C;
  let lang = s.locale;
  let acts = await conv.start();
  let asked = questionOf(acts);
  const path: string[] = [];
  let switched = false;
  let backed = false;
  const localeOk = (as: Activity[]) => as.filter((a) => a.type === 'message').every((a) => (a.locale ?? '').toLowerCase().startsWith(lang));
  for (let i = 0; i < 80; i++) {
    const result = resultOf(acts);
    if (result) {
      if (!localeOk(acts)) throw new Error(`result not in ${lang}`);
      return { result, path, last: acts, conversation: conv };
    }
    if (!asked) throw new Error(`no question and no result after ${path.join('>')}`);
    if (asked !== 'language' && !localeOk(acts)) throw new Error(`question ${asked} not in ${lang}`);
    if (s.switchAt === asked && !switched) {
      switched = true;
      lang = lang === 'en' ? 'es' : 'en';
      acts = await conv.say(lang === 'es' ? 'español' : 'English');
      if (questionOf(acts) !== asked) throw new Error(`after language switch asked ${questionOf(acts)} not ${asked}`);
      continue;
    }
    if (s.backAt === asked && !backed && s.backAnswers) {
      backed = true;
      const prev = path[path.length - 1]!;
      acts = await conv.say(lang === 'es' ? 'atrás' : 'back');
      if (questionOf(acts) !== prev) throw new Error(`back from ${asked} asked ${questionOf(acts)} not ${prev}`);
      acts = await conv.say(s.backAnswers[prev]!);
      asked = questionOf(acts);
      continue;
    }
    const typed = s.answers[asked];
    if (typed === undefined) throw new Error(`unexpected question ${asked} after ${path.join('>')}`);
    path.push(asked);
    acts = await conv.say(fill(typed, today));
    const next = questionOf(acts);
    if (next === asked && !resultOf(acts)) throw new Error(`answer "${fill(typed, today)}" to ${asked} not understood`);
    asked = next;
  }
  throw new Error('too many turns');
}
