import { formatDay } from '../statutory-clock/calendar-date.ts';
import type { ComplaintEvent } from './complaint-event.ts';
import type { ComplaintSummary, ComplaintView } from './complaint-service.ts';

/** Plain-text renderings for the command line. */

export function complaintText(view: ComplaintView): string {
  const { complaint, acknowledgement } = view;
  const person = complaint.complainant;
  const lines = [
    `${complaint.reference} — complaint (${complaint.status})`,
    `Received: ${formatDay(complaint.receivedOn)} by ${complaint.channel}`,
    `Complainant: ${[person.name, person.email, person.phone].filter((v) => v !== null).join(', ')}`,
  ];
  if (complaint.relatedRequest !== null) lines.push(`About request: ${complaint.relatedRequest}`);
  lines.push(...acknowledgementLines(view));
  if (complaint.outcome !== null && complaint.outcomeOn !== null) {
    lines.push(`Outcome (${formatDay(complaint.outcomeOn)}):`, ...quoted(complaint.outcome));
  }
  lines.push('', 'About:', ...quoted(complaint.about), '', 'Timeline:');
  for (const entry of view.timeline) {
    lines.push(
      `  ${String(entry.seq).padStart(3)}  ${formatDay(entry.event.date).padEnd(16)} ${eventText(entry.event)}`,
    );
  }
  if (acknowledgement.problem !== null) lines.push('', acknowledgement.problem);
  return `${lines.join('\n')}\n`;
}

function acknowledgementLines({ complaint, acknowledgement }: ComplaintView): string[] {
  if (acknowledgement.due === null) return ['Acknowledge by: cannot be computed (see below)'];
  const state =
    complaint.acknowledgedOn !== null
      ? `acknowledged ${formatDay(complaint.acknowledgedOn)}${acknowledgement.wasLate ? ', late' : ''}`
      : acknowledgement.isOverdue
        ? 'OVERDUE'
        : 'not yet acknowledged';
  return [
    `Acknowledge by: ${formatDay(acknowledgement.due)} (${state})`,
    ...acknowledgement.explanation.map((line) => `  ${line}`),
  ];
}

function quoted(text: string): string[] {
  return text.split('\n').map((line) => `  | ${line}`);
}

function eventText(event: ComplaintEvent): string {
  switch (event.type) {
    case 'received':
      return event.acknowledgeBy === null
        ? 'received'
        : `received; to be acknowledged by ${formatDay(event.acknowledgeBy)}`;
    case 'acknowledged':
      return `acknowledged${event.detail === undefined ? '' : `: ${event.detail}`}`;
    case 'investigation-started':
      return `investigation started${event.detail === undefined ? '' : `: ${event.detail}`}`;
    case 'closed':
      return 'closed with the outcome';
  }
}

export function complaintListText(list: readonly ComplaintSummary[]): string {
  if (list.length === 0) return 'No complaints.\n';
  const row = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd([13, 10, 13, 10, 7][i] ?? 0))
      .join('  ')
      .trimEnd();
  const rows = list.map((c) =>
    row([
      c.reference,
      c.receivedOn,
      c.status,
      c.acknowledgeBy ?? '(no date)',
      c.isOverdue ? 'OVERDUE' : '',
      c.complainantName,
    ]),
  );
  return `${[row(['reference', 'received', 'status', 'ack. by', '', 'complainant']), ...rows].join('\n')}\n`;
}
