import { describe, expect, it } from 'vitest';
import { buildReport, reportCsv, type ReportItem } from './request-report.ts';

const item = (fields: Partial<ReportItem> & Pick<ReportItem, 'reference' | 'receivedOn'>): ReportItem => ({
  rights: ['access'],
  channel: 'email',
  outcome: 'undecided',
  refusalGrounds: [],
  isClosed: false,
  isPaused: false,
  ...fields,
});

// Worked by hand; see the comments for each request's part in the figures.
const ITEMS: ReportItem[] = [
  // January. On time, 28 days.
  item({
    reference: 'A',
    receivedOn: '2026-01-05',
    outcome: 'comply',
    dueOn: '2026-02-05',
    respondedOn: '2026-02-02',
    isClosed: true,
  }),
  // Late by 4 days, 35 days to respond.
  item({
    reference: 'B',
    receivedOn: '2026-01-12',
    rights: ['access', 'erasure'],
    channel: 'letter',
    outcome: 'comply-in-part',
    refusalGrounds: ['exemption'],
    dueOn: '2026-02-12',
    respondedOn: '2026-02-16',
  }),
  // Refused and closed with no response recorded: not timed.
  item({
    reference: 'C',
    receivedOn: '2026-01-20',
    rights: ['erasure'],
    channel: 'web',
    outcome: 'refuse',
    refusalGrounds: ['manifestly-unfounded'],
    dueOn: '2026-02-20',
    isClosed: true,
  }),
  // Withdrawn: not timed.
  item({
    reference: 'I',
    receivedOn: '2026-01-25',
    channel: 'social-media',
    outcome: 'withdrawn',
    dueOn: '2026-02-25',
    isClosed: true,
  }),
  // February. On time, 10 days.
  item({
    reference: 'D',
    receivedOn: '2026-02-03',
    rights: ['rectification'],
    channel: 'phone',
    outcome: 'comply',
    dueOn: '2026-03-03',
    respondedOn: '2026-02-13',
  }),
  // Due on the day of the report: still pending.
  item({ reference: 'E', receivedOn: '2026-02-10', dueOn: '2026-03-10' }),
  // Waiting for identity, no deadline: pending.
  item({ reference: 'F', receivedOn: '2026-02-20' }),
  // Past its deadline and unanswered: late.
  item({
    reference: 'G',
    receivedOn: '2026-02-01',
    rights: ['objection'],
    channel: 'in-person',
    dueOn: '2026-03-02',
  }),
  // Paused for a clarification: its deadline cannot pass while the clock is stopped, so pending.
  item({ reference: 'P', receivedOn: '2026-02-12', dueOn: '2026-03-05', isPaused: true }),
  // Outside the period.
  item({ reference: 'H', receivedOn: '2026-03-01', dueOn: '2026-04-01', respondedOn: '2026-03-05' }),
];

describe('the monitoring report', () => {
  const report = buildReport(ITEMS, { from: '2026-01-01', to: '2026-02-28', asOf: '2026-03-10' });

  it('counts requests by right, channel, outcome and refusal ground', () => {
    expect(report.total).toBe(9);
    expect(report.byRight).toEqual({
      access: 6,
      rectification: 1,
      erasure: 2,
      restriction: 0,
      portability: 0,
      objection: 1,
      'automated-decision': 0,
    });
    expect(report.byChannel).toEqual({
      web: 1,
      email: 4,
      letter: 1,
      phone: 1,
      'in-person': 1,
      'social-media': 1,
    });
    expect(report.byOutcome).toEqual({
      comply: 2,
      'comply-in-part': 1,
      refuse: 1,
      withdrawn: 1,
      undecided: 4,
    });
    expect(report.byRefusalGround).toEqual({
      'manifestly-unfounded': 1,
      'manifestly-excessive': 0,
      'identity-not-confirmed': 0,
      exemption: 1,
    });
  });

  it('gives the share answered on time in each month received', () => {
    expect(report.months).toEqual([
      {
        month: '2026-01',
        received: 4,
        answered: 2,
        answeredOnTime: 1,
        late: 1,
        pending: 0,
        onTimeShare: 0.5,
      },
      {
        month: '2026-02',
        received: 5,
        answered: 1,
        answeredOnTime: 1,
        late: 1,
        pending: 3,
        onTimeShare: 0.5,
      },
    ]);
  });

  it('gives the median of 10, 28 and 35 days to respond', () => {
    expect(report.medianDaysToRespond).toBe(28);
  });

  it('takes the mean of the middle two when the count is even, and null when nothing was answered', () => {
    const even = buildReport(
      ITEMS.filter((i) => i.reference !== 'D'),
      { from: '2026-01-01', to: '2026-02-28', asOf: '2026-03-10' },
    );
    expect(even.medianDaysToRespond).toBe(31.5);
    const none = buildReport([], { from: '2026-01-01', to: '2026-01-31', asOf: '2026-03-10' });
    expect(none.medianDaysToRespond).toBeNull();
    expect(none.months).toEqual([
      {
        month: '2026-01',
        received: 0,
        answered: 0,
        answeredOnTime: 0,
        late: 0,
        pending: 0,
        onTimeShare: null,
      },
    ]);
  });

  it('gives the same figures as CSV, one per row', () => {
    const lines = reportCsv(report).split('\r\n');
    expect(lines[0]).toBe('section,key,value');
    expect(lines).toContain('requests,total,9');
    expect(lines).toContain('right,access,6');
    expect(lines).toContain('channel,email,4');
    expect(lines).toContain('outcome,undecided,4');
    expect(lines).toContain('month:2026-02,pending,3');
    expect(lines).toContain('month:2026-01,on-time-share,0.5');
    expect(lines).toContain('response,median-days,28');
  });
});
