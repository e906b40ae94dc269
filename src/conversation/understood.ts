/**
 * The wire's `channelData.understood` (design.md §4): what a turn took, as the question, the code and
 * how it was read, never the text.
 */
import { questionById, type IntakeEvent, type IntakeSnapshot } from '../../dialogs/intake';
import type { ReadingHow, Reply, ReplyChannelData } from '../render';
import type { Understanding } from '../understand';
import type { TurnInput } from './turnInput';

export type Understood = NonNullable<ReplyChannelData['understood']>;

/**
 * What this turn took, when it took an answer. Free-text contact answers have no code and carry none.
 */
export function understoodOf(
  before: IntakeSnapshot,
  after: IntakeSnapshot,
  event: IntakeEvent,
  u: Understanding,
  input: TurnInput,
): Understood | undefined {
  if (event.type !== 'answer.given' && event.type !== 'reading.confirmed') return undefined;
  const question = before.context.current;
  if (questionById(question).kind === 'text') return undefined;
  const value = after.context.answers[question];
  if (value === undefined || (event.type === 'answer.given' && value !== event.value)) return undefined;
  const how: ReadingHow =
    event.type === 'reading.confirmed' ? 'confirmed' : input.button !== undefined && input.button !== null && u.kind === 'answer' && u.value === input.button ? 'button' : u.kind === 'answer' ? (u.how ?? 'phrase') : 'phrase';
  return { question, value: String(value), how };
}

/** The reply that asks what comes next (or the first one) tells what this turn took. */
export function markUnderstood(replies: Reply[], understood: Understood): void {
  const target = replies.findLast((r) => r.channelData?.question !== undefined) ?? replies[0];
  if (target) target.channelData = { ...target.channelData, understood };
}
