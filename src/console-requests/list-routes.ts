import type { ApiApp } from '../http/types.ts';
import { RIGHTS, type Right } from '../register/lawful-bases.ts';
import { REQUEST_STATUSES } from '../rights-requests/request-state.ts';
import type { RequestSummary } from '../rights-requests/rights-request-service.ts';
import type { Services } from '../services.ts';
import { formatDate } from '../statutory-clock/calendar-date.ts';
import { formErrors } from '../web/form-errors.ts';
import { longDate } from '../web/view-renderer.ts';
import { requireCapability } from '../web/web-plugin.ts';
import { queryBody } from './form-input.ts';
import { RIGHT_LABELS, RIGHT_SHORT_LABELS, STATUS_LABELS } from './labels.ts';
import { pagination } from './pagination.ts';
import {
  LIST_PATH,
  listHref,
  listPage,
  readListQuery,
  serviceFilter,
  sortHeader,
  SORT_KEYS,
  type ListQuery,
} from './request-list.ts';

const LIST_PAGE = 'console-requests/views/request-list.njk';

/** `GET /console/requests`: the requests, filtered, sorted and in pages, all by the query string. */
export function registerRequestList(web: ApiApp, services: Services): void {
  web.get(
    LIST_PATH,
    { schema: { hide: true, querystring: queryBody }, preHandler: requireCapability('requests.read') },
    async (request, reply) => {
      const { query, values, problems } = readListQuery(request.query);
      const summaries = await services.rightsRequests.list(serviceFilter(query));
      const page = listPage(summaries, query);
      return reply.page(
        LIST_PAGE,
        {
          title: 'Requests',
          values,
          errors: formErrors(problems),
          stateOptions: [
            { value: '', text: 'Any state' },
            { value: 'open', text: 'Open (not closed)' },
            ...REQUEST_STATUSES.map((s) => ({ value: s, text: STATUS_LABELS[s].text })),
          ].map((o) => ({ ...o, selected: o.value === (query.state ?? '') })),
          rightOptions: [
            { value: '', text: 'Any right' },
            ...(Object.keys(RIGHTS) as Right[]).map((r) => ({ value: r, text: RIGHT_LABELS[r] })),
          ].map((o) => ({ ...o, selected: o.value === (query.right ?? '') })),
          selectedFilters: selectedFilters(query),
          sortHeaders: Object.fromEntries(SORT_KEYS.map((key) => [key, sortHeader(query, key)])),
          hidden: { sort: query.sort, order: query.order },
          rows: page.rows.map(row),
          results: { from: page.from, to: page.to, count: page.total },
          pagination: pagination(page.page, page.pageCount, (p) => listHref(query, { page: p })),
        },
        { status: problems.length > 0 ? 400 : 200 },
      );
    },
  );
}

function row(summary: RequestSummary) {
  return {
    reference: summary.reference,
    href: `${LIST_PATH}/${summary.reference}`,
    receivedOn: summary.receivedOn,
    receivedText: formatDate(summary.receivedOn),
    dueOn: summary.dueOn,
    dueText: summary.dueOn === null ? null : formatDate(summary.dueOn),
    clock: summary.clock,
    paused: summary.paused,
    isOverdue: summary.isOverdue,
    rights: summary.rights.map((r) => RIGHT_SHORT_LABELS[r]),
    personName: summary.personName,
    status: STATUS_LABELS[summary.status],
  };
}

/** The MoJ filter's "Selected filters": each tag is a link to the list without that filter. */
function selectedFilters(query: ListQuery) {
  const reset = { page: 1 };
  const categories = [
    query.state && {
      heading: { text: 'State' },
      items: [
        {
          href: listHref(query, { ...reset, state: undefined }),
          text: query.state === 'open' ? 'Open (not closed)' : STATUS_LABELS[query.state].text,
        },
      ],
    },
    query.right && {
      heading: { text: 'Right' },
      items: [{ href: listHref(query, { ...reset, right: undefined }), text: RIGHT_LABELS[query.right] }],
    },
    query.dueBefore && {
      heading: { text: 'Due before' },
      items: [{ href: listHref(query, { ...reset, dueBefore: undefined }), text: longDate(query.dueBefore) }],
    },
    query.overdue && {
      heading: { text: 'Overdue' },
      items: [{ href: listHref(query, { ...reset, overdue: false }), text: 'Overdue only' }],
    },
    query.search !== '' && {
      heading: { text: 'Search' },
      items: [{ href: listHref(query, { ...reset, search: '' }), text: query.search }],
    },
  ].filter((c) => c !== undefined && c !== false && c !== '');
  if (categories.length === 0) return undefined;
  return {
    heading: { text: 'Selected filters' },
    clearLink: {
      text: 'Clear filters',
      href: listHref({
        ...query,
        state: undefined,
        right: undefined,
        dueBefore: undefined,
        overdue: false,
        search: '',
        page: 1,
      }),
    },
    categories,
  };
}
