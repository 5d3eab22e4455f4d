import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.ts';
import type { Right } from '../register/lawful-bases.ts';
import type { RequestEvent } from './request-event.ts';
import {
  applyEvent,
  initialState,
  outcomeOf,
  projectState,
  statusOf,
  type RequestState,
} from './request-state.ts';

const RECEIVED = '2026-01-31';

function stateAfter(
  events: readonly RequestEvent[],
  options: { rights?: Right[]; hasRepresentative?: boolean } = {},
): RequestState {
  return projectState(
    {
      receivedOn: RECEIVED,
      rights: options.rights ?? ['access'],
      hasRepresentative: options.hasRepresentative ?? false,
    },
    [{ type: 'received', date: RECEIVED }, ...events],
  );
}

function refusal(run: () => unknown): { code: string; message: string; where?: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError)
      return { code: error.code, message: error.message, where: error.problems[0]?.where };
    throw error;
  }
  throw new Error('expected the event to be refused');
}

const comply = { type: 'decision', date: '2026-02-20', outcome: 'comply' } as const;
const sent = { type: 'response-sent', date: '2026-02-21' } as const;

describe('transitions that are allowed', () => {
  const cases: {
    name: string;
    events: RequestEvent[];
    rights?: Right[];
    hasRepresentative?: boolean;
    status: string;
  }[] = [
    { name: 'a request just received', events: [], status: 'in-progress' },
    {
      name: 'identity asked for and awaited',
      events: [{ type: 'identity-requested', date: '2026-02-02' }],
      status: 'awaiting-requester',
    },
    {
      name: 'identity asked for and received the same day',
      events: [
        { type: 'identity-requested', date: '2026-02-02' },
        { type: 'identity-received', date: '2026-02-02' },
      ],
      status: 'in-progress',
    },
    {
      name: "a representative's authority checked",
      hasRepresentative: true,
      events: [
        { type: 'authority-requested', date: '2026-02-01' },
        { type: 'authority-received', date: '2026-02-05' },
      ],
      status: 'in-progress',
    },
    {
      name: 'a fee for a manifestly excessive request, paid',
      events: [
        { type: 'fee-requested', date: '2026-02-03', reason: 'manifestly-excessive', amountPence: 2500 },
        { type: 'fee-received', date: '2026-02-09' },
      ],
      status: 'in-progress',
    },
    {
      name: 'two clarifications in turn',
      events: [
        { type: 'clarification-asked', date: '2026-02-03', question: 'Which years?' },
        { type: 'clarification-answered', date: '2026-02-06' },
        { type: 'clarification-asked', date: '2026-02-06', question: 'Which office?' },
      ],
      status: 'awaiting-requester',
    },
    {
      name: 'an extension while a clarification is open',
      events: [
        { type: 'clarification-asked', date: '2026-02-03', question: 'Which years?' },
        { type: 'extended', date: '2026-02-04', reason: 'complexity', detail: 'Records in five systems.' },
      ],
      status: 'awaiting-requester',
    },
    {
      name: 'tasks opened and done, then decided, sent and closed',
      events: [
        {
          type: 'task-opened',
          date: '2026-02-02',
          taskId: 1,
          kind: 'search-system',
          assignee: 'ann',
          dueOn: '2026-02-10',
        },
        { type: 'task-done', date: '2026-02-09', taskId: 1 },
        comply,
        sent,
        { type: 'closed', date: '2026-02-21' },
      ],
      status: 'closed',
    },
    {
      name: 'refused and closed without a response recorded',
      events: [
        {
          type: 'decision',
          date: '2026-02-10',
          outcome: 'refuse',
          grounds: [{ ground: 'manifestly-unfounded' }],
          reasons: 'The request is intended to cause disruption.',
        },
        { type: 'closed', date: '2026-02-10' },
      ],
      status: 'closed',
    },
    {
      name: 'refused while identity is awaited, because it never came',
      events: [
        { type: 'identity-requested', date: '2026-02-02' },
        {
          type: 'decision',
          date: '2026-03-20',
          outcome: 'refuse',
          grounds: [{ ground: 'identity-not-confirmed' }],
          reasons: 'We asked for proof of identity on 2 February and have not received it.',
        },
      ],
      status: 'decided',
    },
    {
      name: 'withdrawn before any decision',
      events: [{ type: 'closed', date: '2026-02-05', reason: 'withdrawn' }],
      status: 'closed',
    },
    {
      name: 'a note after closing',
      events: [
        { type: 'closed', date: '2026-02-05', reason: 'withdrawn' },
        { type: 'note', date: '2026-02-07', text: 'The person phoned to thank us.' },
      ],
      status: 'closed',
    },
    {
      name: 'a note dated earlier than the event before it',
      events: [comply, { type: 'note', date: '2026-02-01', text: 'Phoned on the 1st.' }],
      status: 'decided',
    },
  ];

  it.each(cases)('$name → $status', ({ events, rights, hasRepresentative, status }) => {
    expect(statusOf(stateAfter(events, { rights, hasRepresentative }))).toBe(status);
  });

  it('keeps what each event says in the state', () => {
    const state = stateAfter([
      { type: 'identity-requested', date: '2026-02-02' },
      { type: 'identity-received', date: '2026-02-09' },
      { type: 'fee-requested', date: '2026-02-10', reason: 'further-copies', amountPence: 1000 },
      { type: 'fee-received', date: '2026-02-11' },
      { type: 'clarification-asked', date: '2026-02-12', question: 'Which years?' },
      { type: 'clarification-answered', date: '2026-02-14' },
      { type: 'extended', date: '2026-02-20', reason: 'number-of-requests', detail: 'Your four requests.' },
    ]);
    expect(state.identity).toEqual({ requestedOn: '2026-02-02', receivedOn: '2026-02-09' });
    expect(state.fee).toEqual({
      requestedOn: '2026-02-10',
      receivedOn: '2026-02-11',
      reason: 'further-copies',
      amountPence: 1000,
    });
    expect(state.clarifications).toEqual([
      { askedOn: '2026-02-12', answeredOn: '2026-02-14', question: 'Which years?' },
    ]);
    expect(state.extension).toEqual({
      toldOn: '2026-02-20',
      reason: 'number-of-requests',
      detail: 'Your four requests.',
    });
    expect(state.latestOn).toBe('2026-02-20');
  });

  it('reports the outcome of decided and withdrawn requests', () => {
    expect(outcomeOf(stateAfter([]))).toBe('undecided');
    expect(outcomeOf(stateAfter([comply]))).toBe('comply');
    expect(outcomeOf(stateAfter([{ type: 'closed', date: '2026-02-02', reason: 'withdrawn' }]))).toBe(
      'withdrawn',
    );
  });

  it('leaves the state it was given unchanged', () => {
    const before = initialState({ receivedOn: RECEIVED, rights: ['access'], hasRepresentative: false });
    const copy = structuredClone(before);
    applyEvent(before, { type: 'identity-requested', date: '2026-02-02' });
    expect(before).toEqual(copy);
  });
});

describe('transitions that make no sense are refused with the reason', () => {
  const refused: {
    name: string;
    before?: RequestEvent[];
    event: RequestEvent;
    rights?: Right[];
    hasRepresentative?: boolean;
    message: RegExp;
  }[] = [
    {
      name: 'a second received event',
      event: { type: 'received', date: RECEIVED },
      message: /received once/,
    },
    {
      name: 'identity received before it was asked for',
      event: { type: 'identity-received', date: '2026-02-02' },
      message: /never asked for/,
    },
    {
      name: 'identity asked for twice while awaited',
      before: [{ type: 'identity-requested', date: '2026-02-02' }],
      event: { type: 'identity-requested', date: '2026-02-03' },
      message: /already asked for on 2026-02-02/,
    },
    {
      name: 'identity asked for after it was received',
      before: [
        { type: 'identity-requested', date: '2026-02-02' },
        { type: 'identity-received', date: '2026-02-03' },
      ],
      event: { type: 'identity-requested', date: '2026-02-04' },
      message: /already received on 2026-02-03/,
    },
    {
      name: 'identity asked for after the decision',
      before: [comply],
      event: { type: 'identity-requested', date: '2026-02-21' },
      message: /decided on 2026-02-20/,
    },
    {
      name: 'authority asked of a person who asked themselves',
      event: { type: 'authority-requested', date: '2026-02-02' },
      message: /no representative/,
    },
    {
      name: 'authority received that was never asked for',
      hasRepresentative: true,
      event: { type: 'authority-received', date: '2026-02-02' },
      message: /never asked for/,
    },
    {
      name: 'a fee paid that was never asked for',
      event: { type: 'fee-received', date: '2026-02-02' },
      message: /never asked for/,
    },
    {
      name: 'a second fee while the first is awaited',
      before: [
        { type: 'fee-requested', date: '2026-02-02', reason: 'manifestly-excessive', amountPence: 2000 },
      ],
      event: { type: 'fee-requested', date: '2026-02-03', reason: 'manifestly-excessive', amountPence: 2000 },
      message: /already asked for/,
    },
    {
      name: 'a clarification of a request that is not for access',
      rights: ['erasure'],
      event: { type: 'clarification-asked', date: '2026-02-02', question: 'Which records?' },
      message: /Only an access request/,
    },
    {
      name: 'an answer with no open question',
      event: { type: 'clarification-answered', date: '2026-02-02' },
      message: /no clarification waiting/,
    },
    {
      name: 'a second question while one is open',
      before: [{ type: 'clarification-asked', date: '2026-02-02', question: 'Which years?' }],
      event: { type: 'clarification-asked', date: '2026-02-03', question: 'Which office?' },
      message: /has not been answered/,
    },
    {
      name: 'a clarification after the decision',
      before: [comply],
      event: { type: 'clarification-asked', date: '2026-02-21', question: 'Which years?' },
      message: /decided on/,
    },
    {
      name: 'extending twice',
      before: [{ type: 'extended', date: '2026-02-02', reason: 'complexity', detail: 'Many systems.' }],
      event: { type: 'extended', date: '2026-02-03', reason: 'number-of-requests', detail: 'Many requests.' },
      message: /only once/,
    },
    {
      name: 'extending a request already decided',
      before: [comply],
      event: { type: 'extended', date: '2026-02-21', reason: 'complexity', detail: 'Many systems.' },
      message: /before the decision/,
    },
    {
      name: 'extending before the clock has started',
      before: [{ type: 'identity-requested', date: '2026-02-02' }],
      event: { type: 'extended', date: '2026-02-03', reason: 'complexity', detail: 'Many systems.' },
      message: /has not started \(waiting for identity\)/,
    },
    {
      name: 'deciding twice',
      before: [comply],
      event: { ...comply, date: '2026-02-22' },
      message: /already decided on 2026-02-20 \(comply\)/,
    },
    {
      name: 'complying while identity is awaited',
      before: [{ type: 'identity-requested', date: '2026-02-02' }],
      event: comply,
      message: /Cannot comply while waiting for identity/,
    },
    {
      name: 'refusing for unconfirmed identity that was never asked for',
      event: {
        type: 'decision',
        date: '2026-02-10',
        outcome: 'refuse',
        grounds: [{ ground: 'identity-not-confirmed' }],
        reasons: 'We do not know who you are.',
      },
      message: /Identity was never asked for/,
    },
    { name: 'a response before the decision', event: sent, message: /no decision to send/ },
    {
      name: 'sending the response twice',
      before: [comply, sent],
      event: { ...sent, date: '2026-02-22' },
      message: /already sent on 2026-02-21/,
    },
    {
      name: 'closing before a response',
      before: [comply],
      event: { type: 'closed', date: '2026-02-22' },
      message: /No response has been sent/,
    },
    {
      name: 'closing with a task still open',
      before: [
        {
          type: 'task-opened',
          date: '2026-02-02',
          taskId: 7,
          kind: 'redact',
          assignee: 'bo',
          dueOn: '2026-02-12',
        },
        comply,
        sent,
      ],
      event: { type: 'closed', date: '2026-02-22' },
      message: /Task 7 \(redact, bo\) is still open/,
    },
    {
      name: 'withdrawing a request already answered',
      before: [comply, sent],
      event: { type: 'closed', date: '2026-02-22', reason: 'withdrawn' },
      message: /closed as completed/,
    },
    {
      name: 'anything but a note after closing',
      before: [{ type: 'closed', date: '2026-02-05', reason: 'withdrawn' }],
      event: { type: 'identity-requested', date: '2026-02-06' },
      message: /closed on 2026-02-05; only notes/,
    },
    {
      name: 'completing a task that does not exist',
      event: { type: 'task-done', date: '2026-02-06', taskId: 3 },
      message: /no task 3/,
    },
    {
      name: 'completing a task twice',
      before: [
        {
          type: 'task-opened',
          date: '2026-02-02',
          taskId: 3,
          kind: 'review',
          assignee: 'cy',
          dueOn: '2026-02-12',
        },
        { type: 'task-done', date: '2026-02-03', taskId: 3 },
      ],
      event: { type: 'task-done', date: '2026-02-04', taskId: 3 },
      message: /already done on 2026-02-03/,
    },
  ];

  it.each(refused)('$name', ({ before = [], event, rights, hasRepresentative, message }) => {
    const state = stateAfter(before, { rights, hasRepresentative });
    const error = refusal(() => applyEvent(state, event));
    expect(error.code).toBe('invalid_transition');
    expect(error.message).toMatch(message);
  });
});

describe('bad input is refused naming the field', () => {
  const bad: {
    name: string;
    before?: RequestEvent[];
    event: RequestEvent;
    rights?: Right[];
    where: string;
    message: RegExp;
  }[] = [
    {
      name: 'an event dated before the request was received',
      event: { type: 'note', date: '2026-01-30', text: 'Too early.' },
      where: 'date',
      message: /before the day the request was received \(2026-01-31\)/,
    },
    {
      name: 'an answer before its question',
      before: [{ type: 'clarification-asked', date: '2026-02-10', question: 'Which years?' }],
      event: { type: 'clarification-answered', date: '2026-02-09' },
      where: 'date',
      message: /before the question was asked \(2026-02-10\)/,
    },
    {
      name: 'identity received before it was asked for',
      before: [{ type: 'identity-requested', date: '2026-02-10' }],
      event: { type: 'identity-received', date: '2026-02-05' },
      where: 'date',
      message: /before the day identity was asked for/,
    },
    {
      name: 'a second question dated before the first was answered',
      before: [
        { type: 'clarification-asked', date: '2026-02-03', question: 'Which years?' },
        { type: 'clarification-answered', date: '2026-02-08' },
      ],
      event: { type: 'clarification-asked', date: '2026-02-07', question: 'Which office?' },
      where: 'date',
      message: /before the answer to the previous clarification/,
    },
    {
      name: 'a response dated before its decision',
      before: [comply],
      event: { type: 'response-sent', date: '2026-02-19' },
      where: 'date',
      message: /before the decision/,
    },
    {
      name: 'closing dated before the latest event',
      before: [comply, sent],
      event: { type: 'closed', date: '2026-02-20' },
      where: 'date',
      message: /before the latest event/,
    },
    {
      name: 'a decision to comply dated before identity arrived',
      before: [
        { type: 'identity-requested', date: '2026-02-02' },
        { type: 'identity-received', date: '2026-02-25' },
      ],
      event: comply,
      where: 'date',
      message: /before identity was received/,
    },
    {
      name: 'a refusal without grounds',
      event: { type: 'decision', date: '2026-02-10', outcome: 'refuse', reasons: 'Because.' },
      where: 'grounds',
      message: /at least one ground/,
    },
    {
      name: 'a refusal without reasons',
      event: {
        type: 'decision',
        date: '2026-02-10',
        outcome: 'refuse',
        grounds: [{ ground: 'manifestly-excessive' }],
      },
      where: 'reasons',
      message: /reasons/,
    },
    {
      name: 'an exemption not named',
      event: {
        type: 'decision',
        date: '2026-02-10',
        outcome: 'comply-in-part',
        grounds: [{ ground: 'exemption' }],
        reasons: 'Some of it is about other people.',
      },
      where: 'grounds.0.exemption',
      message: /name the exemption/,
    },
    {
      name: 'grounds on a decision to comply',
      event: { ...comply, grounds: [{ ground: 'manifestly-excessive' }] },
      where: 'grounds',
      message: /no grounds/,
    },
    {
      name: 'a fee for further copies on a request not for access',
      rights: ['erasure'],
      event: { type: 'fee-requested', date: '2026-02-02', reason: 'further-copies', amountPence: 500 },
      where: 'reason',
      message: /access request/,
    },
    {
      name: 'a task due before it was opened',
      event: {
        type: 'task-opened',
        date: '2026-02-05',
        taskId: 1,
        kind: 'send',
        assignee: 'di',
        dueOn: '2026-02-04',
      },
      where: 'dueOn',
      message: /before the task was opened/,
    },
  ];

  it.each(bad)('$name', ({ before = [], event, rights, where, message }) => {
    const state = stateAfter(before, { rights });
    const error = refusal(() => applyEvent(state, event));
    expect(error.code).toBe('invalid_input');
    expect(error.where).toBe(where);
    expect(error.message).toMatch(message);
  });
});
