import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.ts';
import { builtInFeed } from '../holidays/built-in-feed.ts';
import { createHolidayCalendar } from '../holidays/holiday-calendar.ts';
import type { Division } from '../register/lawful-bases.ts';
import {
  complaintAcknowledgementDue,
  computeDeadline,
  organisationTarget,
  validateExtension,
  type ClockInput,
} from './deadline.ts';

const calendar = createHolidayCalendar(builtInFeed());

function request(received: string, more: Partial<ClockInput> = {}): ClockInput {
  return {
    rights: ['access'],
    received,
    clarifications: [],
    extended: false,
    divisions: ['england-and-wales'],
    ...more,
  };
}

function refusal(work: () => unknown): AppError {
  try {
    work();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('the statutory clock: the ICO worked examples (England and Wales)', () => {
  it.each([
    ['2025-09-03', {}, '2025-10-03'],
    // 25 and 26 Dec 2024 are bank holidays.
    ['2024-11-25', {}, '2024-12-27'],
    // 28 Feb 2026 is a Saturday.
    ['2026-01-31', {}, '2026-03-02'],
    // Leap year.
    ['2024-01-31', {}, '2024-02-29'],
    ['2025-03-31', {}, '2025-04-30'],
    // Received on a bank holiday; 1 Feb 2026 is a Sunday.
    ['2026-01-01', {}, '2026-02-02'],
    // Extended: 28 Feb 2026 is a Saturday.
    ['2025-11-30', { extended: true }, '2026-03-02'],
    // 14 Dec 2020 + 30 paused days.
    ['2020-11-14', { clarifications: [{ asked: '2020-11-16', answered: '2020-12-16' }] }, '2021-01-13'],
  ] as const)('received %s %j is due %s', (received, more, due) => {
    expect(computeDeadline(request(received, more), calendar).due).toBe(due);
  });

  it('explains a short month and a weekend in lines a caseworker can quote', () => {
    const { explanation, start, extensionNoticeBy } = computeDeadline(request('2026-01-31'), calendar);
    expect(start).toBe('2026-01-31');
    expect(extensionNoticeBy).toBe('2026-02-28');
    expect(explanation).toContain('31 Jan 2026 + 1 month = 28 Feb 2026 (February is shorter)');
    expect(explanation).toContain('Sat 28 Feb 2026 is a Saturday → Mon 2 Mar 2026');
  });

  it('names the bank holidays it skips', () => {
    const { explanation } = computeDeadline(request('2024-11-25'), calendar);
    expect(explanation).toContain(
      'Wed 25 Dec 2024 is a bank holiday (Christmas Day); Thu 26 Dec 2024 is a bank holiday (Boxing Day) → Fri 27 Dec 2024',
    );
  });
});

describe('the statutory clock in each division (expected values worked out by hand from the gov.uk feed)', () => {
  const cases: [string, string, readonly Division[], string][] = [
    // 2 Dec 2025 + 1 month = Fri 2 Jan 2026: "2nd January" in Scotland only.
    ['2 January in Scotland', '2025-12-02', ['scotland'], '2026-01-05'],
    ['2 January is a working day in England', '2025-12-02', ['england-and-wales'], '2026-01-02'],
    // 30 Oct 2025 + 1 month = Sun 30 Nov; Mon 1 Dec 2025 is St Andrew's Day (substitute) in Scotland.
    ["St Andrew's Day substitute in Scotland", '2025-10-30', ['scotland'], '2025-12-02'],
    ["St Andrew's Day substitute is not one in England", '2025-10-30', ['england-and-wales'], '2025-12-01'],
    // 30 Oct 2026 + 1 month = Mon 30 Nov 2026, St Andrew's Day itself.
    ["St Andrew's Day in Scotland", '2026-10-30', ['scotland'], '2026-12-01'],
    // 15 May 2026 + 1 month = Mon 15 Jun 2026, Scotland's World Cup bank holiday.
    ["Scotland's 15 June 2026", '2026-05-15', ['scotland'], '2026-06-16'],
    ["Scotland's 15 June 2026 is not one in England", '2026-05-15', ['england-and-wales'], '2026-06-15'],
    // 17 Feb 2026 + 1 month = Tue 17 Mar 2026, St Patrick's Day in Northern Ireland.
    ["St Patrick's Day in Northern Ireland", '2026-02-17', ['northern-ireland'], '2026-03-18'],
    // 12 Jun 2027 + 1 month = Mon 12 Jul 2027, Battle of the Boyne.
    ['12 July in Northern Ireland', '2027-06-12', ['northern-ireland'], '2027-07-13'],
    // 12 Jun 2026 + 1 month = Sun 12 Jul 2026; Mon 13 Jul is the Boyne substitute day.
    ['12 July on a Sunday in Northern Ireland', '2026-06-12', ['northern-ireland'], '2026-07-14'],
    ['12 July on a Sunday in England', '2026-06-12', ['england-and-wales'], '2026-07-13'],
    // Sat 25 Dec 2021, Sun 26; Mon 27 and Tue 28 are the substitutes.
    ['Christmas 2021 substitutes', '2021-11-25', ['england-and-wales'], '2021-12-29'],
    // Mon 26 Dec 2022 Boxing Day; Tue 27 the Christmas Day substitute.
    ['Christmas 2022 substitutes', '2022-11-26', ['england-and-wales'], '2022-12-28'],
    // Mon 27 and Tue 28 Dec 2027 are the substitutes (25 and 26 fall at the weekend).
    ['Christmas 2027 substitutes', '2027-11-27', ['scotland'], '2027-12-29'],
    // Across two divisions only a shared holiday is skipped: 2 Jan 2026 is Scottish only.
    [
      'two divisions: a Scottish-only holiday is worked',
      '2025-12-02',
      ['england-and-wales', 'scotland'],
      '2026-01-02',
    ],
    [
      "two divisions: St Patrick's Day is worked",
      '2026-02-17',
      ['england-and-wales', 'northern-ireland'],
      '2026-03-17',
    ],
    // 25 and 26 Dec 2025 are holidays in both; then the weekend.
    ['two divisions: Christmas is shared', '2025-11-25', ['england-and-wales', 'scotland'], '2025-12-29'],
    // 1 Dec 2026 + 1 month = Fri 1 Jan 2027; the weekend; Mon 4 Jan is the 2nd January substitute in Scotland.
    ['2 January substitute in Scotland', '2026-12-01', ['scotland'], '2027-01-05'],
    ['2 January substitute is not one in England', '2026-12-01', ['england-and-wales'], '2027-01-04'],
    [
      'three divisions: only New Year is shared',
      '2026-12-01',
      ['england-and-wales', 'scotland', 'northern-ireland'],
      '2027-01-04',
    ],
    // 17 Feb 2024 + 1 month = Sun 17 Mar 2024; Mon 18 Mar is St Patrick's Day (substitute) in Northern Ireland.
    ["St Patrick's Day substitute in Northern Ireland", '2024-02-17', ['northern-ireland'], '2024-03-19'],
    ["St Patrick's Day substitute is not one in England", '2024-02-17', ['england-and-wales'], '2024-03-18'],
    // 28 Nov 2026 + 1 month = Mon 28 Dec 2026, the Boxing Day substitute in every division.
    ['two divisions: a shared substitute day', '2026-11-28', ['scotland', 'northern-ireland'], '2026-12-29'],
    // 6 Mar 2026 + 1 month = Mon 6 Apr 2026: Easter Monday in England and Wales, not in Scotland.
    ['Easter Monday in England and Wales', '2026-03-06', ['england-and-wales'], '2026-04-07'],
    ['no Easter Monday in Scotland', '2026-03-06', ['scotland'], '2026-04-06'],
    ['two divisions: Easter Monday is worked', '2026-03-06', ['england-and-wales', 'scotland'], '2026-04-06'],
    // 3 Jul 2026 + 1 month = Mon 3 Aug 2026: Scotland's summer bank holiday (England's is 31 Aug).
    ["Scotland's summer bank holiday", '2026-07-03', ['scotland'], '2026-08-04'],
    [
      "Scotland's summer bank holiday is not one in England",
      '2026-07-03',
      ['england-and-wales'],
      '2026-08-03',
    ],
  ];
  it.each(cases)('%s', (_name, received, divisions, due) => {
    expect(computeDeadline(request(received, { divisions }), calendar).due).toBe(due);
  });

  const extendedCases: [string, string, readonly Division[], string][] = [
    // 31 Aug 2024 + 3 months = Sat 30 Nov 2024 (November is shorter); Mon 2 Dec is St Andrew's Day (substitute).
    ["extended onto St Andrew's Day substitute in Scotland", '2024-08-31', ['scotland'], '2024-12-03'],
    ['extended onto a weekend in England', '2024-08-31', ['england-and-wales'], '2024-12-02'],
    // 31 Aug 2025 + 3 months = Sun 30 Nov 2025; Mon 1 Dec is St Andrew's Day (substitute).
    ["extended onto St Andrew's Day (a Sunday) in Scotland", '2025-08-31', ['scotland'], '2025-12-02'],
    ['extended onto a Sunday in England', '2025-08-31', ['england-and-wales'], '2025-12-01'],
  ];
  it.each(extendedCases)('%s', (_name, received, divisions, due) => {
    expect(computeDeadline(request(received, { divisions, extended: true }), calendar).due).toBe(due);
  });

  it("refuses a deadline past the calendar's last year rather than computing it silently", () => {
    const error = refusal(() => computeDeadline(request('2028-12-01'), calendar));
    expect(error.code).toBe('holidays_out_of_range');
    expect(error.message).toContain('the holiday data must be updated');
    expect(error.message).toContain('custodian holidays import FILE');
  });

  it('refuses when rolling past a weekend would leave the calendar', () => {
    // 30 Nov 2028 + 1 month = Sat 30 Dec 2028; the Monday after is in 2029.
    expect(refusal(() => computeDeadline(request('2028-11-30'), calendar)).code).toBe(
      'holidays_out_of_range',
    );
  });
});

describe('month ends and leap years (England and Wales)', () => {
  it.each([
    // 2028 is a leap year: 31 Jan → Tue 29 Feb 2028.
    ['2028-01-31', '2028-02-29'],
    // 2023 is not: 31 Jan → Tue 28 Feb 2023.
    ['2023-01-31', '2023-02-28'],
    // 29 Jan 2023 → 29 does not exist in February 2023 either → Tue 28 Feb.
    ['2023-01-29', '2023-02-28'],
    // Received on leap day: 29 Mar 2024 is Good Friday, then the weekend, then Easter Monday → Tue 2 Apr.
    ['2024-02-29', '2024-04-02'],
    // 31 May 2025 → 30 Jun 2025 (June is shorter), a Monday.
    ['2025-05-31', '2025-06-30'],
    // Across the year end: 31 Dec 2025 → Sat 31 Jan 2026 → Mon 2 Feb.
    ['2025-12-31', '2026-02-02'],
  ])('received %s is due %s', (received, due) => {
    expect(computeDeadline(request(received), calendar).due).toBe(due);
  });

  it('says when the month is shorter', () => {
    expect(computeDeadline(request('2025-05-31'), calendar).explanation).toContain(
      '31 May 2025 + 1 month = 30 Jun 2025 (June is shorter)',
    );
  });

  it('keeps a leap day in Scotland, where 1 April 2024 is a working day', () => {
    expect(computeDeadline(request('2024-02-29', { divisions: ['scotland'] }), calendar).due).toBe(
      '2024-04-01',
    );
  });
});

describe('the start of the clock', () => {
  it('starts from the latest of receipt, identity, authority and fee', () => {
    const deadline = computeDeadline(
      request('2025-09-03', {
        identityReceived: '2025-09-10',
        authorityReceived: '2025-09-08',
        feeReceived: '2025-09-05',
      }),
      calendar,
    );
    expect(deadline.start).toBe('2025-09-10');
    expect(deadline.due).toBe('2025-10-10');
    expect(deadline.explanation[0]).toContain('identity information arrived');
  });
});

describe('clarification pauses', () => {
  const asked = { asked: '2020-11-16', answered: '2020-12-16' };

  it('counts answered − asked by default and one more day on the inclusive reading', () => {
    const inclusive = computeDeadline(request('2020-11-14', { clarifications: [asked] }), calendar, {
      pauseCounting: 'inclusive',
    });
    expect(inclusive.pausedDays).toBe(31);
    expect(inclusive.due).toBe('2021-01-14');
  });

  it('pauses nothing when asked and answered the same day', () => {
    const deadline = computeDeadline(
      request('2025-09-03', { clarifications: [{ asked: '2025-09-05', answered: '2025-09-05' }] }),
      calendar,
    );
    expect(deadline.pausedDays).toBe(0);
    expect(deadline.due).toBe('2025-10-03');
  });

  it('adds the pause to the extension-notice window, which is not moved to a working day', () => {
    const deadline = computeDeadline(request('2020-11-14', { clarifications: [asked] }), calendar);
    expect(deadline.extensionNoticeBy).toBe('2021-01-13');
    // Sat 28 Feb 2026 stays: tell the person within the month itself.
    expect(computeDeadline(request('2026-01-31'), calendar).extensionNoticeBy).toBe('2026-02-28');
  });

  it('adds pauses after an extension to the end of the three months', () => {
    // 3 Sep 2025 + 3 months = Wed 3 Dec; + 7 days = Wed 10 Dec 2025.
    const deadline = computeDeadline(
      request('2025-09-03', {
        extended: true,
        clarifications: [{ asked: '2025-09-10', answered: '2025-09-17' }],
      }),
      calendar,
    );
    expect(deadline.due).toBe('2025-12-10');
    expect(deadline.extensionNoticeBy).toBe('2025-10-10');
  });

  it('adds a pause to the notice window only when it began inside it', () => {
    // 3 Sep 2025 + 3 months = Wed 3 Dec; a pause asked 20 Oct (after the first month ended 3 Oct)
    // adds its 7 days to the response (Wed 10 Dec) but not to the extension-notice window.
    const deadline = computeDeadline(
      request('2025-09-03', {
        extended: true,
        clarifications: [{ asked: '2025-10-20', answered: '2025-10-27' }],
      }),
      calendar,
    );
    expect(deadline.due).toBe('2025-12-10');
    expect(deadline.extensionNoticeBy).toBe('2025-10-03');
  });

  it('does not let a clarification asked after the deadline passed stop the clock', () => {
    // 3 Sep 2025 was due Fri 3 Oct 2025; asking on 6 Oct cannot reopen it.
    const deadline = computeDeadline(
      request('2025-09-03', { clarifications: [{ asked: '2025-10-06', answered: '2025-10-08' }] }),
      calendar,
    );
    expect(deadline.due).toBe('2025-10-03');
    expect(deadline.pausedDays).toBe(0);
    expect(deadline.explanation.join('\n')).toContain('does not stop the clock');
  });

  it('refuses two pauses sharing a day on the inclusive reading, where that day would count twice', () => {
    const input = request('2026-02-10', {
      clarifications: [
        { asked: '2026-02-12', answered: '2026-02-15' },
        { asked: '2026-02-15', answered: '2026-02-18' },
      ],
    });
    // 10 Feb 2026 + 1 month = Tue 10 Mar; + 3 + 3 days = Mon 16 Mar 2026.
    expect(computeDeadline(input, calendar).due).toBe('2026-03-16');
    const error = refusal(() => computeDeadline(input, calendar, { pauseCounting: 'inclusive' }));
    expect(error.problems[0]?.where).toBe('clarifications[1].asked');
  });

  it('counts an unanswered pause up to today when today is given', () => {
    const open = request('2020-11-14', { clarifications: [{ asked: '2020-11-16' }], today: '2020-12-01' });
    // 16 Nov to 1 Dec 2020 is 15 days: 14 Dec + 15 = Tue 29 Dec 2020 (after the Christmas holidays).
    const deadline = computeDeadline(open, calendar);
    expect(deadline).toMatchObject({ paused: true, pausedDays: 15, due: '2020-12-29' });
    expect(deadline.explanation.join('\n')).toContain('The clock is stopped');
    // Inclusive: 16 days, Wed 30 Dec.
    expect(computeDeadline(open, calendar, { pauseCounting: 'inclusive' }).due).toBe('2020-12-30');
    expect(
      refusal(() => computeDeadline({ ...open, today: '2020-11-15' }, calendar)).problems[0]?.where,
    ).toBe('clarifications[0].asked');
  });

  it('while unanswered, says the clock is stopped and leaves the open pause out of the date', () => {
    const deadline = computeDeadline(
      request('2020-11-14', { clarifications: [{ asked: '2020-11-16' }] }),
      calendar,
    );
    expect(deadline.paused).toBe(true);
    expect(deadline.due).toBe('2020-12-14');
    expect(deadline.explanation.join('\n')).toContain('The clock is stopped');
  });
});

describe('bad input is refused, naming the field', () => {
  it.each([
    ['an impossible date', request('2026-02-31'), 'received'],
    [
      'identity before receipt',
      request('2026-02-10', { identityReceived: '2026-02-01' }),
      'identityReceived',
    ],
    [
      'an answer before its question',
      request('2026-02-10', { clarifications: [{ asked: '2026-02-12', answered: '2026-02-11' }] }),
      'clarifications[0].answered',
    ],
    [
      'a clarification on a request without the access right',
      request('2026-02-10', {
        rights: ['erasure'],
        clarifications: [{ asked: '2026-02-12', answered: '2026-02-13' }],
      }),
      'clarifications',
    ],
    [
      'overlapping pauses',
      request('2026-02-10', {
        clarifications: [
          { asked: '2026-02-12', answered: '2026-02-20' },
          { asked: '2026-02-15', answered: '2026-02-22' },
        ],
      }),
      'clarifications[1].asked',
    ],
  ] as const)('%s', (_name, input, where) => {
    const error = refusal(() => computeDeadline(input, calendar));
    expect(error.code).toBe('invalid_input');
    expect(error.problems[0]?.where).toBe(where);
  });
});

describe('extensions', () => {
  it('accepts one told on the last day of the first month', () => {
    expect(() => {
      validateExtension({ ...request('2026-01-31'), toldOn: '2026-02-28', reason: 'complexity' }, calendar);
    }).not.toThrow();
  });

  it('refuses one told after the first month ended', () => {
    const error = refusal(() => {
      validateExtension(
        { ...request('2026-01-31'), toldOn: '2026-03-01', reason: 'number-of-requests' },
        calendar,
      );
    });
    expect(error.code).toBe('invalid_transition');
    expect(error.message).toContain('Sat 28 Feb 2026');
  });

  it('accepts one told while the clock is stopped for a clarification', () => {
    // Received Mon 5 Jan 2026; the first month ends Thu 5 Feb. Asked 20 Jan and still unanswered on
    // 20 Feb: 31 days stopped by then, so the window runs to 8 Mar.
    const open = request('2026-01-05', { clarifications: [{ asked: '2026-01-20' }] });
    expect(() => {
      validateExtension({ ...open, toldOn: '2026-02-20', reason: 'complexity' }, calendar);
    }).not.toThrow();
    // Answered 25 Jan instead: 5 days, so the window closed Tue 10 Feb.
    const answered = request('2026-01-05', {
      clarifications: [{ asked: '2026-01-20', answered: '2026-01-25' }],
    });
    const late = refusal(() => {
      validateExtension({ ...answered, toldOn: '2026-02-20', reason: 'complexity' }, calendar);
    });
    expect(late.code).toBe('invalid_transition');
    expect(late.message).toContain('Tue 10 Feb 2026');
  });

  it('refuses one without a lawful reason', () => {
    const error = refusal(() => {
      validateExtension(
        // As a caller outside TypeScript might send it.
        { ...request('2026-01-31'), toldOn: '2026-02-02', reason: 'workload' as 'complexity' },
        calendar,
      );
    });
    expect(error.problems[0]?.where).toBe('reason');
  });

  it('allows the days of a pause in the notice window', () => {
    const input = {
      ...request('2020-11-14', { clarifications: [{ asked: '2020-11-16', answered: '2020-12-16' }] }),
    };
    expect(() => {
      validateExtension({ ...input, toldOn: '2021-01-13', reason: 'complexity' }, calendar);
    }).not.toThrow();
    const late = refusal(() => {
      validateExtension({ ...input, toldOn: '2021-01-14', reason: 'complexity' }, calendar);
    });
    expect(late.code).toBe('invalid_transition');
  });
});

describe("the organisation's own target", () => {
  it.each([
    // 1 Dec 2025 + 30 days = Wed 31 Dec 2025.
    ['2025-12-01', 30, 'calendar', '2025-12-31'],
    // 5 Dec 2025 + 30 days = Sun 4 Jan 2026 → Mon 5 Jan.
    ['2025-12-05', 30, 'calendar', '2026-01-05'],
    // Working days after Mon 1 Dec 2025: 2-5 Dec (4), 8-12 (9), 15-19 (14), 22-24 (17), then 25 and
    // 26 Dec are bank holidays, so 29, 30, 31 Dec are the 18th to 20th: Wed 31 Dec.
    ['2025-12-01', 20, 'working', '2025-12-31'],
  ] as const)('from %s, %i %s days is %s', (start, days, kind, due) => {
    expect(organisationTarget(start, { days, kind }, calendar, ['england-and-wales'])).toBe(due);
  });
});

describe('complaint acknowledgements (DPA 2018 s.164A)', () => {
  it.each([
    // 30 days beginning 20 Jun 2026 end Sun 19 Jul → Mon 20 Jul.
    ['2026-06-19', '2026-07-20'],
    // Fri 25 Dec 2026, the weekend, Mon 28 Dec (Boxing Day substitute) → Tue 29 Dec.
    ['2026-11-25', '2026-12-29'],
    ['2026-07-01', '2026-07-31'],
  ])('received %s is acknowledged by %s', (received, due) => {
    expect(complaintAcknowledgementDue(received, ['england-and-wales'], calendar).due).toBe(due);
  });

  it("rolls past Scotland's own holidays", () => {
    // Day 30 after 31 Oct 2026 is Mon 30 Nov 2026, St Andrew's Day in Scotland.
    expect(complaintAcknowledgementDue('2026-10-31', ['scotland'], calendar).due).toBe('2026-12-01');
    expect(complaintAcknowledgementDue('2026-10-31', ['england-and-wales'], calendar).due).toBe('2026-11-30');
  });

  it('says when the duty was not yet in force', () => {
    expect(complaintAcknowledgementDue('2026-06-18', ['england-and-wales'], calendar).explanation).toContain(
      'The duty applies from Fri 19 Jun 2026; this date is good practice only',
    );
    expect(
      complaintAcknowledgementDue('2026-06-19', ['england-and-wales'], calendar).explanation.join('\n'),
    ).not.toContain('good practice');
  });
});
