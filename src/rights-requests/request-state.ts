import { AppError, invalidInput } from '../errors/app-error.ts';
import type { Right } from '../register/lawful-bases.ts';
import type { RequestEvent } from './request-event.ts';
import type {
  CloseReason,
  ExtensionReason,
  FeeReason,
  Outcome,
  RefusalGround,
  TaskKind,
} from './request-input.ts';

/**
 * A request's current state is a fold of its timeline: `applyEvent` checks one event against the
 * state so far and returns the next state, or throws. The table of what is allowed is in README.md.
 * Dates out of order are bad input (`invalid_input`, naming `date`); events that make no sense in
 * the state the request is in are refused (`invalid_transition`, saying why).
 */

/** Something asked of the person (identity, authority, a fee) and whether it has arrived. */
export interface Awaited {
  requestedOn?: string | undefined;
  receivedOn?: string | undefined;
}

export interface Clarification {
  askedOn: string;
  question: string;
  answeredOn?: string | undefined;
}

export interface Decision {
  decidedOn: string;
  outcome: Outcome;
  grounds: readonly { ground: RefusalGround; exemption?: string | undefined }[];
  reasons?: string | undefined;
}

export interface TaskState {
  id: number;
  kind: TaskKind;
  assignee: string;
  openedOn: string;
  dueOn: string;
  doneOn?: string | undefined;
}

export interface RequestState {
  receivedOn: string;
  rights: readonly Right[];
  hasRepresentative: boolean;
  identity: Awaited;
  authority: Awaited;
  fee: Awaited & { reason?: FeeReason | undefined; amountPence?: number | undefined };
  clarifications: readonly Clarification[];
  extension?: { toldOn: string; reason: ExtensionReason; detail: string } | undefined;
  decision?: Decision | undefined;
  responseSentOn?: string | undefined;
  closed?: { closedOn: string; reason: CloseReason } | undefined;
  tasks: readonly TaskState[];
  /** The latest date of any event but a note: nothing may be closed before it. */
  latestOn: string;
}

export const REQUEST_STATUSES = [
  'awaiting-requester',
  'in-progress',
  'decided',
  'responded',
  'closed',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** What the clock is waiting for before it can start (UK GDPR Art 12(6); Art 12(3) "relevant time"). */
export type AwaitedItem = 'identity' | 'authority' | 'fee';

/** The state of a request just logged, before any event after `received`. */
export function initialState(request: {
  receivedOn: string;
  rights: readonly Right[];
  hasRepresentative: boolean;
}): RequestState {
  return {
    receivedOn: request.receivedOn,
    rights: [...request.rights],
    hasRepresentative: request.hasRepresentative,
    identity: {},
    authority: {},
    fee: {},
    clarifications: [],
    tasks: [],
    latestOn: request.receivedOn,
  };
}

/** Folds a whole timeline (its first event must be `received`) into the current state. */
export function projectState(
  request: { receivedOn: string; rights: readonly Right[]; hasRepresentative: boolean },
  events: readonly RequestEvent[],
): RequestState {
  const [first, ...rest] = events;
  if (first?.type !== 'received' || first.date !== request.receivedOn) {
    throw new AppError('internal', 'A request timeline must begin with its received event');
  }
  return rest.reduce(applyEvent, initialState(request));
}

export function awaitedItems(state: RequestState): AwaitedItem[] {
  const items: AwaitedItem[] = [];
  if (isOutstanding(state.identity)) items.push('identity');
  if (isOutstanding(state.authority)) items.push('authority');
  if (isOutstanding(state.fee)) items.push('fee');
  return items;
}

export function openClarification(state: RequestState): Clarification | undefined {
  return state.clarifications.find((c) => c.answeredOn === undefined);
}

export function statusOf(state: RequestState): RequestStatus {
  if (state.closed) return 'closed';
  if (state.responseSentOn !== undefined) return 'responded';
  if (state.decision) return 'decided';
  if (awaitedItems(state).length > 0 || openClarification(state)) return 'awaiting-requester';
  return 'in-progress';
}

/** The result of a request for reporting: the decision, or withdrawn, or not yet decided. */
export type RequestOutcome = Outcome | 'withdrawn' | 'undecided';

export function outcomeOf(state: RequestState): RequestOutcome {
  if (state.closed?.reason === 'withdrawn') return 'withdrawn';
  return state.decision?.outcome ?? 'undecided';
}

/**
 * Checks `event` against `state` and returns the state after it. Pure: throws `invalid_transition`
 * or `invalid_input` and changes nothing when the event is refused.
 */
export function applyEvent(state: RequestState, event: RequestEvent): RequestState {
  if (event.type === 'received') refuse('A request is received once, when it is logged.');
  notBefore(event.date, state.receivedOn, 'the day the request was received');
  if (state.closed && event.type !== 'note') {
    refuse(`The request was closed on ${state.closed.closedOn}; only notes may be added to it.`);
  }
  const next = nextState(state, event);
  return event.type === 'note' ? next : { ...next, latestOn: laterDate(next.latestOn, event.date) };
}

function nextState(state: RequestState, event: Exclude<RequestEvent, { type: 'received' }>): RequestState {
  switch (event.type) {
    case 'identity-requested':
      notAfterDecision(state, 'Identity');
      return { ...state, identity: ask(state.identity, 'Identity', event.date) };
    case 'identity-received':
      return { ...state, identity: receive(state.identity, 'identity', event.date) };
    case 'authority-requested':
      if (!state.hasRepresentative) {
        refuse(
          'The person made this request themselves: there is no representative whose authority to check.',
        );
      }
      notAfterDecision(state, 'Proof of authority');
      return { ...state, authority: ask(state.authority, 'Proof of authority', event.date) };
    case 'authority-received':
      return { ...state, authority: receive(state.authority, 'proof of authority', event.date) };
    case 'fee-requested':
      // UK GDPR Art 15(3): a fee for further copies arises only under the right of access.
      if (event.reason === 'further-copies' && !state.rights.includes('access')) {
        throw invalidInput('reason', 'a fee for further copies can only be charged on an access request');
      }
      notAfterDecision(state, 'A fee');
      return {
        ...state,
        fee: {
          ...ask(state.fee, 'A fee', event.date),
          reason: event.reason,
          amountPence: event.amountPence,
        },
      };
    case 'fee-received':
      return { ...state, fee: { ...state.fee, ...receive(state.fee, 'the fee', event.date) } };
    case 'clarification-asked':
      return askClarification(state, event.date, event.question);
    case 'clarification-answered':
      return answerClarification(state, event.date);
    case 'extended':
      return extend(state, event);
    case 'task-opened':
      if (state.tasks.some((t) => t.id === event.taskId)) refuse(`Task ${event.taskId} is already open.`);
      if (event.dueOn < event.date)
        throw invalidInput('dueOn', `is before the task was opened (${event.date})`);
      return {
        ...state,
        tasks: [
          ...state.tasks,
          {
            id: event.taskId,
            kind: event.kind,
            assignee: event.assignee,
            openedOn: event.date,
            dueOn: event.dueOn,
          },
        ],
      };
    case 'task-done':
      return completeTask(state, event.taskId, event.date);
    case 'decision':
      return decide(state, event);
    case 'response-sent':
      if (!state.decision) refuse('There is no decision to send: record the decision first.');
      if (state.responseSentOn !== undefined)
        refuse(`The response was already sent on ${state.responseSentOn}.`);
      notBefore(event.date, state.decision.decidedOn, 'the decision');
      return { ...state, responseSentOn: event.date };
    case 'closed':
      return close(state, event.date, event.reason ?? 'completed');
    case 'note':
      return state;
  }
}

function ask(thread: Awaited, what: string, date: string): Awaited {
  if (thread.receivedOn !== undefined) refuse(`${what} was already received on ${thread.receivedOn}.`);
  if (thread.requestedOn !== undefined) {
    refuse(`${what} was already asked for on ${thread.requestedOn} and has not arrived yet.`);
  }
  return { requestedOn: date };
}

function receive(thread: Awaited, what: string, date: string): Awaited {
  if (thread.requestedOn === undefined) refuse(`Received ${what}, but it was never asked for.`);
  if (thread.receivedOn !== undefined)
    refuse(`${capitalise(what)} was already received on ${thread.receivedOn}.`);
  notBefore(date, thread.requestedOn, `the day ${what} was asked for`);
  return { requestedOn: thread.requestedOn, receivedOn: date };
}

function askClarification(state: RequestState, date: string, question: string): RequestState {
  // ICO, "Time limits for responding": the clock may be paused to clarify access requests only.
  if (!state.rights.includes('access')) {
    refuse('Only an access request can be paused for clarification; this request is not for access.');
  }
  if (state.decision) {
    refuse(`The request was decided on ${state.decision.decidedOn}; a clarification can no longer pause it.`);
  }
  const open = openClarification(state);
  if (open) refuse(`The clarification asked on ${open.askedOn} has not been answered yet.`);
  const previous = state.clarifications.at(-1);
  if (previous?.answeredOn !== undefined) {
    notBefore(date, previous.answeredOn, 'the answer to the previous clarification');
  }
  return { ...state, clarifications: [...state.clarifications, { askedOn: date, question }] };
}

function answerClarification(state: RequestState, date: string): RequestState {
  const open = openClarification(state);
  if (!open) refuse('There is no clarification waiting for an answer.');
  notBefore(date, open.askedOn, 'the question was asked');
  return {
    ...state,
    clarifications: state.clarifications.map((c) => (c === open ? { ...c, answeredOn: date } : c)),
  };
}

function extend(state: RequestState, event: Extract<RequestEvent, { type: 'extended' }>): RequestState {
  if (state.extension) {
    refuse(`The deadline was already extended on ${state.extension.toldOn}; it can be extended only once.`);
  }
  if (state.decision) {
    refuse(
      `The request was decided on ${state.decision.decidedOn}; an extension must come before the decision.`,
    );
  }
  const awaited = awaitedItems(state);
  if (awaited.length > 0) {
    refuse(
      `The clock has not started (waiting for ${awaited.join(' and ')}): there is no deadline to extend.`,
    );
  }
  // Whether the person was told in time depends on the deadline: the service checks it with the clock.
  return { ...state, extension: { toldOn: event.date, reason: event.reason, detail: event.detail } };
}

function completeTask(state: RequestState, taskId: number, date: string): RequestState {
  const task = state.tasks.find((t) => t.id === taskId);
  if (!task) refuse(`There is no task ${taskId} on this request.`);
  if (task.doneOn !== undefined) refuse(`Task ${taskId} was already done on ${task.doneOn}.`);
  notBefore(date, task.openedOn, `the day task ${taskId} was opened`);
  return { ...state, tasks: state.tasks.map((t) => (t === task ? { ...t, doneOn: date } : t)) };
}

function decide(state: RequestState, event: Extract<RequestEvent, { type: 'decision' }>): RequestState {
  if (state.decision) {
    refuse(`The request was already decided on ${state.decision.decidedOn} (${state.decision.outcome}).`);
  }
  const grounds = event.grounds ?? [];
  checkGrounds(event.outcome, grounds, event.reasons);
  const awaited = awaitedItems(state);
  if (event.outcome !== 'refuse' && awaited.length > 0) {
    refuse(
      `Cannot comply while waiting for ${awaited.join(' and ')}: record its arrival first, or refuse the request.`,
    );
  }
  if (
    grounds.some((g) => g.ground === 'identity-not-confirmed') &&
    state.identity.requestedOn === undefined
  ) {
    refuse('Identity was never asked for: ask for it before refusing because it is not confirmed.');
  }
  for (const [what, thread] of [
    ['identity', state.identity],
    ['proof of authority', state.authority],
    ['the fee', state.fee],
  ] as const) {
    if (thread.receivedOn !== undefined) notBefore(event.date, thread.receivedOn, `${what} was received`);
  }
  return {
    ...state,
    decision: { decidedOn: event.date, outcome: event.outcome, grounds, reasons: event.reasons },
  };
}

function checkGrounds(outcome: Outcome, grounds: Decision['grounds'], reasons: string | undefined): void {
  if (outcome === 'comply') {
    if (grounds.length > 0) throw invalidInput('grounds', 'a decision to comply has no grounds for refusal');
    return;
  }
  if (grounds.length === 0) throw invalidInput('grounds', 'name at least one ground for refusing');
  const seen = new Set<string>();
  grounds.forEach((g, i) => {
    const key = `${g.ground}:${g.exemption ?? ''}`;
    if (seen.has(key)) throw invalidInput(`grounds.${i}`, 'is given twice');
    seen.add(key);
    if (g.ground === 'exemption' && g.exemption === undefined) {
      throw invalidInput(
        `grounds.${i}.exemption`,
        'name the exemption relied on, e.g. "DPA 2018 Sch 2 Part 3 para 16 (third-party data)"',
      );
    }
    if (g.ground !== 'exemption' && g.exemption !== undefined) {
      throw invalidInput(
        `grounds.${i}.exemption`,
        `only an exemption ground names an exemption, not ${g.ground}`,
      );
    }
  });
  // UK GDPR Art 12(4): the person must be told the reasons.
  if (reasons === undefined) throw invalidInput('reasons', 'give the reasons the person will be told');
}

function close(state: RequestState, date: string, reason: CloseReason): RequestState {
  if (reason === 'withdrawn') {
    if (state.responseSentOn !== undefined) {
      refuse(`The response was sent on ${state.responseSentOn}: an answered request is closed as completed.`);
    }
  } else {
    if (state.responseSentOn === undefined && state.decision?.outcome !== 'refuse') {
      refuse('No response has been sent: record response-sent first, or close the request as withdrawn.');
    }
    const open = state.tasks.find((t) => t.doneOn === undefined);
    if (open) refuse(`Task ${open.id} (${open.kind}, ${open.assignee}) is still open.`);
  }
  notBefore(date, state.latestOn, 'the latest event on the request');
  return { ...state, closed: { closedOn: date, reason } };
}

function notAfterDecision(state: RequestState, what: string): void {
  if (state.decision) {
    refuse(`${what} can no longer be asked for: the request was decided on ${state.decision.decidedOn}.`);
  }
}

function isOutstanding(thread: Awaited): boolean {
  return thread.requestedOn !== undefined && thread.receivedOn === undefined;
}

function notBefore(date: string, earlier: string, what: string): void {
  if (date < earlier) throw invalidInput('date', `${date} is before ${what} (${earlier})`);
}

function laterDate(a: string, b: string): string {
  return b > a ? b : a;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function refuse(message: string): never {
  throw new AppError('invalid_transition', message);
}
