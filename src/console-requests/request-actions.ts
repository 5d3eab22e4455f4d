import { isAppError, type Problem } from '../errors/app-error.ts';
import type { RequestEvent } from '../rights-requests/request-event.ts';
import {
  CHANNELS,
  CLOSE_REASONS,
  EXTENSION_REASONS,
  FEE_REASONS,
  REFUSAL_GROUNDS,
  type CloseReason,
  type FeeReason,
  type RecordableEvent,
  type RefusalGround,
  TASK_KINDS,
  type TaskKind,
} from '../rights-requests/request-input.ts';
import { applyEvent, type RequestState } from '../rights-requests/request-state.ts';
import { dateMessage, field, fields, readDayText, type FormBody } from './form-input.ts';

/**
 * What a caseworker can record on a request from its page (pure): which actions the state allows
 * now, and what each form sent as the event the service records. A refusal is a decision to refuse,
 * shown as its own action because the law asks more of it (UK GDPR Art 12(4)).
 */

export const REQUEST_ACTIONS = [
  'identity-requested',
  'identity-received',
  'authority-requested',
  'authority-received',
  'fee-requested',
  'fee-received',
  'clarification-asked',
  'clarification-answered',
  'extended',
  'decision',
  'refusal',
  'response-sent',
  'closed',
  'note',
] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

export function isRequestAction(value: string): value is RequestAction {
  return (REQUEST_ACTIONS as readonly string[]).includes(value);
}

/** The actions the state allows, and within them the choices it allows. */
export interface AllowedActions {
  actions: RequestAction[];
  feeReasons: FeeReason[];
  /** Grounds for complying only in part. */
  partGrounds: RefusalGround[];
  canComply: boolean;
  refusalGrounds: RefusalGround[];
  closeReasons: CloseReason[];
  /** A task may be opened (not once the request is closed). */
  canOpenTask: boolean;
  /** The ids of the open tasks that may be marked done. */
  completableTasks: number[];
}

/**
 * Asks the state machine itself, with a sample of each event dated today, so that the page offers
 * exactly what `applyEvent` would accept and never keeps its own copy of the rules. Checks that
 * need the deadline (an extension told in time) are the service's; it refuses those with a message.
 */
export function allowedActions(state: RequestState, today: string): AllowedActions {
  const allows = (event: RecordableEvent) => accepts(state, event);
  const sample = (ground: RefusalGround) => ({
    ground,
    ...(ground === 'exemption' ? { exemption: 'sample' } : {}),
  });
  const feeReasons = FEE_REASONS.filter((reason) =>
    allows({ type: 'fee-requested', date: today, reason, amountPence: 1 }),
  );
  const partGrounds = REFUSAL_GROUNDS.filter((ground) =>
    allows({
      type: 'decision',
      date: today,
      outcome: 'comply-in-part',
      grounds: [sample(ground)],
      reasons: 'sample',
    }),
  );
  const canComply = allows({ type: 'decision', date: today, outcome: 'comply' });
  const refusalGrounds = REFUSAL_GROUNDS.filter((ground) =>
    allows({
      type: 'decision',
      date: today,
      outcome: 'refuse',
      grounds: [sample(ground)],
      reasons: 'sample',
    }),
  );
  const closeReasons = CLOSE_REASONS.filter((reason) => allows({ type: 'closed', date: today, reason }));
  const simple = (
    type:
      | 'identity-requested'
      | 'identity-received'
      | 'authority-requested'
      | 'authority-received'
      | 'fee-received'
      | 'clarification-answered'
      | 'response-sent',
  ) => allows({ type, date: today });
  const isAllowed: Record<RequestAction, boolean> = {
    'identity-requested': simple('identity-requested'),
    'identity-received': simple('identity-received'),
    'authority-requested': simple('authority-requested'),
    'authority-received': simple('authority-received'),
    'fee-requested': feeReasons.length > 0,
    'fee-received': simple('fee-received'),
    'clarification-asked': allows({ type: 'clarification-asked', date: today, question: 'sample' }),
    'clarification-answered': simple('clarification-answered'),
    extended: allows({ type: 'extended', date: today, reason: 'complexity', detail: 'sample' }),
    decision: canComply || partGrounds.length > 0,
    refusal: refusalGrounds.length > 0,
    'response-sent': simple('response-sent'),
    closed: closeReasons.length > 0,
    note: allows({ type: 'note', date: today, text: 'sample' }),
  };
  return {
    actions: REQUEST_ACTIONS.filter((action) => isAllowed[action]),
    feeReasons,
    partGrounds,
    canComply,
    refusalGrounds,
    closeReasons,
    canOpenTask: accepts(state, {
      type: 'task-opened',
      date: today,
      taskId: 0,
      kind: 'review',
      assignee: 'sample',
      dueOn: today,
    }),
    completableTasks: state.tasks
      .filter((t) => accepts(state, { type: 'task-done', date: today, taskId: t.id }))
      .map((t) => t.id),
  };
}

function accepts(state: RequestState, event: RequestEvent): boolean {
  try {
    applyEvent(state, event);
    return true;
  } catch (error) {
    if (isAppError(error) && (error.code === 'invalid_transition' || error.code === 'invalid_input'))
      return false;
    throw error;
  }
}

export type ActionReading = { ok: true; event: RecordableEvent } | { ok: false; problems: Problem[] };

/** The id of a field of an action's form: each form on the page has its own (`refusal-reasons`). */
export function actionFieldId(action: RequestAction, name: string): string {
  return `${action}-${name}`;
}

/**
 * What an action's form sent, as the event to record, or the problems with it (GOV.UK wording, each
 * at its field). The service checks again; this only makes the page's messages read well.
 */
export function readAction(action: RequestAction, body: FormBody, today: string): ActionReading {
  const problems: Problem[] = [];
  const problem = (name: string, message: string) =>
    problems.push({ where: actionFieldId(action, name), message });
  const reading = readDayText(field(body, 'date'));
  let date = '';
  if ('problem' in reading) problem('date', dateMessage(reading.problem, 'the date'));
  else if (reading.date > today) problem('date', 'The date must be today or in the past');
  else date = reading.date;
  const detail = optional('detail', field(body, 'detail'));

  const event = ((): RecordableEvent | undefined => {
    switch (action) {
      case 'identity-requested':
      case 'identity-received':
      case 'authority-requested':
      case 'authority-received':
      case 'fee-received':
        return { type: action, date, ...detail };
      case 'fee-requested': {
        const reason = field(body, 'reason');
        if (!isOneOf(FEE_REASONS, reason)) problem('reason', 'Select why a fee is charged');
        const amountPence = readPounds(field(body, 'amount'));
        if (typeof amountPence === 'string') problem('amount', amountPence);
        if (!isOneOf(FEE_REASONS, reason) || typeof amountPence === 'string') return undefined;
        return { type: action, date, reason, amountPence, ...detail };
      }
      case 'clarification-asked': {
        const question = field(body, 'question');
        if (question === '') problem('question', 'Enter what you asked the person to clarify');
        return { type: action, date, question };
      }
      case 'clarification-answered':
        return { type: action, date, ...optional('answer', field(body, 'answer')) };
      case 'extended': {
        const reason = field(body, 'reason');
        const told = field(body, 'detail');
        if (!isOneOf(EXTENSION_REASONS, reason)) problem('reason', 'Select why the deadline is extended');
        if (told === '') problem('detail', 'Enter the reasons you gave the person');
        if (!isOneOf(EXTENSION_REASONS, reason)) return undefined;
        return { type: action, date, reason, detail: told };
      }
      case 'decision': {
        const outcome = field(body, 'outcome');
        if (outcome === 'comply') return { type: 'decision', date, outcome };
        if (outcome !== 'comply-in-part') {
          problem('outcome', 'Select the decision');
          return undefined;
        }
        return { type: 'decision', date, outcome, ...readGrounds(body, problem, 'not complying in full') };
      }
      case 'refusal':
        return { type: 'decision', date, outcome: 'refuse', ...readGrounds(body, problem, 'refusing') };
      case 'response-sent': {
        const method = field(body, 'method');
        if (method !== '' && !isOneOf(CHANNELS, method))
          problem('method', 'Select how the response was sent');
        return { type: action, date, ...(isOneOf(CHANNELS, method) ? { method } : {}), ...detail };
      }
      case 'closed': {
        const reason = field(body, 'reason');
        if (!isOneOf(CLOSE_REASONS, reason)) {
          problem('reason', 'Select why the request is closed');
          return undefined;
        }
        return { type: action, date, reason, ...detail };
      }
      case 'note': {
        const text = field(body, 'text');
        if (text === '') problem('text', 'Enter the note');
        return { type: action, date, text };
      }
    }
  })();
  if (problems.length > 0 || event === undefined) return { ok: false, problems };
  return { ok: true, event };
}

/** The grounds and reasons of a refusal, in whole or in part (UK GDPR Art 12(4): the person is told why). */
function readGrounds(
  body: FormBody,
  problem: (name: string, message: string) => void,
  what: string,
): { grounds: { ground: RefusalGround; exemption?: string }[]; reasons: string } {
  const chosen = fields(body, 'grounds').filter((g) => isOneOf(REFUSAL_GROUNDS, g));
  const exemption = field(body, 'exemption');
  const reasons = field(body, 'reasons');
  if (chosen.length === 0) problem('grounds', `Select the grounds for ${what}`);
  if (chosen.includes('exemption') && exemption === '')
    problem('exemption', 'Name the exemption, for example DPA 2018 Sch 2 Part 3 para 16');
  if (reasons === '') problem('reasons', 'Enter the reasons the person will be told');
  return {
    grounds: chosen.map((ground) => (ground === 'exemption' ? { ground, exemption } : { ground })),
    reasons,
  };
}

/** `10`, `£10.50` → pence; otherwise the message to show. */
function readPounds(text: string): number | string {
  if (text === '') return 'Enter the fee, for example 10 or 10.50';
  const match = /^£?\s*(\d{1,6})(?:\.(\d{1,2}))?$/.exec(text.replaceAll(',', ''));
  if (!match) return 'Enter the fee in pounds, for example 10 or 10.50';
  const pence = Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
  return pence > 0 ? pence : 'The fee must be more than £0';
}

/** A problem the service found (`date`, `grounds.0.exemption`, `amountPence`), at the action's field. */
export function actionProblem(action: RequestAction, problem: Problem): Problem {
  const name = problem.where
    .replace(/^grounds\.\d+\.exemption$/, 'exemption')
    .replace(/^grounds\.\d+$/, 'grounds')
    .replace(/^amountPence$/, 'amount');
  return { where: actionFieldId(action, name), message: problem.message };
}

function optional<K extends string>(key: K, value: string): Partial<Record<K, string>> {
  return value === '' ? {} : ({ [key]: value } as Record<K, string>);
}

function isOneOf<T extends string>(options: readonly T[], value: string): value is T {
  return (options as readonly string[]).includes(value);
}

export interface NewTaskInput {
  kind: TaskKind;
  assignee: string;
  dueOn: string;
  detail?: string;
}

/** The form that opens a task: what to do, who does it, by when. Its fields' ids start `task-`. */
export function readNewTask(
  body: FormBody,
  today: string,
): { ok: true; input: NewTaskInput } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  const kind = field(body, 'kind');
  const assignee = field(body, 'assignee');
  const due = readDayText(field(body, 'dueOn'));
  if (!isOneOf(TASK_KINDS, kind)) problems.push({ where: 'task-kind', message: 'Select what the task is' });
  if (assignee === '') problems.push({ where: 'task-assignee', message: 'Select who the task is for' });
  if ('problem' in due)
    problems.push({ where: 'task-dueOn', message: dateMessage(due.problem, 'the date it is due') });
  else if (due.date < today)
    problems.push({ where: 'task-dueOn', message: 'The date it is due must be today or later' });
  if (problems.length > 0 || !isOneOf(TASK_KINDS, kind) || 'problem' in due) return { ok: false, problems };
  return {
    ok: true,
    input: { kind, assignee, dueOn: due.date, ...optional('detail', field(body, 'detail')) },
  };
}
