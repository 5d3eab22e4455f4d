import type { Problem } from '../errors/app-error.ts';
import { RIGHTS, type Right } from '../register/lawful-bases.ts';
import { REQUEST_STATUSES, type RequestStatus } from '../rights-requests/request-state.ts';
import type { RequestSummary } from '../rights-requests/rights-request-service.ts';
import { dateMessage, field, readDayText, type FormBody } from './form-input.ts';

/**
 * The request list's filters, sorting and pages, read from the query string (pure). Filtering by
 * state, deadline and overdue is the service's; by right and by search it is done here.
 */

export const LIST_PATH = '/console/requests';
export const PAGE_SIZE = 20;

export const SORT_KEYS = ['received', 'due', 'reference', 'state'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortOrder = 'asc' | 'desc';

/** The order a column sorts in when first chosen: the newest received, the soonest due. */
const FIRST_ORDER: Record<SortKey, SortOrder> = {
  received: 'desc',
  due: 'asc',
  reference: 'asc',
  state: 'asc',
};

export type StateFilter = RequestStatus | 'open';

export interface ListQuery {
  state: StateFilter | undefined;
  right: Right | undefined;
  /** `YYYY-MM-DD`. */
  dueBefore: string | undefined;
  overdue: boolean;
  /** A reference or part of a name. */
  search: string;
  sort: SortKey;
  order: SortOrder;
  page: number;
}

export interface ListQueryReading {
  query: ListQuery;
  /** What was typed, to show in the filter form again. */
  values: Record<string, string>;
  problems: Problem[];
}

export function readListQuery(params: FormBody): ListQueryReading {
  const problems: Problem[] = [];
  const values = {
    state: field(params, 'state'),
    right: field(params, 'right'),
    dueBefore: field(params, 'dueBefore'),
    overdue: field(params, 'overdue'),
    q: field(params, 'q'),
  };
  const state = isOneOf([...REQUEST_STATUSES, 'open'] as const, values.state) ? values.state : undefined;
  if (values.state !== '' && state === undefined)
    problems.push({ where: 'state', message: 'Choose a state from the list' });
  const right = isOneOf(Object.keys(RIGHTS) as Right[], values.right) ? values.right : undefined;
  if (values.right !== '' && right === undefined)
    problems.push({ where: 'right', message: 'Choose a right from the list' });
  let dueBefore: string | undefined;
  if (values.dueBefore !== '') {
    const reading = readDayText(values.dueBefore);
    if ('date' in reading) dueBefore = reading.date;
    else problems.push({ where: 'dueBefore', message: dateMessage(reading.problem, 'the due-before date') });
  }
  // Search terms travel in the address; an email address must not, so it is not searched for.
  let search = values.q;
  if (search.includes('@')) {
    problems.push({
      where: 'q',
      message:
        'Search by reference or name: email addresses are not searched, so they stay out of web addresses',
    });
    search = '';
    values.q = '';
  }
  const sortValue = field(params, 'sort');
  const sort = isOneOf(SORT_KEYS, sortValue) ? sortValue : 'due';
  const orderValue = field(params, 'order');
  const order = orderValue === 'asc' || orderValue === 'desc' ? orderValue : FIRST_ORDER[sort];
  const pageValue = Number(field(params, 'page'));
  const page = Number.isInteger(pageValue) && pageValue >= 1 ? pageValue : 1;
  return {
    query: { state, right, dueBefore, overdue: values.overdue === 'yes', search, sort, order, page },
    values,
    problems,
  };
}

/** The filter the rights-request service applies itself. */
export function serviceFilter(query: ListQuery): { state?: StateFilter; dueBefore?: string; overdue?: true } {
  return {
    ...(query.state === undefined ? {} : { state: query.state }),
    ...(query.dueBefore === undefined ? {} : { dueBefore: query.dueBefore }),
    ...(query.overdue ? { overdue: true as const } : {}),
  };
}

export interface ListPage {
  rows: RequestSummary[];
  total: number;
  page: number;
  pageCount: number;
  /** 1-based positions of the first and last rows shown. */
  from: number;
  to: number;
}

/** Filters by right and search, sorts and cuts out the page asked for (the last, if past it). */
export function listPage(summaries: readonly RequestSummary[], query: ListQuery): ListPage {
  const search = query.search.toLowerCase();
  const kept = summaries.filter(
    (s) =>
      (query.right === undefined || s.rights.includes(query.right)) &&
      (search === '' ||
        s.reference.toLowerCase().includes(search) ||
        s.personName.toLowerCase().includes(search)),
  );
  const sorted = [...kept].sort((a, b) => compareBy(query.sort, query.order, a, b));
  const pageCount = Math.max(1, Math.ceil(sorted.length / PAGE_SIZE));
  const page = Math.min(query.page, pageCount);
  const start = (page - 1) * PAGE_SIZE;
  const rows = sorted.slice(start, start + PAGE_SIZE);
  return {
    rows,
    total: sorted.length,
    page,
    pageCount,
    from: rows.length === 0 ? 0 : start + 1,
    to: start + rows.length,
  };
}

function compareBy(sort: SortKey, order: SortOrder, a: RequestSummary, b: RequestSummary): number {
  const sign = order === 'asc' ? 1 : -1;
  switch (sort) {
    case 'received':
      return sign * a.receivedOn.localeCompare(b.receivedOn) || a.reference.localeCompare(b.reference);
    case 'reference':
      return sign * a.reference.localeCompare(b.reference);
    case 'state':
      return (
        sign * (REQUEST_STATUSES.indexOf(a.status) - REQUEST_STATUSES.indexOf(b.status)) ||
        compareDue(a.dueOn, b.dueOn) ||
        a.reference.localeCompare(b.reference)
      );
    case 'due':
      // Requests with no deadline yet stay last whichever way the deadlines run.
      if (a.dueOn === b.dueOn) return a.reference.localeCompare(b.reference);
      if (a.dueOn === null) return 1;
      if (b.dueOn === null) return -1;
      return sign * a.dueOn.localeCompare(b.dueOn);
  }
}

function compareDue(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a.localeCompare(b);
}

/** The address of the list with `changes` made to `query`; defaults are left out. */
export function listHref(query: ListQuery, changes: Partial<ListQuery> = {}): string {
  const q = { ...query, ...changes };
  const params = new URLSearchParams();
  if (q.state !== undefined) params.set('state', q.state);
  if (q.right !== undefined) params.set('right', q.right);
  if (q.dueBefore !== undefined) params.set('dueBefore', q.dueBefore);
  if (q.overdue) params.set('overdue', 'yes');
  if (q.search !== '') params.set('q', q.search);
  if (q.sort !== 'due' || q.order !== FIRST_ORDER.due) {
    params.set('sort', q.sort);
    params.set('order', q.order);
  }
  if (q.page > 1) params.set('page', String(q.page));
  const text = params.toString();
  return text === '' ? LIST_PATH : `${LIST_PATH}?${text}`;
}

export interface SortHeader {
  key: SortKey;
  href: string;
  ariaSort: 'ascending' | 'descending' | 'none';
}

/** A column heading's link: the same column again reverses the order; a new one starts on page 1. */
export function sortHeader(query: ListQuery, key: SortKey): SortHeader {
  const isCurrent = query.sort === key;
  const order: SortOrder = isCurrent ? (query.order === 'asc' ? 'desc' : 'asc') : FIRST_ORDER[key];
  return {
    key,
    href: listHref(query, { sort: key, order, page: 1 }),
    ariaSort: isCurrent ? (query.order === 'asc' ? 'ascending' : 'descending') : 'none',
  };
}

function isOneOf<T extends string>(options: readonly T[], value: string): value is T {
  return (options as readonly string[]).includes(value);
}
