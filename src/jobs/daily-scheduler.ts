/**
 * A small in-process scheduler for jobs that run once a day. Each job must be idempotent: it runs
 * when the scheduler starts (if the day's time has passed) and again on each later day, and
 * several instances may run it against one store.
 *
 * @example
 * const scheduler = startDailyScheduler([rightsRequestReminderJob(services.rightsRequests)], {
 *   at: '07:00', now: () => new Date(), onError: (job, error) => log.error({ err: error }, job),
 * });
 * // on shutdown:
 * await scheduler.stop();
 */
export interface DailyJob {
  readonly name: string;
  /** Runs the job for `today` (`YYYY-MM-DD`, UK time). */
  run(today: string): Promise<unknown>;
}

export interface DailySchedulerOptions {
  /** The UK time of day (`HH:MM`, Europe/London) after which each day's run happens. */
  readonly at: string;
  readonly now: () => Date;
  readonly onError: (jobName: string, error: unknown) => void;
  /** How often to look at the clock; a minute unless a test says otherwise. */
  readonly checkEveryMs?: number;
}

export interface DailyScheduler {
  /** Runs whatever is due now; the timer calls this, and tests may too. */
  tick(): Promise<void>;
  /** Stops the timer and waits for a run in progress to finish. */
  stop(): Promise<void>;
}

export function startDailyScheduler(
  jobs: readonly DailyJob[],
  options: DailySchedulerOptions,
): DailyScheduler {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(options.at))
    throw new Error(`"${options.at}" is not a time as HH:MM`);
  let lastRunDay: string | undefined;
  let running: Promise<void> | undefined;

  async function runAll(today: string): Promise<void> {
    for (const job of jobs) {
      try {
        await job.run(today);
      } catch (error) {
        options.onError(job.name, error);
      }
    }
  }

  function tick(): Promise<void> {
    if (running) return running;
    const { day, time } = ukDayAndTime(options.now());
    if (day === lastRunDay || time < options.at) return Promise.resolve();
    lastRunDay = day;
    running = runAll(day).finally(() => {
      running = undefined;
    });
    return running;
  }

  const timer = setInterval(() => void tick(), options.checkEveryMs ?? 60_000);
  // The scheduler never keeps the process alive on its own.
  timer.unref();
  void tick();

  return {
    tick,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

/** The day and time of day in the UK, whatever the server's own time zone. */
export function ukDayAndTime(instant: Date): { day: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    day: `${part('year')}-${part('month')}-${part('day')}`,
    time: `${part('hour')}:${part('minute')}`,
  };
}
