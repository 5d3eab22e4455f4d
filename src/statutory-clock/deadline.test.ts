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
  ];
  it.each(cases)('%s', (_name, received, divisions, due) => {
    expect(computeDeadline(request(received, { divisions }), calendar).due).toBe(due);
  });

  it("refuses a deadline past the calendar's last year rather than computing it silently", () => {
    const error = refusal(() => computeDeadline(request('2028-12-01'), calendar));
    expect(error.code).toBe('holidays_out_of_range');
    expect(error.message).toContain('custodian holidays import FILE');
  });

  it('refuses when rolling past a weekend would leave the calendar', () => {
    // 30 Nov 2028 + 1 month = Sun 31 Dec 2028; the next day is in 2029.
    expect(refusal(() => computeDeadline(request('2028-11-30'), calendar)).code).toBe(
      'holidays_out_of_range',
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
});
