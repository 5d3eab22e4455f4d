import { describe, expect, it } from 'vitest';
import type { RequestEvent } from '../rights-requests/request-event.ts';
import { projectState } from '../rights-requests/request-state.ts';
import type { ClockView, RequestView } from '../rights-requests/rights-request-service.ts';
import { publicStatus } from './public-status.ts';

/** A request view as the rights request service gives it, for a representative's access request. */
function viewOf(events: RequestEvent[], clock: ClockView): RequestView {
  const request = {
    reference: 'RR-2026-000007',
    rights: ['access' as const],
    channel: 'web' as const,
    receivedOn: '2026-04-03',
    wording: 'Everything about my client',
    person: { name: 'Sam Bloggs' },
    representative: { kind: 'solicitor' as const, name: 'Ria Patel', email: 'ria@patel.example' },
    loggedAt: '2026-04-03T09:00:00.000Z',
    loggedBy: 'public',
  };
  const timeline = [{ type: 'received', date: '2026-04-03' } as const, ...events].map((event, i) => ({
    seq: i,
    event,
    recordedAt: `${event.date}T12:00:00.000Z`,
    actor: 'alice.caseworker',
  }));
  const state = projectState(
    { receivedOn: request.receivedOn, rights: request.rights, hasRepresentative: true },
    timeline.map((e) => e.event),
  );
  return {
    request,
    status: 'in-progress',
    state,
    timeline,
    clock,
    tasks: [],
    relatedRequests: [],
    refusalNotice: null,
  };
}

describe("the requester's view of a request", () => {
  it('says the clock waits for proof of authority', () => {
    const status = publicStatus(
      viewOf([{ type: 'authority-requested', date: '2026-04-04' }], {
        status: 'waiting',
        waitingFor: ['authority'],
      }),
    );
    expect(status.stage).toEqual({
      code: 'checking-authority',
      title: 'We are checking that you can act for the person',
      detail:
        'We have asked for proof that you can act for the person. The time limit starts when we receive it.',
    });
    expect(status.deadline).toEqual({
      dueOn: null,
      isPaused: false,
      isExtended: false,
      summary:
        'The time limit starts when we receive proof that you can act for the person. We will then have one month to respond.',
      explanation: [],
    });
  });

  it('gives no date, and no staff reason, when the deadline cannot be computed', () => {
    const status = publicStatus(
      viewOf([], {
        status: 'unavailable',
        problem: { code: 'holidays_out_of_range', message: 'Run custodian holidays import FILE' },
      }),
    );
    expect(status.deadline.dueOn).toBeNull();
    expect(status.deadline.summary).toBe(
      'We cannot show the date we must respond by at the moment. Contact us if you need to know it.',
    );
    expect(JSON.stringify(status)).not.toContain('holidays');
  });

  it('says when a request was withdrawn, and leaves out the decision and staff detail', () => {
    const status = publicStatus(
      viewOf(
        [
          { type: 'note', date: '2026-04-05', text: 'Ria phoned, cross' },
          { type: 'closed', date: '2026-04-06', reason: 'withdrawn', detail: 'Withdrawn by phone to alice' },
        ],
        { status: 'unavailable', problem: { code: 'holidays_out_of_range', message: 'no holidays' } },
      ),
    );
    expect(status.stage).toEqual({
      code: 'closed',
      title: 'Closed',
      detail: 'The request was withdrawn. We closed it on Monday 6 April 2026.',
    });
    expect(status.steps).toEqual([
      { date: '2026-04-03', text: 'We received your request' },
      { date: '2026-04-06', text: 'The request was withdrawn' },
    ]);
    expect(JSON.stringify(status)).not.toMatch(/alice|cross|phone|Ria|Sam/);
  });
});
