import type { Right } from '../register/lawful-bases.ts';
import type { RequestEvent } from '../rights-requests/request-event.ts';
import { awaitedItems, openClarification, type AwaitedItem } from '../rights-requests/request-state.ts';
import type { ClockView, RequestView } from '../rights-requests/rights-request-service.ts';
import { dayAndDate } from './plain-dates.ts';

/**
 * What a requester may see of their request through the link sent to them: where it stands, the
 * deadline and the dates of what has happened. Built only from the request's state, clock and the
 * types of its events: never notes, task assignees, staff names, questions or reasons typed by
 * staff, or the decision before the response is sent.
 */
export interface PublicRequestStatus {
  reference: string;
  rights: Right[];
  receivedOn: string;
  deadline: PublicDeadline;
  stage: PublicStage;
  /** What has happened so far, oldest first. */
  steps: PublicStep[];
}

export interface PublicDeadline {
  /** The statutory deadline; null while the clock waits for the requester or cannot be computed. */
  dueOn: string | null;
  isPaused: boolean;
  isExtended: boolean;
  /** A few short sentences for the requester. */
  summary: string;
  /** The clock's own reasoning, line by line, as the request page shows it. */
  explanation: string[];
}

export const STAGES = [
  'checking-identity',
  'checking-authority',
  'awaiting-fee',
  'clarifying',
  'searching',
  'extended',
  'preparing-response',
  'responded',
  'closed',
] as const;
export type StageCode = (typeof STAGES)[number];

export interface PublicStage {
  code: StageCode;
  /** A heading, such as "We are searching our records". */
  title: string;
  /** One or two sentences saying what it means for the requester. */
  detail: string;
}

export interface PublicStep {
  date: string;
  text: string;
}

const AWAITED_NAMES: Record<AwaitedItem, string> = {
  identity: 'proof of identity',
  authority: 'proof that you can act for the person',
  fee: 'the fee',
};

/** The requester's view of a request. Pure. */
export function publicStatus(view: RequestView): PublicRequestStatus {
  return {
    reference: view.request.reference,
    rights: [...view.request.rights],
    receivedOn: view.request.receivedOn,
    deadline: publicDeadline(view),
    stage: stageOf(view),
    steps: view.timeline.flatMap((entry) => {
      const text = stepText(entry.event);
      return text === undefined ? [] : [{ date: entry.event.date, text }];
    }),
  };
}

function publicDeadline(view: RequestView): PublicDeadline {
  const { clock, state } = view;
  const isExtended = state.extension !== undefined;
  if (clock.status !== 'counting') {
    return { dueOn: null, isPaused: false, isExtended, summary: waitingSummary(clock), explanation: [] };
  }
  const { deadline } = clock;
  const sentences: string[] = [];
  if (deadline.paused) {
    sentences.push(
      'The time limit is paused until you reply to our question.',
      `If you reply on the day we asked, we must respond by ${dayAndDate(deadline.due)}.`,
      'The date moves on by one day for each day until you reply.',
    );
  } else {
    sentences.push(`We must respond by ${dayAndDate(deadline.due)}.`);
  }
  const started =
    deadline.start === view.request.receivedOn
      ? 'the day we received your request'
      : `${dayAndDate(deadline.start)}, when we received what we asked you for`;
  sentences.push(
    `This is ${isExtended ? 'three months' : 'one month'} from ${started}` +
      `${isExtended ? ', because we extended the time limit' : ''}.`,
  );
  if (deadline.pausedDays > 0 && !deadline.paused) {
    sentences.push(
      `It includes ${deadline.pausedDays} ${deadline.pausedDays === 1 ? 'day' : 'days'} when the time limit was paused while we waited for you to clarify your request.`,
    );
  }
  sentences.push('If the last day is a weekend or bank holiday, we have until the next working day.');
  return {
    dueOn: deadline.due,
    isPaused: deadline.paused,
    isExtended,
    summary: sentences.join(' '),
    explanation: [...deadline.explanation],
  };
}

function waitingSummary(clock: Exclude<ClockView, { status: 'counting' }>): string {
  if (clock.status === 'waiting') {
    const what = clock.waitingFor.map((item) => AWAITED_NAMES[item]).join(' and ');
    return `The time limit starts when we receive ${what}. We will then have one month to respond.`;
  }
  // The reason (holiday data to update) is for staff, not the requester.
  return 'We cannot show the date we must respond by at the moment. Contact us if you need to know it.';
}

function stageOf(view: RequestView): PublicStage {
  const { state } = view;
  if (state.closed) {
    return {
      code: 'closed',
      title: 'Closed',
      detail:
        state.closed.reason === 'withdrawn'
          ? `The request was withdrawn. We closed it on ${dayAndDate(state.closed.closedOn)}.`
          : `We closed your request on ${dayAndDate(state.closed.closedOn)}.`,
    };
  }
  if (state.responseSentOn !== undefined) {
    return {
      code: 'responded',
      title: 'We have responded',
      detail: `We sent our response on ${dayAndDate(state.responseSentOn)}.`,
    };
  }
  const awaited = awaitedItems(state);
  if (awaited.includes('identity')) {
    return {
      code: 'checking-identity',
      title: 'We are checking your identity',
      detail: 'We have asked for proof of identity. The time limit starts when we receive it.',
    };
  }
  if (awaited.includes('authority')) {
    return {
      code: 'checking-authority',
      title: 'We are checking that you can act for the person',
      detail: `We have asked for ${AWAITED_NAMES.authority}. The time limit starts when we receive it.`,
    };
  }
  if (awaited.includes('fee')) {
    return {
      code: 'awaiting-fee',
      title: 'We have asked for a fee',
      detail: 'The time limit starts when we receive it.',
    };
  }
  if (openClarification(state)) {
    return {
      code: 'clarifying',
      title: 'We have asked you to clarify your request',
      detail: 'We need more detail to find what you asked for. The time limit is paused until you reply.',
    };
  }
  const due = view.clock.status === 'counting' ? ` by ${dayAndDate(view.clock.deadline.due)}` : '';
  if (state.decision) {
    return {
      code: 'preparing-response',
      title: 'We are preparing our response',
      detail: `We will send it${due}.`,
    };
  }
  if (state.extension) {
    const why =
      state.extension.reason === 'complexity'
        ? 'your request is complex'
        : 'you have made a number of requests';
    return {
      code: 'extended',
      title: 'We have extended the time to respond',
      detail: `We need more time because ${why}. We told you on ${dayAndDate(state.extension.toldOn)}. We will respond${due}.`,
    };
  }
  return {
    code: 'searching',
    title: 'We are searching our records',
    detail: `We are looking for the information your request is about. We will respond${due}.`,
  };
}

/** What a requester reads for each event; undefined for what is internal (notes, tasks, the decision). */
function stepText(event: RequestEvent): string | undefined {
  switch (event.type) {
    case 'received':
      return 'We received your request';
    case 'identity-requested':
      return 'We asked for proof of identity';
    case 'identity-received':
      return 'We received proof of identity';
    case 'authority-requested':
      return 'We asked for proof that you can act for the person';
    case 'authority-received':
      return 'We received proof that you can act for the person';
    case 'fee-requested':
      return 'We asked for a fee';
    case 'fee-received':
      return 'We received the fee';
    case 'clarification-asked':
      return 'We asked you to clarify your request';
    case 'clarification-answered':
      return 'We received your reply to our question';
    case 'extended':
      return 'We extended the time to respond';
    case 'response-sent':
      return 'We sent our response';
    case 'closed':
      return event.reason === 'withdrawn' ? 'The request was withdrawn' : 'We closed your request';
    // Internal: the decision reaches the person with the response; notes and tasks are staff work.
    case 'decision':
    case 'note':
    case 'task-opened':
    case 'task-done':
      return undefined;
  }
}
