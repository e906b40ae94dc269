/** What a message means to the machine: the event it sends, given what the machine waits for. */
import { stateOf, type IntakeEvent, type IntakeSnapshot } from '../../dialogs/intake';
import type { Expecting, Understanding } from '../understand';

/** What the machine waits for: a question's answer, a yes or no, or the review. */
export function expectingOf(snapshot: IntakeSnapshot): Expecting {
  switch (stateOf(snapshot)) {
    case 'asking':
      return snapshot.context.current;
    case 'confirmingRestart':
    case 'confirming':
      // Both wait for a yes or a no.
      return 'confirmRestart';
    default:
      return 'review';
  }
}

/**
 * Maps what the person meant to a machine event, given what the machine is waiting for.
 * `confirmingReading`: the machine waits for a yes or no to "I understood: ... Is that right?".
 */
export function toEvent(u: Understanding, expecting: Expecting, confirmingReading = false): IntakeEvent {
  switch (u.kind) {
    case 'answer':
      if (confirmingReading) return u.value === 'yes' ? { type: 'reading.confirmed' } : { type: 'reading.rejected' };
      if (expecting === 'review') return u.value === 'confirm' ? { type: 'review.confirmed' } : { type: 'answer.invalid', reason: 'noMatch' };
      if (expecting === 'confirmRestart') return u.value === 'yes' ? { type: 'restart.confirmed' } : { type: 'restart.cancelled' };
      return { type: 'answer.given', value: u.value };
    case 'tentative':
      // Only a question's answer can wait for confirmation; elsewhere it is not understood.
      return expecting === 'review' || expecting === 'confirmRestart' || confirmingReading
        ? { type: 'answer.invalid', reason: 'noMatch' }
        : { type: 'answer.tentative', value: u.value };
    case 'open':
      return { type: 'answer.open', followUp: u.followUp };
    case 'change':
      return { type: 'review.change', question: u.question };
    case 'notUnderstood':
      return { type: 'answer.invalid', reason: u.reason };
    case 'command':
      switch (u.command) {
        case 'help':
          return { type: 'help.requested' };
        case 'back':
          return { type: 'back.requested' };
        case 'restart':
          return { type: 'restart.requested' };
        case 'language':
          return { type: 'language.switch', locale: u.locale };
        case 'exit':
          return { type: 'exit.requested' };
        case 'delete':
          return { type: 'delete.requested' };
      }
  }
}
