import { describe, expect, it } from 'vitest';
import { startDailyScheduler, ukDayAndTime } from './daily-scheduler.ts';

describe('the daily scheduler', () => {
  it('runs each job once a day, after the given UK time', async () => {
    let instant = new Date('2026-03-02T06:30:00Z');
    const runs: string[] = [];
    const scheduler = startDailyScheduler(
      [{ name: 'count', run: (today) => Promise.resolve(runs.push(today)) }],
      {
        at: '07:00',
        now: () => instant,
        onError: () => undefined,
        checkEveryMs: 3_600_000,
      },
    );
    try {
      await scheduler.tick();
      expect(runs).toEqual([]);
      instant = new Date('2026-03-02T07:00:00Z');
      await scheduler.tick();
      await scheduler.tick();
      expect(runs).toEqual(['2026-03-02']);
      instant = new Date('2026-03-03T23:59:00Z');
      await scheduler.tick();
      expect(runs).toEqual(['2026-03-02', '2026-03-03']);
    } finally {
      await scheduler.stop();
    }
  });

  it('keeps running the other jobs when one fails, and reports the failure', async () => {
    const failures: string[] = [];
    const runs: string[] = [];
    const scheduler = startDailyScheduler(
      [
        { name: 'broken', run: () => Promise.reject(new Error('no store')) },
        { name: 'fine', run: (today) => Promise.resolve(runs.push(today)) },
      ],
      {
        at: '00:00',
        now: () => new Date('2026-07-01T12:00:00Z'),
        onError: (job) => failures.push(job),
        checkEveryMs: 3_600_000,
      },
    );
    await scheduler.tick();
    await scheduler.stop();
    expect(failures).toEqual(['broken']);
    expect(runs).toEqual(['2026-07-01']);
  });

  it('reads the day and time in the UK, in summer time too', () => {
    expect(ukDayAndTime(new Date('2026-07-01T23:30:00Z'))).toEqual({ day: '2026-07-02', time: '00:30' });
    expect(ukDayAndTime(new Date('2026-01-01T23:30:00Z'))).toEqual({ day: '2026-01-01', time: '23:30' });
  });

  it('refuses a time of day it cannot read', () => {
    expect(() =>
      startDailyScheduler([], { at: '7am', now: () => new Date(), onError: () => undefined }),
    ).toThrow(/HH:MM/);
  });
});
