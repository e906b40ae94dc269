/**
 * The shared scenario files (../shared/scenarios) for the tests, and `playScenario`: tools/'s player
 * (the benchmark's too) on a Bot Framework conversation, or on another transport.
 */
import path from 'node:path';
import { BotConversation, fillDate, HttpClient, loadScenarios as load, playIntake, type Activity, type IntakeResult, type Requester, type Scenario, type ScenarioTransport } from '../../tools';

export type { Scenario, ScenarioTransport };

export const SHARED = path.resolve(__dirname, '../../../shared');
export const SCENARIO_DIR = path.join(SHARED, 'scenarios');

/** The scenarios in `dir` (the public ones unless given), in name order. */
export const loadScenarios = (dir = SCENARIO_DIR): Scenario[] => load(dir);

/** `{date+N}` in a typed answer, written as the acceptance tool does. */
export const fill = fillDate;

export interface PlayResult<C extends ScenarioTransport = BotConversation> {
  result: IntakeResult;
  path: string[];
  last: Activity[];
  conversation: C;
}

/** Requests that go to each of several servers in turn, as behind a load balancer. */
class RoundRobin implements Requester {
  private turns = 0;
  private readonly clients: HttpClient[];
  constructor(bases: readonly string[]) {
    this.clients = bases.map((b) => new HttpClient(b));
  }

  request(...args: Parameters<Requester['request']>): ReturnType<Requester['request']> {
    return this.clients[this.turns++ % this.clients.length]!.request(...args);
  }
}

/**
 * Plays a scenario by answering whatever question is asked; throws with a reason on any failure.
 * `base` may list several servers: the turns then alternate between them (round-robin).
 * `open`, when given, makes the conversation instead (another transport, e.g. the web chat API).
 */
export async function playScenario<C extends ScenarioTransport = BotConversation>(
  base: string | readonly string[],
  s: Scenario,
  today = new Date(),
  open?: (base: string, locale: string) => C,
): Promise<PlayResult<C>> {
  const locale = s.locale === 'es' ? 'es-US' : 'en-US';
  const conversation = (
    open ? open(typeof base === 'string' ? base : base[0]!, locale) : new BotConversation(typeof base === 'string' ? base : new RoundRobin(base), locale)
  ) as C;
  const { result, path, last } = await playIntake(conversation, s, today);
  return { result, path, last, conversation };
}
