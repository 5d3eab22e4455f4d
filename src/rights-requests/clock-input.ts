import type { Division } from '../register/lawful-bases.ts';
import type { ClockInput } from '../statutory-clock/deadline.ts';
import { laterOf } from './dates.ts';
import { awaitedItems, type AwaitedItem, type RequestState } from './request-state.ts';

/** Either the clock's input, or what it is waiting for before it can start. */
export type ClockProjection =
  { started: false; waitingFor: AwaitedItem[] } | { started: true; input: ClockInput };

/**
 * The statutory clock's input, from a request's state: the deadline is then a function of the
 * events and the holiday calendar alone.
 *
 * While identity, proof of authority or a requested fee is outstanding, the clock has not started
 * (UK GDPR Art 12(6); Art 12(3) as amended by DUAA 2025 s.76, "relevant time"), so there is no input.
 * A clarification asked before the clock started only pauses the part that falls after the start:
 * a pause cannot stop a clock that is not yet running.
 */
export function projectClock(state: RequestState, divisions: readonly Division[]): ClockProjection {
  const waitingFor = awaitedItems(state);
  if (waitingFor.length > 0) return { started: false, waitingFor };
  const start = [state.identity.receivedOn, state.authority.receivedOn, state.fee.receivedOn].reduce<string>(
    laterOf,
    state.receivedOn,
  );
  const clarifications = state.clarifications
    .filter((c) => c.answeredOn === undefined || c.answeredOn > start)
    .map((c) =>
      c.answeredOn === undefined
        ? { asked: laterOf(c.askedOn, start) }
        : { asked: laterOf(c.askedOn, start), answered: c.answeredOn },
    );
  return {
    started: true,
    input: {
      rights: state.rights,
      received: state.receivedOn,
      // Only what happened is given: an absent date is left out rather than passed as undefined.
      ...(state.identity.receivedOn === undefined ? {} : { identityReceived: state.identity.receivedOn }),
      ...(state.authority.receivedOn === undefined ? {} : { authorityReceived: state.authority.receivedOn }),
      ...(state.fee.receivedOn === undefined ? {} : { feeReceived: state.fee.receivedOn }),
      clarifications,
      extended: state.extension !== undefined,
      divisions,
    },
  };
}
