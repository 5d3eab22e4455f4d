import type { AuditSearch } from '../audit/audit-repository.ts';
import type { AuditEntryRow } from '../audit/tables.ts';
import type { Problem } from '../errors/app-error.ts';
import { addDays, isRealDate, ukDate } from '../statutory-clock/calendar-date.ts';

/** What the audit trail page was asked for, checked. Dates are UK calendar days, both ends included. */
export interface AuditCriteria {
  actor?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page: number;
}

/** The fields as typed, for the form to show again. */
export type AuditQueryValues = Record<'actor' | 'action' | 'entityType' | 'entityId' | 'from' | 'to', string>;

export const AUDIT_PAGE_SIZE = 50;
/** Deep pages are refused: beyond this, narrow the search instead. */
export const MAX_AUDIT_PAGE = 200;

/** `27/3/2026` or `2026-03-27` → `2026-03-27`; undefined when it is neither or names no real day. */
export function readDate(text: string): string | undefined {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : uk ? [uk[3], uk[2], uk[1]] : [];
  if (year === undefined || month === undefined || day === undefined) return undefined;
  const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isRealDate(date) ? date : undefined;
}

/** Reads the search form's query; every problem is reported, by field, for the error summary. */
export function readAuditQuery(query: Record<string, string | string[]>): {
  criteria: AuditCriteria;
  values: AuditQueryValues;
  problems: Problem[];
} {
  const text = (name: string) => {
    const value = query[name];
    return ((Array.isArray(value) ? value[0] : value) ?? '').trim().slice(0, 200);
  };
  const values: AuditQueryValues = {
    actor: text('actor'),
    action: text('action'),
    entityType: text('entityType'),
    entityId: text('entityId'),
    from: text('from'),
    to: text('to'),
  };
  const problems: Problem[] = [];
  const date = (name: 'from' | 'to', label: string): string | undefined => {
    if (values[name] === '') return undefined;
    const read = readDate(values[name]);
    if (read === undefined)
      problems.push({ where: name, message: `Enter the ${label} date as a real date, like 27/3/2026` });
    return read;
  };
  const from = date('from', '‘from’');
  const to = date('to', '‘to’');
  if (from !== undefined && to !== undefined && to < from)
    problems.push({ where: 'to', message: 'The ‘to’ date must be the same as or after the ‘from’ date' });
  const pageText = text('page');
  const page = pageText === '' ? 1 : Number(pageText);
  const isPageOk = Number.isInteger(page) && page >= 1 && page <= MAX_AUDIT_PAGE;
  if (!isPageOk)
    problems.push({
      where: '',
      message: `The page must be a whole number from 1 to ${String(MAX_AUDIT_PAGE)}; narrow the search to see older entries`,
    });
  const optional = (value: string) => (value === '' ? undefined : value);
  return {
    criteria: {
      actor: optional(values.actor),
      action: optional(values.action),
      entityType: optional(values.entityType),
      entityId: optional(values.entityId),
      from,
      to,
      page: isPageOk ? page : 1,
    },
    values,
    problems,
  };
}

/**
 * The instant a UK calendar day begins, as an ISO string. The UK is at UTC or one hour ahead, so
 * the day begins at midnight UTC or at 23:00 UTC the day before, whichever is already that day there.
 */
export function ukDayStart(date: string): string {
  const utcMidnight = new Date(`${date}T00:00:00Z`);
  const hourBefore = new Date(utcMidnight.getTime() - 3_600_000);
  return (ukDate(hourBefore) === date ? hourBefore : utcMidnight).toISOString();
}

type ListEntries = (search: Partial<AuditSearch>) => Promise<AuditEntryRow[]>;

/** How many entries are read from the store at a time while a date range is applied. */
const BATCH = 1000;

/**
 * One page of the entries that match, newest first, and whether there are older ones. Actor,
 * action and entity are matched by the store; the date range here, reading back in batches. The
 * chain numbers entries in the order they were written and stamps each as it is written, so once
 * an entry is older than the range, every later one is too and the reading stops.
 */
export async function searchAudit(
  list: ListEntries,
  criteria: AuditCriteria,
  pageSize = AUDIT_PAGE_SIZE,
): Promise<{ entries: AuditEntryRow[]; hasOlder: boolean }> {
  const start = criteria.from === undefined ? undefined : ukDayStart(criteria.from);
  const end = criteria.to === undefined ? undefined : ukDayStart(addDays(criteria.to, 1));
  const skip = (criteria.page - 1) * pageSize;
  const wanted = skip + pageSize + 1; // one more than the page, to know whether there is a next
  const matched: AuditEntryRow[] = [];
  const dated = start !== undefined || end !== undefined;
  let beforeSeq: number | undefined;
  for (;;) {
    const limit = dated ? BATCH : Math.min(wanted - matched.length, BATCH);
    const batch = await list({
      actor: criteria.actor,
      action: criteria.action,
      entityType: criteria.entityType,
      entityId: criteria.entityId,
      beforeSeq,
      limit,
    });
    for (const entry of batch) {
      if (end !== undefined && entry.occurred_at >= end) continue;
      if (start !== undefined && entry.occurred_at < start) return page(matched, skip, pageSize);
      matched.push(entry);
      if (matched.length >= wanted) return page(matched, skip, pageSize);
    }
    const last = batch.at(-1);
    if (last === undefined || batch.length < limit) return page(matched, skip, pageSize);
    beforeSeq = last.seq;
  }
}

function page(matched: AuditEntryRow[], skip: number, pageSize: number) {
  return { entries: matched.slice(skip, skip + pageSize), hasOlder: matched.length > skip + pageSize };
}
