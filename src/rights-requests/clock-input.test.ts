import { describe, expect, it } from 'vitest';
import type { Right } from '../register/lawful-bases.ts';
import { projectClock } from './clock-input.ts';
import type { RequestEvent } from './request-event.ts';
import { projectState } from './request-state.ts';

function clockAfter(events: RequestEvent[], rights: Right[] = ['access'], hasRepresentative = false) {
  const state = projectState({ receivedOn: '2026-01-31', rights, hasRepresentative }, [
    { type: 'received', date: '2026-01-31' },
    ...events,
  ]);
  return projectClock(state, ['scotland']);
}

describe("a request's events as the clock's input", () => {
  it('gives the day received, the rights and the divisions for a new request', () => {
    expect(clockAfter([], ['access', 'erasure'])).toStrictEqual({
      started: true,
      input: {
        rights: ['access', 'erasure'],
        received: '2026-01-31',
        clarifications: [],
        extended: false,
        divisions: ['scotland'],
      },
    });
  });

  it('has no input while identity, authority or a fee is awaited', () => {
    expect(
      clockAfter(
        [
          { type: 'identity-requested', date: '2026-02-01' },
          { type: 'authority-requested', date: '2026-02-01' },
          { type: 'fee-requested', date: '2026-02-01', reason: 'manifestly-excessive', amountPence: 1500 },
        ],
        ['access'],
        true,
      ),
    ).toEqual({ started: false, waitingFor: ['identity', 'authority', 'fee'] });
  });

  it('gives the days identity, authority and the fee arrived, the pauses and the extension', () => {
    const clock = clockAfter(
      [
        { type: 'identity-requested', date: '2026-02-01' },
        { type: 'identity-received', date: '2026-02-03' },
        { type: 'authority-requested', date: '2026-02-01' },
        { type: 'authority-received', date: '2026-02-05' },
        { type: 'fee-requested', date: '2026-02-06', reason: 'manifestly-excessive', amountPence: 1500 },
        { type: 'fee-received', date: '2026-02-07' },
        { type: 'clarification-asked', date: '2026-02-10', question: 'Which years?' },
        { type: 'clarification-answered', date: '2026-02-12' },
        { type: 'clarification-asked', date: '2026-02-15', question: 'Which office?' },
        { type: 'extended', date: '2026-02-16', reason: 'complexity', detail: 'Many systems.' },
        { type: 'note', date: '2026-02-17', text: 'Chased by phone.' },
      ],
      ['access'],
      true,
    );
    expect(clock).toEqual({
      started: true,
      input: {
        rights: ['access'],
        received: '2026-01-31',
        identityReceived: '2026-02-03',
        authorityReceived: '2026-02-05',
        feeReceived: '2026-02-07',
        clarifications: [{ asked: '2026-02-10', answered: '2026-02-12' }, { asked: '2026-02-15' }],
        extended: true,
        divisions: ['scotland'],
      },
    });
  });

  it('counts only the part of a pause that falls after the clock started', () => {
    const clock = clockAfter([
      { type: 'identity-requested', date: '2026-02-01' },
      { type: 'clarification-asked', date: '2026-02-01', question: 'Which years?' },
      { type: 'clarification-answered', date: '2026-02-04' },
      { type: 'clarification-asked', date: '2026-02-05', question: 'Which office?' },
      { type: 'identity-received', date: '2026-02-06' },
      { type: 'clarification-answered', date: '2026-02-09' },
    ]);
    expect(clock.started && clock.input.clarifications).toEqual([
      { asked: '2026-02-06', answered: '2026-02-09' },
    ]);
  });
});
