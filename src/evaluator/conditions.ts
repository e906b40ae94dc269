/**
 * The language the rules are written in (intake-spec.md §4). A condition reads the answers and says
 * both whether it holds and which answers made it hold, so a rule's "fires when" and its "because"
 * line are one definition and cannot drift apart.
 *
 * - `is(q, ...values)`: "q = v" / "q ∈ {...}"; holds because of q.
 * - `differs(q, ...values)`: "q ≠ v"; needs an answer: an unanswered question (not asked on this path)
 *   tells us nothing, so it fires nothing.
 * - `all(...)`, `any(...)`: and / or; `any` names every alternative that held.
 * - `quietly(c)`: a background condition (in the US, no open case, not detained): it must hold, but
 *   the "because" line does not name it.
 * - `not(c)`: holds when c does not, and names nothing.
 */
import type { IntakeAnswers, QuestionId } from '../../dialogs/intake/answers';

/** The answers that made a condition hold; `undefined` when it does not hold. */
export type Because = readonly QuestionId[];
export type Condition = (a: IntakeAnswers) => Because | undefined;

type Value<Q extends QuestionId> = NonNullable<IntakeAnswers[Q]>;

const NOTHING: Because = [];

export function is<Q extends QuestionId>(q: Q, ...values: Value<Q>[]): Condition {
  const wanted: readonly unknown[] = values;
  const because: Because = [q];
  return (a) => (a[q] !== undefined && wanted.includes(a[q]) ? because : undefined);
}

export function differs<Q extends QuestionId>(q: Q, ...values: Value<Q>[]): Condition {
  const unwanted: readonly unknown[] = values;
  const because: Because = [q];
  return (a) => (a[q] !== undefined && !unwanted.includes(a[q]) ? because : undefined);
}

export function all(...conditions: Condition[]): Condition {
  return (a) => {
    const named: QuestionId[] = [];
    for (const c of conditions) {
      const held = c(a);
      if (held === undefined) return undefined;
      named.push(...held);
    }
    return unique(named);
  };
}

export function any(...conditions: Condition[]): Condition {
  return (a) => {
    let holds = false;
    const named: QuestionId[] = [];
    for (const c of conditions) {
      const held = c(a);
      if (held === undefined) continue;
      holds = true;
      named.push(...held);
    }
    return holds ? unique(named) : undefined;
  };
}

export function quietly(c: Condition): Condition {
  return (a) => (c(a) === undefined ? undefined : NOTHING);
}

export function not(c: Condition): Condition {
  return (a) => (c(a) === undefined ? NOTHING : undefined);
}

/** Whether a condition holds, for code that needs only that. */
export const holds = (c: Condition, a: IntakeAnswers): boolean => c(a) !== undefined;

function unique(ids: QuestionId[]): Because {
  return ids.length < 2 ? ids : [...new Set(ids)];
}
