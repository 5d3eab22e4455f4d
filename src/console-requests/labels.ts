import type { ComplaintChannel, ComplaintStatus } from '../complaints/complaint-input.ts';
import { RIGHTS, type Right } from '../register/lawful-bases.ts';
import type { RequestEventType } from '../rights-requests/request-event.ts';
import type {
  Channel,
  CloseReason,
  ExtensionReason,
  FeeReason,
  Outcome,
  RefusalGround,
  RepresentativeKind,
  TaskKind,
} from '../rights-requests/request-input.ts';
import type { AwaitedItem, RequestStatus } from '../rights-requests/request-state.ts';
import type { MatchBasis } from '../rights-requests/same-person.ts';
import type { RequestAction } from './request-actions.ts';

/** The words the console uses for the codes the services speak in. */

export interface TagLabel {
  text: string;
  /** A GOV.UK tag colour class. */
  classes: string;
}

export const STATUS_LABELS: Record<RequestStatus, TagLabel> = {
  'awaiting-requester': { text: 'Awaiting requester', classes: 'govuk-tag--yellow' },
  'in-progress': { text: 'In progress', classes: 'govuk-tag--blue' },
  decided: { text: 'Decided', classes: 'govuk-tag--purple' },
  responded: { text: 'Responded', classes: 'govuk-tag--green' },
  closed: { text: 'Closed', classes: 'govuk-tag--grey' },
};

export const COMPLAINT_STATUS_LABELS: Record<ComplaintStatus, TagLabel> = {
  received: { text: 'Received', classes: 'govuk-tag--yellow' },
  acknowledged: { text: 'Acknowledged', classes: 'govuk-tag--blue' },
  investigating: { text: 'Investigating', classes: 'govuk-tag--purple' },
  closed: { text: 'Closed', classes: 'govuk-tag--grey' },
};

export const RIGHT_LABELS: Record<Right, string> = RIGHTS;

/** Rights in a few words, for tables where the article numbers would crowd the columns. */
export const RIGHT_SHORT_LABELS: Record<Right, string> = {
  access: 'Access',
  rectification: 'Rectification',
  erasure: 'Erasure',
  restriction: 'Restriction',
  portability: 'Portability',
  objection: 'Objection',
  'automated-decision': 'Automated decisions',
};

export const CHANNEL_LABELS: Record<Channel, string> = {
  web: 'Online form',
  email: 'Email',
  letter: 'Letter',
  phone: 'Phone',
  'in-person': 'In person',
  'social-media': 'Social media',
};

export const COMPLAINT_CHANNEL_LABELS: Record<ComplaintChannel, string> = {
  web: 'Online form',
  email: 'Email',
  letter: 'Letter',
  phone: 'Phone',
  'in-person': 'In person',
};

/** The ways a request reaches a caseworker to be logged by hand (the online form logs its own). */
export const STAFF_CHANNELS = ['letter', 'phone', 'email', 'in-person', 'social-media'] as const;

export const REPRESENTATIVE_LABELS: Record<RepresentativeKind, string> = {
  solicitor: 'Solicitor',
  'parent-or-guardian': 'Parent or guardian',
  attorney: 'Attorney or deputy',
  advocate: 'Advocate',
  other: 'Someone else',
};

export const TASK_LABELS: Record<TaskKind, string> = {
  'search-system': 'Search a system',
  review: 'Review',
  redact: 'Redact',
  approve: 'Approve',
  send: 'Send',
};

export const FEE_REASON_LABELS: Record<FeeReason, string> = {
  'manifestly-unfounded': 'The request is manifestly unfounded (UK GDPR Art 12(5))',
  'manifestly-excessive': 'The request is manifestly excessive (UK GDPR Art 12(5))',
  'further-copies': 'Further copies of the data (UK GDPR Art 15(3), access only)',
};

export const EXTENSION_REASON_LABELS: Record<ExtensionReason, string> = {
  complexity: 'The request is complex',
  'number-of-requests': 'The person has made a number of requests',
};

export const OUTCOME_LABELS: Record<Outcome, string> = {
  comply: 'Comply in full',
  'comply-in-part': 'Comply in part',
  refuse: 'Refuse',
};

export const GROUND_LABELS: Record<RefusalGround, string> = {
  'manifestly-unfounded': 'Manifestly unfounded (UK GDPR Art 12(5))',
  'manifestly-excessive': 'Manifestly excessive (UK GDPR Art 12(5))',
  'identity-not-confirmed': 'Identity not confirmed (UK GDPR Art 12(2) and 12(6))',
  exemption: 'An exemption applies (DPA 2018 Schedules 2 to 4)',
};

export const CLOSE_REASON_LABELS: Record<CloseReason, string> = {
  completed: 'Completed',
  withdrawn: 'Withdrawn by the person',
};

export const AWAITED_LABELS: Record<AwaitedItem, string> = {
  identity: 'proof of identity',
  authority: 'proof of authority',
  fee: 'the fee',
};

export const MATCH_LABELS: Record<MatchBasis, string> = {
  email: 'same email address',
  phone: 'same phone number',
  name: 'same name only',
};

export const EVENT_LABELS: Record<RequestEventType, string> = {
  received: 'Request received',
  'identity-requested': 'Proof of identity asked for',
  'identity-received': 'Proof of identity received',
  'authority-requested': 'Proof of authority asked for',
  'authority-received': 'Proof of authority received',
  'fee-requested': 'Fee asked for',
  'fee-received': 'Fee received',
  'clarification-asked': 'Clarification asked for',
  'clarification-answered': 'Clarification answered',
  extended: 'Deadline extended',
  'task-opened': 'Task opened',
  'task-done': 'Task done',
  decision: 'Decision made',
  'response-sent': 'Response sent',
  closed: 'Request closed',
  note: 'Note',
};

/** `a, b and c`. */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

/** Pence as pounds: `1050` → `£10.50`. */
export function pounds(pence: number): string {
  return `£${(pence / 100).toFixed(2)}`;
}

/** Each action's form on the request page: its heading, and the banner once it is recorded. */
export const ACTION_TEXT: Record<RequestAction, { title: string; done: string }> = {
  'identity-requested': { title: 'Ask for proof of identity', done: 'Proof of identity asked for' },
  'identity-received': { title: 'Record proof of identity received', done: 'Proof of identity recorded' },
  'authority-requested': {
    title: 'Ask for proof of the representative’s authority',
    done: 'Proof of authority asked for',
  },
  'authority-received': { title: 'Record proof of authority received', done: 'Proof of authority recorded' },
  'fee-requested': { title: 'Ask for a fee', done: 'Fee asked for' },
  'fee-received': { title: 'Record the fee received', done: 'Fee recorded as received' },
  'clarification-asked': { title: 'Ask the person to clarify', done: 'Clarification asked for' },
  'clarification-answered': { title: 'Record the person’s answer', done: 'Answer recorded' },
  extended: { title: 'Extend the deadline', done: 'Deadline extended' },
  decision: { title: 'Record the decision', done: 'Decision recorded' },
  refusal: { title: 'Refuse the request', done: 'Refusal recorded' },
  'response-sent': { title: 'Record the response sent', done: 'Response recorded as sent' },
  closed: { title: 'Close the request', done: 'Request closed' },
  note: { title: 'Add a note', done: 'Note added' },
};
