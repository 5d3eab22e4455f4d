import { refusalNotice, type OrganisationContact } from '../rights-requests/refusal-notice.ts';
import type { RequestEvent, TimelineEntry } from '../rights-requests/request-event.ts';
import type { RequestStatus } from '../rights-requests/request-state.ts';
import type { ClockView, RequestView, Task } from '../rights-requests/rights-request-service.ts';
import { ukDate } from '../statutory-clock/calendar-date.ts';
import { longDate } from '../web/view-renderer.ts';
import {
  AWAITED_LABELS,
  CHANNEL_LABELS,
  CLOSE_REASON_LABELS,
  EVENT_LABELS,
  EXTENSION_REASON_LABELS,
  FEE_REASON_LABELS,
  GROUND_LABELS,
  listInWords,
  MATCH_LABELS,
  OUTCOME_LABELS,
  pounds,
  REPRESENTATIVE_LABELS,
  RIGHT_LABELS,
  STATUS_LABELS,
  TASK_LABELS,
} from './labels.ts';

/** The request page's content from the service's view of the request (pure). */

export interface PeopleNames {
  /** A member of staff's name by their actor (`user:3`) or email address, when known. */
  nameOf(actorOrEmail: string): string | undefined;
}

export function requestPageModel(view: RequestView, today: string, people: PeopleNames) {
  const { request } = view;
  return {
    reference: request.reference,
    rights: request.rights.map((r) => RIGHT_LABELS[r]),
    channel: CHANNEL_LABELS[request.channel],
    receivedOn: request.receivedOn,
    loggedAt: request.loggedAt,
    loggedBy: actorName(request.loggedBy, people),
    person: request.person,
    representative: request.representative && {
      ...request.representative,
      kind: REPRESENTATIVE_LABELS[request.representative.kind],
    },
    wording: request.wording,
    status: STATUS_LABELS[view.status],
    deadline: deadlineModel(view.clock, view.status, today, view.state.extension !== undefined),
    timeline: [...view.timeline].reverse().map((entry) => timelineItem(entry, view.tasks, people)),
    tasks: view.tasks.map((task) => taskRow(task, today, people)),
    related: view.relatedRequests.map((other) => ({
      reference: other.reference,
      href: `/console/requests/${other.reference}`,
      receivedOn: other.receivedOn,
      rights: other.rights.map((r) => RIGHT_LABELS[r]),
      status: STATUS_LABELS[other.status],
      matchedOn: listInWords(other.matchedOn.map((m) => MATCH_LABELS[m])),
    })),
    /** In paragraphs, as the person will read it. */
    refusalNotice: view.refusalNotice?.trimEnd().split('\n\n') ?? null,
  };
}

export type DeadlineModel =
  | { status: 'waiting'; waitingFor: string }
  | {
      status: 'counting';
      start: string;
      due: string;
      extensionNoticeBy: string;
      isExtended: boolean;
      paused: boolean;
      pausedDays: number;
      isOverdue: boolean;
      explanation: string[];
      target: { due: string; days: number; kind: string } | null;
    }
  | { status: 'unavailable'; message: string };

function deadlineModel(
  clock: ClockView,
  status: RequestStatus,
  today: string,
  isExtended: boolean,
): DeadlineModel {
  switch (clock.status) {
    case 'waiting':
      return { status: 'waiting', waitingFor: listInWords(clock.waitingFor.map((w) => AWAITED_LABELS[w])) };
    case 'unavailable':
      return { status: 'unavailable', message: clock.problem.message };
    case 'counting': {
      const { deadline, target } = clock;
      const isUnanswered = status !== 'responded' && status !== 'closed';
      return {
        status: 'counting',
        start: deadline.start,
        due: deadline.due,
        extensionNoticeBy: deadline.extensionNoticeBy,
        isExtended,
        paused: deadline.paused,
        pausedDays: deadline.pausedDays,
        // While a clarification is awaited the clock is stopped, so nothing can fall overdue.
        isOverdue: isUnanswered && !deadline.paused && today > deadline.due,
        explanation: deadline.explanation,
        target,
      };
    }
  }
}

export interface TimelineItem {
  label: string;
  date: string;
  by: string;
  lines: string[];
}

function timelineItem(entry: TimelineEntry, tasks: readonly Task[], people: PeopleNames): TimelineItem {
  const { event } = entry;
  const lines = eventLines(event, tasks, people);
  // An event recorded later than it happened says so: the timeline is the record of when it was known.
  if (ukDate(new Date(entry.recordedAt)) !== event.date)
    lines.push(`Recorded on ${longDate(ukDate(new Date(entry.recordedAt)))}`);
  return {
    label:
      event.type === 'decision' ? `Decision: ${OUTCOME_LABELS[event.outcome]}` : EVENT_LABELS[event.type],
    date: event.date,
    by: actorName(entry.actor, people),
    lines,
  };
}

function eventLines(event: RequestEvent, tasks: readonly Task[], people: PeopleNames): string[] {
  const detail = (text: string | undefined) => (text === undefined ? [] : [text]);
  switch (event.type) {
    case 'received':
    case 'identity-requested':
    case 'identity-received':
    case 'authority-requested':
    case 'authority-received':
    case 'fee-received':
      return 'detail' in event ? detail(event.detail) : [];
    case 'fee-requested':
      return [`${pounds(event.amountPence)}: ${FEE_REASON_LABELS[event.reason]}`, ...detail(event.detail)];
    case 'clarification-asked':
      return [`Question: ${event.question}`];
    case 'clarification-answered':
      return detail(event.answer && `Answer: ${event.answer}`);
    case 'extended':
      return [EXTENSION_REASON_LABELS[event.reason], `Told to the person: ${event.detail}`];
    case 'task-opened':
      return [
        `${TASK_LABELS[event.kind]} for ${staffName(event.assignee, people)}, due ${longDate(event.dueOn)}`,
        ...detail(event.detail),
      ];
    case 'task-done': {
      const task = tasks.find((t) => t.id === event.taskId);
      return [
        task ? `${TASK_LABELS[task.kind]} (${staffName(task.assignee, people)})` : `Task ${event.taskId}`,
        ...detail(event.detail),
      ];
    }
    case 'decision':
      return [
        ...(event.grounds ?? []).map((g) =>
          g.ground === 'exemption' && g.exemption
            ? `${GROUND_LABELS.exemption}: ${g.exemption}`
            : GROUND_LABELS[g.ground],
        ),
        ...detail(event.reasons && `Reasons: ${event.reasons}`),
      ];
    case 'response-sent':
      return [
        ...(event.method ? [`Sent by ${CHANNEL_LABELS[event.method].toLowerCase()}`] : []),
        ...detail(event.detail),
      ];
    case 'closed':
      return [CLOSE_REASON_LABELS[event.reason ?? 'completed'], ...detail(event.detail)];
    case 'note':
      return [event.text];
  }
}

function taskRow(task: Task, today: string, people: PeopleNames) {
  return {
    id: task.id,
    kind: TASK_LABELS[task.kind],
    assignee: staffName(task.assignee, people),
    dueOn: task.dueOn,
    openedOn: task.openedOn,
    doneOn: task.doneOn,
    detail: task.detail,
    doneDetail: task.doneDetail,
    isOpen: task.doneOn === null,
    isLate: task.doneOn === null && today > task.dueOn,
  };
}

/** Who did something, as people read it: staff by name, the other actors by what they are. */
export function actorName(actor: string, people: PeopleNames): string {
  const known = people.nameOf(actor);
  if (known !== undefined) return known;
  if (actor.startsWith('user:')) return `a former member of staff (${actor})`;
  switch (actor) {
    case 'public':
      return 'the person, in the privacy centre';
    case 'system':
      return 'Custodian';
    case 'cli':
      return 'the command line';
    case 'api':
      return 'the API';
    default:
      return actor;
  }
}

function staffName(assignee: string, people: PeopleNames): string {
  const name = people.nameOf(assignee);
  return name === undefined ? assignee : `${name} (${assignee})`;
}

/**
 * What a refusal, in whole or in part, tells the person after the grounds and reasons: the right to
 * complain to the ICO and to go to court (UK GDPR Art 12(4)), and the organisation's own complaints
 * route (DPA 2018 s.164A). Taken from the notice itself so the page shows the words that will be sent.
 */
export function refusalRightsWording(organisation: {
  name?: string;
  complaints?: OrganisationContact;
}): string[] {
  const notice = refusalNotice({
    reference: 'RR-0000-000000',
    receivedOn: '2000-01-01',
    rights: ['access'],
    outcome: 'refuse',
    grounds: [{ ground: 'manifestly-excessive' }],
    reasons: '…',
    organisation: organisation.name,
    complaints: organisation.complaints,
  });
  const paragraphs = notice.trimEnd().split('\n\n');
  const reasons = paragraphs.findIndex((p) => p.startsWith('Our reasons:'));
  return paragraphs.slice(reasons + 1);
}
