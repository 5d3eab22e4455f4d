import { RIGHTS } from '../register/lawful-bases.ts';
import { formatDay } from '../statutory-clock/calendar-date.ts';
import type { RequestEvent } from './request-event.ts';
import type { RequestReport } from './request-report.ts';
import type { ClockView, RecordedReminder, RequestSummary, RequestView } from './rights-request-service.ts';

/** Plain-text renderings for the command line: what a caseworker reads and can quote. */

export function clockText(clock: ClockView): string[] {
  switch (clock.status) {
    case 'waiting':
      return [`Clock: not started — waiting for ${clock.waitingFor.join(' and ')} from the requester.`];
    case 'unavailable':
      return [`Clock: cannot be computed — ${clock.problem.message}`];
    case 'counting': {
      const { deadline, target } = clock;
      const lines = [
        `Due: ${formatDay(deadline.due)} (statutory deadline${deadline.paused ? '; paused for clarification' : ''})`,
        ...deadline.explanation.map((line) => `  ${line}`),
      ];
      if (target) {
        lines.push(
          `Organisation's target: ${formatDay(target.due)} (${target.days} ${target.kind} days; the statutory deadline still applies)`,
        );
      }
      return lines;
    }
  }
}

export function requestText(view: RequestView): string {
  const { request } = view;
  const lines = [
    `${request.reference} — ${request.rights.map((r) => RIGHTS[r]).join(', ')}`,
    `Received: ${formatDay(request.receivedOn)} by ${request.channel}`,
    `Person: ${personLine(request.person)}`,
  ];
  if (request.representative) {
    const rep = request.representative;
    lines.push(
      `Representative (${rep.kind}): ${personLine(rep)}${rep.organisation ? `, ${rep.organisation}` : ''}`,
    );
  }
  lines.push(`Status: ${view.status}`, ...clockText(view.clock), '', 'Wording as given:');
  lines.push(...request.wording.split('\n').map((line) => `  | ${line}`), '', 'Timeline:');
  for (const entry of view.timeline) {
    lines.push(
      `  ${String(entry.seq).padStart(3)}  ${formatDay(entry.event.date).padEnd(16)} ${eventText(entry.event)}`,
    );
  }
  if (view.tasks.length > 0) {
    lines.push('', 'Tasks:');
    for (const task of view.tasks) {
      const state = task.doneOn ? `done ${formatDay(task.doneOn)}` : `open, due ${formatDay(task.dueOn)}`;
      lines.push(
        `  #${task.id} ${task.kind} — ${task.assignee} (${state})${task.detail ? `: ${task.detail}` : ''}`,
      );
    }
  }
  if (view.relatedRequests.length > 0) {
    lines.push('', 'Other requests from the same person:');
    for (const other of view.relatedRequests) {
      lines.push(
        `  ${other.reference}  received ${formatDay(other.receivedOn)}  ${other.rights.join(', ')}  ${other.status}  (same ${other.matchedOn.join(', ')})`,
      );
    }
  }
  if (view.refusalNotice) lines.push('', 'Refusal notice for the person:', '', view.refusalNotice.trimEnd());
  return `${lines.join('\n')}\n`;
}

export function eventText(event: RequestEvent): string {
  switch (event.type) {
    case 'received':
      return 'received';
    case 'identity-requested':
    case 'identity-received':
    case 'authority-requested':
    case 'authority-received':
    case 'fee-received':
    case 'response-sent':
      return withDetail(event.type, event.detail);
    case 'fee-requested':
      return withDetail(
        `fee-requested £${(event.amountPence / 100).toFixed(2)} (${event.reason})`,
        event.detail,
      );
    case 'clarification-asked':
      return `clarification-asked: ${event.question}`;
    case 'clarification-answered':
      return withDetail('clarification-answered', event.answer);
    case 'extended':
      return `extended (${event.reason}): ${event.detail}`;
    case 'task-opened':
      return `task-opened #${event.taskId} ${event.kind} for ${event.assignee}, due ${formatDay(event.dueOn)}`;
    case 'task-done':
      return withDetail(`task-done #${event.taskId}`, event.detail);
    case 'decision': {
      const grounds = (event.grounds ?? []).map((g) =>
        g.exemption ? `exemption: ${g.exemption}` : g.ground,
      );
      return `decision: ${event.outcome}${grounds.length > 0 ? ` (${grounds.join('; ')})` : ''}`;
    }
    case 'closed':
      return withDetail(`closed (${event.reason ?? 'completed'})`, event.detail);
    case 'note':
      return `note: ${event.text}`;
  }
}

export function summaryText(requests: readonly RequestSummary[]): string {
  if (requests.length === 0) return 'No requests.\n';
  const lines = requests.map((r) => {
    const due = r.dueOn ? formatDay(r.dueOn) : r.clock === 'waiting' ? 'not started' : 'unavailable';
    const flags = [r.isOverdue ? 'OVERDUE' : '', r.paused ? 'paused' : ''].filter(Boolean).join(' ');
    return `${r.reference}  due ${due.padEnd(16)} ${r.status.padEnd(18)} ${r.rights.join(',')}  ${r.personName}${flags ? `  ${flags}` : ''}`;
  });
  return `${lines.join('\n')}\n`;
}

export function reportText(report: RequestReport): string {
  const counts = (record: Record<string, number>) =>
    Object.entries(record)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ') || 'none';
  const lines = [
    `Requests received ${formatDay(report.from)} to ${formatDay(report.to)} (as of ${formatDay(report.asOf)}): ${report.total}`,
    `By right: ${counts(report.byRight)}`,
    `By channel: ${counts(report.byChannel)}`,
    `By outcome: ${counts(report.byOutcome)}`,
    `Refusal grounds: ${counts(report.byRefusalGround)}`,
    `Median days to respond: ${report.medianDaysToRespond ?? 'no responses yet'}`,
    'Month     received  answered  on time  late  pending  on-time share',
    ...report.months.map(
      (m) =>
        `${m.month}  ${String(m.received).padStart(8)}  ${String(m.answered).padStart(8)}  ${String(m.answeredOnTime).padStart(7)}  ${String(m.late).padStart(4)}  ${String(m.pending).padStart(7)}  ${m.onTimeShare === null ? '—' : `${(m.onTimeShare * 100).toFixed(1)}%`}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

export function reminderText(reminders: readonly RecordedReminder[]): string {
  return reminders.map((r) => `${r.kind.padEnd(8)}  ${r.subject}`).join('\n');
}

function withDetail(label: string, detail: string | undefined): string {
  return detail ? `${label}: ${detail}` : label;
}

function personLine(person: {
  name: string;
  email?: string | undefined;
  phone?: string | undefined;
  address?: string | undefined;
}): string {
  return [person.name, person.email, person.phone, person.address].filter(Boolean).join(', ');
}
