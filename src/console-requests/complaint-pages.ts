import type { ComplaintTimelineEntry } from '../complaints/complaint-event.ts';
import { COMPLAINT_STATUSES, type ComplaintStatus } from '../complaints/complaint-input.ts';
import { statusAfter, type ComplaintAction } from '../complaints/complaint-state.ts';
import type { ComplaintSummary, ComplaintView } from '../complaints/complaint-service.ts';
import { isAppError, type Problem } from '../errors/app-error.ts';
import { dateMessage, field, readDayText, type FormBody } from './form-input.ts';
import { COMPLAINT_CHANNEL_LABELS, COMPLAINT_STATUS_LABELS } from './labels.ts';
import { actorName, type PeopleNames } from './request-page.ts';

/** The complaint pages' content, and what their forms sent (pure). */

export const COMPLAINTS_PATH = '/console/complaints';
export const COMPLAINTS_PAGE_SIZE = 20;

export const COMPLAINT_ACTIONS = [
  'acknowledge',
  'investigate',
  'close',
] as const satisfies readonly ComplaintAction[];

export const COMPLAINT_ACTION_TEXT: Record<ComplaintAction, { title: string; done: string }> = {
  acknowledge: { title: 'Record the acknowledgement', done: 'Acknowledgement recorded' },
  investigate: { title: 'Start the investigation', done: 'Investigation started' },
  close: { title: 'Close with the outcome', done: 'Complaint closed' },
};

const EVENT_LABELS: Record<ComplaintTimelineEntry['event']['type'], string> = {
  received: 'Complaint received',
  acknowledged: 'Acknowledged',
  'investigation-started': 'Investigation started',
  closed: 'Closed',
};

export interface ComplaintListQuery {
  status: ComplaintStatus | 'open' | undefined;
  overdue: boolean;
  page: number;
}

export function readComplaintQuery(params: FormBody): { query: ComplaintListQuery; problems: Problem[] } {
  const status = field(params, 'status');
  const isStatus = (COMPLAINT_STATUSES as readonly string[]).includes(status) || status === 'open';
  const page = Number(field(params, 'page'));
  return {
    query: {
      status: isStatus ? (status as ComplaintStatus | 'open') : undefined,
      overdue: field(params, 'overdue') === 'yes',
      page: Number.isInteger(page) && page >= 1 ? page : 1,
    },
    problems:
      status !== '' && !isStatus ? [{ where: 'status', message: 'Choose a state from the list' }] : [],
  };
}

export function complaintListHref(query: ComplaintListQuery, page = query.page): string {
  const params = new URLSearchParams();
  if (query.status !== undefined) params.set('status', query.status);
  if (query.overdue) params.set('overdue', 'yes');
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text === '' ? COMPLAINTS_PATH : `${COMPLAINTS_PATH}?${text}`;
}

export function complaintRow(summary: ComplaintSummary) {
  return {
    reference: summary.reference,
    href: `${COMPLAINTS_PATH}/${summary.reference}`,
    receivedOn: summary.receivedOn,
    complainantName: summary.complainantName,
    acknowledgeBy: summary.acknowledgeBy,
    acknowledgedOn: summary.acknowledgedOn,
    isOverdue: summary.isOverdue,
    status: COMPLAINT_STATUS_LABELS[summary.status],
    relatedRequest: summary.relatedRequest,
  };
}

export function complaintPageModel(view: ComplaintView, people: PeopleNames) {
  const { complaint, acknowledgement } = view;
  return {
    reference: complaint.reference,
    receivedOn: complaint.receivedOn,
    channel: COMPLAINT_CHANNEL_LABELS[complaint.channel],
    complainant: complaint.complainant,
    about: complaint.about,
    relatedRequest: complaint.relatedRequest,
    status: COMPLAINT_STATUS_LABELS[complaint.status],
    acknowledgement,
    acknowledgedOn: complaint.acknowledgedOn,
    outcome: complaint.outcome,
    outcomeOn: complaint.outcomeOn,
    timeline: [...view.timeline].reverse().map((entry) => ({
      label: EVENT_LABELS[entry.event.type],
      date: entry.event.date,
      by: actorName(entry.actor, people),
      lines: eventLines(entry.event),
    })),
  };
}

function eventLines(event: ComplaintTimelineEntry['event']): string[] {
  switch (event.type) {
    case 'received':
      return [];
    case 'acknowledged':
    case 'investigation-started':
      return event.detail === undefined ? [] : [event.detail];
    case 'closed':
      return [`Outcome: ${event.outcome}`];
  }
}

/** The steps the complaint's state allows, asked of the complaint's own rules (DPA 2018 s.164A). */
export function allowedComplaintActions(view: ComplaintView): ComplaintAction[] {
  const { complaint } = view;
  const facts = {
    reference: complaint.reference,
    status: complaint.status,
    receivedOn: complaint.receivedOn,
    acknowledgedOn: complaint.acknowledgedOn,
    outcomeOn: complaint.outcomeOn,
    latestOn: complaint.receivedOn,
  };
  return COMPLAINT_ACTIONS.filter((action) => {
    try {
      statusAfter(facts, action);
      return true;
    } catch (error) {
      if (isAppError(error) && error.code === 'invalid_transition') return false;
      throw error;
    }
  });
}

export type ComplaintStepReading =
  | { ok: true; input: { date: string; detail?: string; outcome?: string } }
  | { ok: false; problems: Problem[] };

/** What a step's form sent; field ids start with the step (`close-outcome`). */
export function readComplaintStep(
  action: ComplaintAction,
  body: FormBody,
  today: string,
): ComplaintStepReading {
  const problems: Problem[] = [];
  const reading = readDayText(field(body, 'date'));
  if ('problem' in reading)
    problems.push({ where: `${action}-date`, message: dateMessage(reading.problem, 'the date') });
  else if (reading.date > today)
    problems.push({ where: `${action}-date`, message: 'The date must be today or in the past' });
  const date = 'date' in reading ? reading.date : '';
  if (action === 'close') {
    const outcome = field(body, 'outcome');
    if (outcome === '')
      problems.push({ where: 'close-outcome', message: 'Enter the outcome, as the complainant was told it' });
    return problems.length > 0 ? { ok: false, problems } : { ok: true, input: { date, outcome } };
  }
  const detail = field(body, 'detail');
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, input: { date, ...(detail === '' ? {} : { detail }) } };
}
