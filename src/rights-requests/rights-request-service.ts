import type { AuditService } from '../audit/audit-service.ts';
import { AppError, invalidInput, isAppError, notFound } from '../errors/app-error.ts';
import type { HolidayCalendar } from '../holidays/holiday-calendar.ts';
import type { HolidayService } from '../holidays/holiday-service.ts';
import { RIGHTS, type Division, type Right } from '../register/lawful-bases.ts';
import type { RegisterService } from '../register/register-service.ts';
import type { Dependencies } from '../services.ts';
import {
  computeDeadline,
  organisationTarget,
  validateExtension,
  type Deadline,
} from '../statutory-clock/deadline.ts';
import { projectClock } from './clock-input.ts';
import { londonDate } from './dates.ts';
import { refusalNotice, type OrganisationContact } from './refusal-notice.ts';
import { reminderFor, type ReminderKind } from './reminders.ts';
import type { RequestEvent, TimelineEntry } from './request-event.ts';
import {
  isoDate,
  listFilter,
  newRequest,
  newTask,
  parseInput,
  recordableEvent,
  reportPeriod,
  taskCompletion,
  type Channel,
  type Person,
  type Representative,
  type TaskKind,
} from './request-input.ts';
import { buildReport, reportCsv, type ReportItem, type RequestReport } from './request-report.ts';
import {
  applyEvent,
  outcomeOf,
  projectState,
  statusOf,
  type AwaitedItem,
  type RequestState,
  type RequestStatus,
} from './request-state.ts';
import { formatReference, normaliseReference, type RightsRequest } from './rights-request.ts';
import {
  findRequest,
  findTask,
  insertEvent,
  insertReminderOnce,
  insertRequest,
  insertTask,
  listEventRows,
  listReminderRows,
  listRequestRows,
  listRequestsMatching,
  listTaskRows,
  lockRequest,
  markTaskDone,
  nextReferenceNumber,
  type Db,
} from './rights-request-repository.ts';
import { matchBasis, personKeys, type MatchBasis } from './same-person.ts';
import { DEFAULT_RIGHTS_REQUEST_SETTINGS, type RightsRequestSettings } from './settings.ts';
import type { RightsRequestEventRow, RightsRequestRow, RightsRequestTaskRow } from './tables.ts';

/** Where the statutory clock stands for a request. */
export type ClockView =
  /** Identity, authority or a fee was asked for and has not arrived: nothing is due yet. */
  | { status: 'waiting'; waitingFor: AwaitedItem[] }
  | { status: 'counting'; deadline: Deadline; target: TargetView | null }
  /** The deadline lies past the bank holidays Custodian holds: they must be updated before it can be computed. */
  | { status: 'unavailable'; problem: { code: string; message: string } };

/** The organisation's own target, shown beside the statutory deadline and never in its place. */
export interface TargetView {
  due: string;
  days: number;
  kind: 'calendar' | 'working';
}

export interface Task {
  id: number;
  kind: TaskKind;
  assignee: string;
  dueOn: string;
  detail: string | null;
  openedOn: string;
  doneOn: string | null;
  doneDetail: string | null;
}

/** Another request about the same person, as the basis for an extension or a finding of excess. */
export interface RelatedRequest {
  reference: string;
  receivedOn: string;
  rights: Right[];
  status: RequestStatus;
  matchedOn: MatchBasis[];
}

export interface RequestView {
  request: RightsRequest;
  status: RequestStatus;
  state: RequestState;
  timeline: TimelineEntry[];
  clock: ClockView;
  tasks: Task[];
  relatedRequests: RelatedRequest[];
  /** The words the person must get when the request is refused in whole or in part (UK GDPR Art 12(4)). */
  refusalNotice: string | null;
}

export interface RequestSummary {
  reference: string;
  receivedOn: string;
  rights: Right[];
  channel: Channel;
  personName: string;
  status: RequestStatus;
  clock: ClockView['status'];
  paused: boolean;
  dueOn: string | null;
  targetDueOn: string | null;
  isOverdue: boolean;
  openTasks: number;
}

export interface RecordedReminder {
  reference: string;
  kind: ReminderKind;
  forDate: string;
  dueOn: string;
  recipients: string[];
  subject: string;
  body: string;
  createdAt: string;
  sentAt: string | null;
}

export interface ReminderRun {
  today: string;
  /** Reminders recorded by this run. */
  recorded: RecordedReminder[];
  /** Reminders this run would have recorded but that were already recorded today. */
  alreadyRecorded: number;
  /** Requests whose deadline could not be computed, so that none is skipped in silence. */
  problems: { reference: string; message: string }[];
}

/** What the organisation's register says that requests need. */
interface Organisation {
  name: string | undefined;
  divisions: readonly Division[];
  targets: readonly { rights?: readonly Right[] | undefined; days: number; kind: 'calendar' | 'working' }[];
  complaints: OrganisationContact | undefined;
  dpoEmail: string | undefined;
}

/** Bank holidays of England and Wales when no register says otherwise. */
const DEFAULT_DIVISIONS: readonly Division[] = ['england-and-wales'];

interface LoadedRequest {
  id: number;
  request: RightsRequest;
  timeline: TimelineEntry[];
  state: RequestState;
}

/**
 * Rights requests: intake, the append-only timeline, deadlines, tasks, decisions, refusals,
 * reminders and reports. Every change is checked by the state machine (request-state.ts), stored
 * and audited in one transaction; a refused change stores nothing.
 */
export function createRightsRequestService(
  deps: Dependencies & {
    audit: AuditService;
    holidays: HolidayService;
    register: RegisterService;
    settings?: Partial<RightsRequestSettings>;
  },
) {
  const settings: RightsRequestSettings = { ...DEFAULT_RIGHTS_REQUEST_SETTINGS, ...deps.settings };
  const db = deps.store.db;
  const isPostgres = deps.store.dialect === 'postgres';
  const today = () => londonDate(deps.now());

  async function organisation(): Promise<Organisation> {
    const current = await deps.register.findCurrent();
    const controller = current?.register.controller;
    return {
      name: controller?.name,
      divisions: controller?.bank_holiday_divisions ?? DEFAULT_DIVISIONS,
      targets: controller?.response_targets ?? [],
      complaints: controller?.complaints,
      dpoEmail: controller?.dpo.email,
    };
  }

  function notInFuture(date: string, field: string): void {
    if (date > today()) throw invalidInput(field, `${date} is in the future (today is ${today()})`);
  }

  function clockOf(state: RequestState, calendar: HolidayCalendar, org: Organisation): ClockView {
    const projection = projectClock(state, org.divisions);
    if (!projection.started) return { status: 'waiting', waitingFor: projection.waitingFor };
    try {
      const deadline = computeDeadline(projection.input, calendar, { pauseCounting: settings.pauseCounting });
      return { status: 'counting', deadline, target: targetFor(state.rights, deadline.start, calendar, org) };
    } catch (error) {
      if (isAppError(error) && error.code === 'holidays_out_of_range') {
        return { status: 'unavailable', problem: { code: error.code, message: error.message } };
      }
      throw error;
    }
  }

  /** The strictest of the organisation's targets that covers any of the request's rights. */
  function targetFor(
    rights: readonly Right[],
    start: string,
    calendar: HolidayCalendar,
    org: Organisation,
  ): TargetView | null {
    let best: TargetView | null = null;
    for (const target of org.targets) {
      if (target.rights && !target.rights.some((r) => rights.includes(r))) continue;
      const due = organisationTarget(
        start,
        { days: target.days, kind: target.kind },
        calendar,
        org.divisions,
      );
      if (best === null || due < best.due) best = { due, days: target.days, kind: target.kind };
    }
    return best;
  }

  async function load(trx: Db, reference: string, forUpdate = false): Promise<LoadedRequest> {
    const key = normaliseReference(reference);
    const row = forUpdate ? await lockRequest(trx, key, isPostgres) : await findRequest(trx, key);
    if (!row) throw notFound(`Rights request ${key}`);
    const [loaded] = assemble([row], await listEventRows(trx, [row.id]));
    if (!loaded) throw new AppError('internal', `Rights request ${key} has no timeline`);
    return loaded;
  }

  /** Appends `event` after the `seq` events the request already has. */
  async function append(
    trx: Db,
    target: { requestId: number; seq: number },
    event: RequestEvent,
    actor: string,
  ): Promise<TimelineEntry> {
    const row = await insertEvent(trx, {
      request_id: target.requestId,
      seq: target.seq + 1,
      type: event.type,
      occurred_on: event.date,
      data: JSON.stringify(event),
      recorded_at: deps.now().toISOString(),
      actor,
    });
    return toEntry(row);
  }

  /** Checks that need the deadline: an extension told in time, a clarification asked before the deadline passed. */
  function checkAgainstClock(
    state: RequestState,
    event: RequestEvent,
    calendar: HolidayCalendar,
    org: Organisation,
  ): void {
    if (event.type !== 'extended' && event.type !== 'clarification-asked') return;
    const projection = projectClock(state, org.divisions);
    if (!projection.started) return;
    const clockSettings = { pauseCounting: settings.pauseCounting };
    if (event.type === 'extended') {
      validateExtension(
        { ...projection.input, toldOn: event.date, reason: event.reason },
        calendar,
        clockSettings,
      );
      return;
    }
    const { due } = computeDeadline(projection.input, calendar, clockSettings);
    if (event.date > due) {
      throw new AppError(
        'invalid_transition',
        `The deadline (${due}) had passed before ${event.date}: a clarification cannot pause a clock that has run out.`,
      );
    }
  }

  async function view(
    loaded: LoadedRequest,
    calendar: HolidayCalendar,
    org: Organisation,
  ): Promise<RequestView> {
    const [taskRows, related] = await Promise.all([listTaskRows(db, [loaded.id]), relatedTo(loaded)]);
    const { state, request } = loaded;
    const decision = state.decision;
    return {
      request,
      status: statusOf(state),
      state,
      timeline: loaded.timeline,
      clock: clockOf(state, calendar, org),
      tasks: taskRows.map(toTask),
      relatedRequests: related,
      refusalNotice:
        decision && decision.outcome !== 'comply'
          ? refusalNotice({
              reference: request.reference,
              receivedOn: request.receivedOn,
              rights: request.rights,
              outcome: decision.outcome,
              grounds: decision.grounds,
              reasons: decision.reasons ?? '',
              organisation: org.name,
              complaints: org.complaints,
            })
          : null,
    };
  }

  async function relatedTo(loaded: LoadedRequest): Promise<RelatedRequest[]> {
    const keys = personKeys(loaded.request.person);
    const rows = await listRequestsMatching(db, keys, loaded.id);
    const others = assemble(
      rows,
      await listEventRows(
        db,
        rows.map((r) => r.id),
      ),
    );
    return others.flatMap((other) => {
      const matchedOn = matchBasis(keys, personKeys(other.request.person));
      return matchedOn.length === 0
        ? []
        : [
            {
              reference: other.request.reference,
              receivedOn: other.request.receivedOn,
              rights: other.request.rights,
              status: statusOf(other.state),
              matchedOn,
            },
          ];
    });
  }

  async function loadAll(
    filter: { receivedFrom?: string; receivedTo?: string } = {},
  ): Promise<LoadedRequest[]> {
    const rows = await listRequestRows(db, filter);
    return assemble(
      rows,
      await listEventRows(
        db,
        rows.map((r) => r.id),
      ),
    );
  }

  const service = {
    settings,

    /** Logs a request as it arrived and records its `received` event. */
    async create(input: unknown, actor: string): Promise<RequestView> {
      const parsed = parseInput(newRequest, input);
      notInFuture(parsed.receivedOn, 'receivedOn');
      const year = Number(parsed.receivedOn.slice(0, 4));
      const keys = personKeys(parsed.person);
      const reference = await db.transaction().execute(async (trx) => {
        const ref = formatReference(year, await nextReferenceNumber(trx, year));
        const row = await insertRequest(trx, {
          reference: ref,
          received_on: parsed.receivedOn,
          channel: parsed.channel,
          rights: JSON.stringify(parsed.rights),
          person: JSON.stringify(parsed.person),
          representative: parsed.representative ? JSON.stringify(parsed.representative) : null,
          wording: parsed.wording,
          person_name_key: keys.name,
          person_email_key: keys.email ?? null,
          person_phone_key: keys.phone ?? null,
          created_at: deps.now().toISOString(),
          created_by: actor,
        });
        const event: RequestEvent = { type: 'received', date: parsed.receivedOn };
        await append(trx, { requestId: row.id, seq: 0 }, event, actor);
        await deps.audit.record(trx, {
          actor,
          action: 'request.created',
          entityType: 'rights-request',
          entityId: ref,
          after: { request: toRequest(row), event },
        });
        return ref;
      });
      return service.get(reference);
    },

    /**
     * Checks an event against the request's state and the clock, then appends and audits it in one
     * transaction. Refused events (`invalid_transition`) and bad input (`invalid_input`) store nothing.
     */
    async recordEvent(reference: string, input: unknown, actor: string): Promise<RequestView> {
      const event = parseInput(recordableEvent, input);
      notInFuture(event.date, 'date');
      const [calendar, org] = await Promise.all([deps.holidays.getCalendar(), organisation()]);
      const key = await db.transaction().execute(async (trx) => {
        const loaded = await load(trx, reference, true);
        const next = applyEvent(loaded.state, event);
        checkAgainstClock(loaded.state, event, calendar, org);
        const entry = await append(trx, positionAfter(loaded), event, actor);
        await deps.audit.record(trx, {
          actor,
          action: 'request.event-recorded',
          entityType: 'rights-request',
          entityId: loaded.request.reference,
          before: loaded.state,
          after: { entry, state: next },
        });
        return loaded.request.reference;
      });
      return service.get(key);
    },

    /** The request with its timeline, deadline and explanation, target, tasks and other requests from the same person. */
    async get(reference: string): Promise<RequestView> {
      const [calendar, org] = await Promise.all([deps.holidays.getCalendar(), organisation()]);
      return view(await load(db, reference), calendar, org);
    },

    /** Requests sorted by statutory deadline (soonest first; those with no deadline yet last). */
    async list(input: unknown = {}): Promise<RequestSummary[]> {
      const filter = parseInput(listFilter, input);
      const [calendar, org, all] = await Promise.all([
        deps.holidays.getCalendar(),
        organisation(),
        loadAll(),
      ]);
      const tasks = await listTaskRows(
        db,
        all.map((r) => r.id),
      );
      const on = today();
      const summaries = all.map((loaded): RequestSummary => {
        const clock = clockOf(loaded.state, calendar, org);
        const status = statusOf(loaded.state);
        const dueOn = clock.status === 'counting' ? clock.deadline.due : null;
        return {
          reference: loaded.request.reference,
          receivedOn: loaded.request.receivedOn,
          rights: loaded.request.rights,
          channel: loaded.request.channel,
          personName: loaded.request.person.name,
          status,
          clock: clock.status,
          paused: isPaused(clock),
          dueOn,
          targetDueOn: clock.status === 'counting' ? (clock.target?.due ?? null) : null,
          // While a clarification is awaited the clock is stopped, so nothing can fall overdue.
          isOverdue: dueOn !== null && on > dueOn && isUnanswered(status) && !isPaused(clock),
          openTasks: tasks.filter((t) => t.request_id === loaded.id && t.done_on === null).length,
        };
      });
      return summaries
        .filter((s) => {
          if (
            filter.state === 'open'
              ? s.status === 'closed'
              : filter.state !== undefined && s.status !== filter.state
          )
            return false;
          if (filter.dueBefore !== undefined && (s.dueOn === null || s.dueOn >= filter.dueBefore))
            return false;
          if (filter.overdue !== undefined && s.isOverdue !== filter.overdue) return false;
          return true;
        })
        .sort(
          (a, b) =>
            compareDue(a.dueOn, b.dueOn) ||
            a.receivedOn.localeCompare(b.receivedOn) ||
            a.reference.localeCompare(b.reference),
        );
    },

    /** Opens a task on a request and records `task-opened` on its timeline. */
    async openTask(reference: string, input: unknown, actor: string): Promise<Task> {
      const parsed = parseInput(newTask, input);
      const date = parsed.date ?? today();
      notInFuture(date, 'date');
      return db.transaction().execute(async (trx) => {
        const loaded = await load(trx, reference, true);
        const row = await insertTask(trx, {
          request_id: loaded.id,
          kind: parsed.kind,
          assignee: parsed.assignee,
          due_on: parsed.dueOn,
          detail: parsed.detail ?? null,
          opened_on: date,
        });
        const event: RequestEvent = {
          type: 'task-opened',
          date,
          taskId: row.id,
          kind: parsed.kind,
          assignee: parsed.assignee,
          dueOn: parsed.dueOn,
          ...(parsed.detail === undefined ? {} : { detail: parsed.detail }),
        };
        // A refusal here throws and rolls back the task row with everything else.
        const next = applyEvent(loaded.state, event);
        const entry = await append(trx, positionAfter(loaded), event, actor);
        await deps.audit.record(trx, {
          actor,
          action: 'request.task-opened',
          entityType: 'rights-request',
          entityId: loaded.request.reference,
          before: loaded.state,
          after: { entry, task: row, state: next },
        });
        return toTask(row);
      });
    },

    /** Marks a task done and records `task-done` on the request's timeline. */
    async completeTask(reference: string, taskId: number, input: unknown, actor: string): Promise<Task> {
      const parsed = parseInput(taskCompletion, input);
      const date = parsed.date ?? today();
      notInFuture(date, 'date');
      return db.transaction().execute(async (trx) => {
        const loaded = await load(trx, reference, true);
        const task = await findTask(trx, loaded.id, taskId);
        if (!task) throw notFound(`Task ${taskId} of ${loaded.request.reference}`);
        const event: RequestEvent = {
          type: 'task-done',
          date,
          taskId,
          ...(parsed.detail === undefined ? {} : { detail: parsed.detail }),
        };
        const next = applyEvent(loaded.state, event);
        const done = await markTaskDone(trx, taskId, { done_on: date, done_detail: parsed.detail ?? null });
        const entry = await append(trx, positionAfter(loaded), event, actor);
        await deps.audit.record(trx, {
          actor,
          action: 'request.task-done',
          entityType: 'rights-request',
          entityId: loaded.request.reference,
          before: { task, state: loaded.state },
          after: { entry, task: done, state: next },
        });
        return toTask(done);
      });
    },

    /**
     * The daily job: records a due-soon or overdue reminder in the outbox for each unanswered
     * request that needs one, at most once per request, kind and day, so running it again the same
     * day records nothing new.
     */
    async runReminders(on: string = today()): Promise<ReminderRun> {
      const day = parseInput(isoDate, on);
      const [calendar, org, all] = await Promise.all([
        deps.holidays.getCalendar(),
        organisation(),
        loadAll(),
      ]);
      const tasks = await listTaskRows(
        db,
        all.map((r) => r.id),
      );
      const problems: ReminderRun['problems'] = [];
      const candidates = all.flatMap((loaded) => {
        const status = statusOf(loaded.state);
        if (!isUnanswered(status)) return [];
        const clock = clockOf(loaded.state, calendar, org);
        if (clock.status === 'unavailable') {
          problems.push({ reference: loaded.request.reference, message: clock.problem.message });
          return [];
        }
        // While waiting for the person, or paused for their answer, nothing is due from the organisation.
        if (clock.status === 'waiting' || clock.deadline.paused) return [];
        const reminder = reminderFor(
          {
            reference: loaded.request.reference,
            dueOn: clock.deadline.due,
            rightsLabel: loaded.request.rights.map((r) => RIGHTS[r]).join(', '),
            status,
          },
          { today: day, calendar, divisions: org.divisions, dueSoonWorkingDays: settings.dueSoonWorkingDays },
        );
        if (!reminder) return [];
        const assignees = tasks
          .filter((t) => t.request_id === loaded.id && t.done_on === null)
          .map((t) => t.assignee);
        const recipients = [...new Set([...(org.dpoEmail ? [org.dpoEmail] : []), ...assignees])];
        return [{ loaded, reminder, recipients }];
      });
      const createdAt = deps.now().toISOString();
      const recorded = await db.transaction().execute(async (trx) => {
        const rows: RecordedReminder[] = [];
        for (const { loaded, reminder, recipients } of candidates) {
          const row = await insertReminderOnce(trx, {
            request_id: loaded.id,
            kind: reminder.kind,
            for_date: day,
            due_on: reminder.dueOn,
            recipients: JSON.stringify(recipients),
            subject: reminder.subject,
            body: reminder.body,
            created_at: createdAt,
          });
          if (!row) continue;
          await deps.audit.record(trx, {
            actor: 'system',
            action: 'request.reminder-recorded',
            entityType: 'rights-request',
            entityId: loaded.request.reference,
            after: row,
          });
          rows.push(toReminder({ ...row, reference: loaded.request.reference }));
        }
        return rows;
      });
      return { today: day, recorded, alreadyRecorded: candidates.length - recorded.length, problems };
    },

    /** The outbox: reminders recorded, optionally only those for one day or not yet sent. */
    async listReminders(
      filter: { forDate?: string; unsentOnly?: boolean } = {},
    ): Promise<RecordedReminder[]> {
      const rows = await listReminderRows(db, filter);
      return rows.map(toReminder);
    },

    /** Monitoring figures for requests received from `from` to `to` inclusive. */
    async report(input: unknown): Promise<RequestReport> {
      const period = parseInput(reportPeriod, input);
      const [calendar, org, all] = await Promise.all([
        deps.holidays.getCalendar(),
        organisation(),
        loadAll({ receivedFrom: period.from, receivedTo: period.to }),
      ]);
      const items = all.map((loaded): ReportItem => {
        const clock = clockOf(loaded.state, calendar, org);
        if (clock.status === 'unavailable') {
          // A report that quietly left a request out would mislead; say which one needs newer holiday data.
          throw new AppError(
            'holidays_out_of_range',
            `${loaded.request.reference}: ${clock.problem.message}`,
          );
        }
        const { state } = loaded;
        return {
          reference: loaded.request.reference,
          receivedOn: loaded.request.receivedOn,
          rights: loaded.request.rights,
          channel: loaded.request.channel,
          outcome: outcomeOf(state),
          refusalGrounds: state.decision?.grounds.map((g) => g.ground) ?? [],
          dueOn: clock.status === 'counting' ? clock.deadline.due : undefined,
          isPaused: isPaused(clock),
          respondedOn: state.responseSentOn,
          isClosed: state.closed !== undefined,
        };
      });
      return buildReport(items, { ...period, asOf: today() });
    },

    /** The same report as CSV, one figure per row. */
    async reportCsv(input: unknown): Promise<string> {
      return reportCsv(await service.report(input));
    },
  };
  return service;
}

export type RightsRequestService = ReturnType<typeof createRightsRequestService>;

function isPaused(clock: ClockView): boolean {
  return clock.status === 'counting' && clock.deadline.paused;
}

/** Not yet answered: the organisation still owes the person a response. */
function isUnanswered(status: RequestStatus): boolean {
  return status !== 'responded' && status !== 'closed';
}

function positionAfter(loaded: LoadedRequest): { requestId: number; seq: number } {
  return { requestId: loaded.id, seq: loaded.timeline.length };
}

function compareDue(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a.localeCompare(b);
}

function assemble(
  rows: readonly RightsRequestRow[],
  eventRows: readonly RightsRequestEventRow[],
): LoadedRequest[] {
  const byRequest = new Map<number, TimelineEntry[]>();
  for (const row of eventRows) {
    const list = byRequest.get(row.request_id) ?? [];
    list.push(toEntry(row));
    byRequest.set(row.request_id, list);
  }
  return rows.map((row) => {
    const request = toRequest(row);
    const timeline = byRequest.get(row.id) ?? [];
    const state = projectState(
      {
        receivedOn: request.receivedOn,
        rights: request.rights,
        hasRepresentative: request.representative !== undefined,
      },
      timeline.map((e) => e.event),
    );
    return { id: row.id, request, timeline, state };
  });
}

function toRequest(row: RightsRequestRow): RightsRequest {
  return {
    reference: row.reference,
    rights: JSON.parse(row.rights) as Right[],
    channel: row.channel as Channel,
    receivedOn: row.received_on,
    wording: row.wording,
    person: JSON.parse(row.person) as Person,
    representative:
      row.representative === null ? undefined : (JSON.parse(row.representative) as Representative),
    loggedAt: row.created_at,
    loggedBy: row.created_by,
  };
}

function toEntry(row: RightsRequestEventRow): TimelineEntry {
  return {
    seq: row.seq,
    event: JSON.parse(row.data) as RequestEvent,
    recordedAt: row.recorded_at,
    actor: row.actor,
  };
}

function toTask(row: RightsRequestTaskRow): Task {
  return {
    id: row.id,
    kind: row.kind as TaskKind,
    assignee: row.assignee,
    dueOn: row.due_on,
    detail: row.detail,
    openedOn: row.opened_on,
    doneOn: row.done_on,
    doneDetail: row.done_detail,
  };
}

function toReminder(row: {
  reference: string;
  kind: string;
  for_date: string;
  due_on: string;
  recipients: string;
  subject: string;
  body: string;
  created_at: string;
  sent_at: string | null;
}): RecordedReminder {
  return {
    reference: row.reference,
    kind: row.kind as ReminderKind,
    forDate: row.for_date,
    dueOn: row.due_on,
    recipients: JSON.parse(row.recipients) as string[],
    subject: row.subject,
    body: row.body,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}
