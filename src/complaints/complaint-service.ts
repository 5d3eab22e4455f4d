import type { AuditService } from '../audit/audit-service.ts';
import { invalidInput, isAppError, notFound } from '../errors/app-error.ts';
import type { RegisterService } from '../register/register-service.ts';
import { parseInput } from '../rights-requests/request-input.ts';
import type { RightsRequestService } from '../rights-requests/rights-request-service.ts';
import type { Dependencies } from '../services.ts';
import { ukDate } from '../statutory-clock/calendar-date.ts';
import type { ClockService } from '../statutory-clock/clock-service.ts';
import { formatComplaintReference, normaliseComplaintReference, type Complaint } from './complaint.ts';
import type { ComplaintEvent, ComplaintTimelineEntry } from './complaint-event.ts';
import {
  acknowledgement,
  closure,
  complaintListFilter,
  investigationStart,
  newComplaint,
  phoneInE164,
  type ComplaintChannel,
  type ComplaintStatus,
} from './complaint-input.ts';
import {
  findComplaint,
  insertComplaint,
  insertComplaintEvent,
  listComplaintEventRows,
  listComplaintRows,
  nextComplaintNumber,
  updateComplaint,
  type Db,
} from './complaint-repository.ts';
import { checkStepDate, statusAfter, type ComplaintAction, type ComplaintFacts } from './complaint-state.ts';
import type { ComplaintEventRow, ComplaintRow } from './tables.ts';

/** When the complaint must be acknowledged, from the statutory clock (DPA 2018 s.164A). */
export interface AcknowledgementView {
  /** The last day; null only when the bank holidays held do not reach it (see `problem`). */
  due: string | null;
  /** The clock's reasoning, step by step. */
  explanation: string[];
  /** Not acknowledged, and the day has passed. */
  isOverdue: boolean;
  /** Acknowledged, but after the day. */
  wasLate: boolean;
  /** Why there is no date: the holiday data must be updated. */
  problem: string | null;
}

export interface ComplaintView {
  complaint: Complaint;
  acknowledgement: AcknowledgementView;
  timeline: ComplaintTimelineEntry[];
}

export interface ComplaintSummary {
  reference: string;
  receivedOn: string;
  channel: ComplaintChannel;
  complainantName: string;
  status: ComplaintStatus;
  relatedRequest: string | null;
  acknowledgeBy: string | null;
  acknowledgedOn: string | null;
  outcomeOn: string | null;
  isOverdue: boolean;
}

interface LoadedComplaint {
  row: ComplaintRow;
  timeline: ComplaintTimelineEntry[];
}

type Due = Pick<AcknowledgementView, 'due' | 'explanation' | 'problem'>;

/**
 * Complaints to the organisation (DPA 2018 s.164A): logged with the day they must be acknowledged
 * by, then acknowledged, investigated and closed with an outcome. Each step is checked, stored,
 * put on the append-only timeline and audited in one transaction; a refused step stores nothing.
 * It sends no mail: whoever logs a complaint decides whether to write to the complainant.
 */
export function createComplaintService(
  deps: Dependencies & {
    audit: AuditService;
    clock: ClockService;
    register: RegisterService;
    rightsRequests: RightsRequestService;
  },
) {
  const db = deps.store.db;
  const isPostgres = deps.store.dialect === 'postgres';
  const today = () => ukDate(deps.now());

  /** The clock's answer with the organisation's bank-holiday divisions (England and Wales by default). */
  async function acknowledgementDue(receivedOn: string): Promise<Due> {
    const current = await deps.register.findCurrent();
    try {
      const { due, explanation } = await deps.clock.complaintAcknowledgement(
        { received: receivedOn, divisions: current?.register.controller.bank_holiday_divisions },
        { received: 'receivedOn', divisions: 'divisions' },
      );
      return { due, explanation, problem: null };
    } catch (error) {
      // The complaint is logged all the same; its date appears once newer holidays are imported.
      if (isAppError(error) && error.code === 'holidays_out_of_range') {
        return { due: null, explanation: [], problem: error.message };
      }
      throw error;
    }
  }

  /** The stored date, or (when the holidays did not reach it at intake) the clock's answer now. */
  async function dueOf(row: ComplaintRow, timeline: readonly ComplaintTimelineEntry[]): Promise<Due> {
    const received = timeline.find((e) => e.event.type === 'received')?.event;
    if (row.acknowledge_by !== null) {
      return {
        due: row.acknowledge_by,
        explanation: received?.type === 'received' ? received.explanation : [],
        problem: null,
      };
    }
    return acknowledgementDue(row.received_on);
  }

  async function relatedRequestReference(reference: string): Promise<string> {
    try {
      return (await deps.rightsRequests.get(reference)).request.reference;
    } catch (error) {
      if (isAppError(error) && error.code === 'not_found') {
        throw invalidInput('relatedRequest', `there is no rights request ${reference.toUpperCase()}`);
      }
      throw error;
    }
  }

  async function load(trx: Db, reference: string, forUpdate = false): Promise<LoadedComplaint> {
    const key = normaliseComplaintReference(reference);
    const row = await findComplaint(trx, key, { forUpdate, isPostgres });
    if (!row) throw notFound(`Complaint ${key}`);
    return { row, timeline: (await listComplaintEventRows(trx, row.id)).map(toEntry) };
  }

  async function view({ row, timeline }: LoadedComplaint): Promise<ComplaintView> {
    const due = await dueOf(row, timeline);
    return {
      complaint: toComplaint(row, due.due),
      acknowledgement: {
        ...due,
        isOverdue: isOverdue(row, due.due, today()),
        wasLate: due.due !== null && row.acknowledged_on !== null && row.acknowledged_on > due.due,
      },
      timeline,
    };
  }

  /** Checks a step against the complaint's status and dates, then stores, appends and audits it. */
  async function advance(
    reference: string,
    actor: string,
    action: ComplaintAction,
    date: string | undefined,
    make: (date: string) => {
      event: ComplaintEvent;
      change: Partial<Pick<ComplaintRow, 'acknowledged_on' | 'outcome' | 'outcome_on'>>;
    },
  ): Promise<ComplaintView> {
    const key = await db.transaction().execute(async (trx) => {
      const loaded = await load(trx, reference, true);
      const facts = factsOf(loaded);
      const status = statusAfter(facts, action);
      const day = date ?? today();
      checkStepDate(facts, day, today());
      const { event, change } = make(day);
      const updated = await updateComplaint(trx, loaded.row.id, {
        ...change,
        status,
        updated_at: deps.now().toISOString(),
      });
      const entry = await insertComplaintEvent(trx, {
        complaint_id: loaded.row.id,
        seq: loaded.timeline.length + 1,
        type: event.type,
        occurred_on: event.date,
        data: JSON.stringify(event),
        recorded_at: deps.now().toISOString(),
        actor,
      });
      await deps.audit.record(trx, {
        actor,
        action: `complaint.${event.type}`,
        entityType: 'complaint',
        entityId: updated.reference,
        before: loaded.row,
        after: { complaint: updated, event: entry },
      });
      return updated.reference;
    });
    return service.get(key);
  }

  const service = {
    /** Logs a complaint as it arrived, with the day it must be acknowledged by. Sends nothing. */
    async create(input: unknown, actor: string): Promise<ComplaintView> {
      const parsed = parseInput(newComplaint, input);
      const receivedOn = parsed.receivedOn ?? today();
      if (receivedOn > today()) {
        throw invalidInput('receivedOn', `${receivedOn} is in the future (today is ${today()})`);
      }
      const relatedRequest =
        parsed.relatedRequest === undefined ? null : await relatedRequestReference(parsed.relatedRequest);
      const due = await acknowledgementDue(receivedOn);
      const year = Number(receivedOn.slice(0, 4));
      const reference = await db.transaction().execute(async (trx) => {
        const ref = formatComplaintReference(year, await nextComplaintNumber(trx, year));
        const now = deps.now().toISOString();
        const row = await insertComplaint(trx, {
          reference: ref,
          received_on: receivedOn,
          channel: parsed.channel,
          complainant_name: parsed.complainant.name,
          complainant_email: parsed.complainant.email,
          complainant_phone:
            parsed.complainant.phone === undefined ? null : (phoneInE164(parsed.complainant.phone) ?? null),
          about: parsed.about,
          related_request_reference: relatedRequest,
          acknowledge_by: due.due,
          acknowledged_on: null,
          outcome: null,
          outcome_on: null,
          status: 'received',
          created_at: now,
          updated_at: now,
        });
        const event: ComplaintEvent = {
          type: 'received',
          date: receivedOn,
          acknowledgeBy: due.due,
          explanation: due.explanation,
        };
        await insertComplaintEvent(trx, {
          complaint_id: row.id,
          seq: 1,
          type: event.type,
          occurred_on: event.date,
          data: JSON.stringify(event),
          recorded_at: now,
          actor,
        });
        await deps.audit.record(trx, {
          actor,
          action: 'complaint.created',
          entityType: 'complaint',
          entityId: ref,
          after: { complaint: row, event },
        });
        return ref;
      });
      return service.get(reference);
    },

    /** Records that the complainant was told the complaint was received. */
    async acknowledge(reference: string, input: unknown, actor: string): Promise<ComplaintView> {
      const parsed = parseInput(acknowledgement, input ?? {});
      return advance(reference, actor, 'acknowledge', parsed.date, (date) => ({
        event: {
          type: 'acknowledged',
          date,
          ...(parsed.detail === undefined ? {} : { detail: parsed.detail }),
        },
        change: { acknowledged_on: date },
      }));
    },

    /** Records that the investigation began. */
    async startInvestigation(reference: string, input: unknown, actor: string): Promise<ComplaintView> {
      const parsed = parseInput(investigationStart, input ?? {});
      return advance(reference, actor, 'investigate', parsed.date, (date) => ({
        event: {
          type: 'investigation-started',
          date,
          ...(parsed.detail === undefined ? {} : { detail: parsed.detail }),
        },
        change: {},
      }));
    },

    /** Closes the complaint with the outcome the complainant was told. */
    async close(reference: string, input: unknown, actor: string): Promise<ComplaintView> {
      const parsed = parseInput(closure, input);
      return advance(reference, actor, 'close', parsed.date, (date) => ({
        event: { type: 'closed', date, outcome: parsed.outcome },
        change: { outcome: parsed.outcome, outcome_on: date },
      }));
    },

    /** The complaint, its acknowledgement date with the reasoning, and its timeline. */
    async get(reference: string): Promise<ComplaintView> {
      return view(await load(db, reference));
    },

    /** Complaints not closed first, then the soonest acknowledgement date first; filtered by `ComplaintListFilter`. */
    async list(filter: unknown = {}): Promise<ComplaintSummary[]> {
      const parsed = parseInput(complaintListFilter, filter);
      const on = today();
      const rows = await listComplaintRows(db);
      const summaries: ComplaintSummary[] = [];
      for (const row of rows) {
        // Only a complaint logged beyond the holidays held lacks a date; ask the clock again for it.
        const due = row.acknowledge_by ?? (await acknowledgementDue(row.received_on)).due;
        summaries.push({
          reference: row.reference,
          receivedOn: row.received_on,
          channel: row.channel as ComplaintChannel,
          complainantName: row.complainant_name,
          status: row.status as ComplaintStatus,
          relatedRequest: row.related_request_reference,
          acknowledgeBy: due,
          acknowledgedOn: row.acknowledged_on,
          outcomeOn: row.outcome_on,
          isOverdue: isOverdue(row, due, on),
        });
      }
      return summaries
        .filter((s) => {
          if (
            parsed.status === 'open'
              ? s.status === 'closed'
              : parsed.status !== undefined && s.status !== parsed.status
          )
            return false;
          return parsed.overdue === undefined || s.isOverdue === parsed.overdue;
        })
        .sort(
          (a, b) =>
            Number(a.status === 'closed') - Number(b.status === 'closed') ||
            compareDue(a.acknowledgeBy, b.acknowledgeBy) ||
            a.reference.localeCompare(b.reference),
        );
    },
  };
  return service;
}

export type ComplaintService = ReturnType<typeof createComplaintService>;

/** Overdue: still not acknowledged after the last day to acknowledge it. */
function isOverdue(row: ComplaintRow, due: string | null, today: string): boolean {
  return row.status === 'received' && due !== null && today > due;
}

function compareDue(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a.localeCompare(b);
}

function factsOf({ row, timeline }: LoadedComplaint): ComplaintFacts {
  return {
    reference: row.reference,
    status: row.status as ComplaintStatus,
    receivedOn: row.received_on,
    acknowledgedOn: row.acknowledged_on,
    outcomeOn: row.outcome_on,
    latestOn: timeline.reduce(
      (latest, e) => (e.event.date > latest ? e.event.date : latest),
      row.received_on,
    ),
  };
}

function toComplaint(row: ComplaintRow, acknowledgeBy: string | null): Complaint {
  return {
    reference: row.reference,
    receivedOn: row.received_on,
    channel: row.channel as ComplaintChannel,
    complainant: { name: row.complainant_name, email: row.complainant_email, phone: row.complainant_phone },
    about: row.about,
    relatedRequest: row.related_request_reference,
    acknowledgeBy,
    acknowledgedOn: row.acknowledged_on,
    outcome: row.outcome,
    outcomeOn: row.outcome_on,
    status: row.status as ComplaintStatus,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toEntry(row: ComplaintEventRow): ComplaintTimelineEntry {
  return {
    seq: row.seq,
    event: JSON.parse(row.data) as ComplaintEvent,
    recordedAt: row.recorded_at,
    actor: row.actor,
  };
}
