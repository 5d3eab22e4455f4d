import type { Command } from 'commander';
import { openStore } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { invalidInput } from '../errors/app-error.ts';
import { buildApp } from '../http/app.ts';
import { startDailyScheduler } from '../jobs/daily-scheduler.ts';
import { publicSubmissionPurgeJob } from '../public-requests/purge-job.ts';
import { rightsRequestReminderJob } from '../rights-requests/reminder-job.ts';
import { createServices } from '../services.ts';
import type { CliContext } from './context.ts';

export function registerServeCommand(program: Command, context: CliContext): void {
  program
    .command('serve')
    .description('Migrate the store, load the example organisation if it is empty, and serve HTTP')
    .option('--port <port>', 'port to listen on (default: PORT or 3000)')
    .option('--host <host>', 'address to listen on (default: HOST or 127.0.0.1)')
    .action(async (options: { port?: string; host?: string }) => {
      const port = options.port === undefined ? undefined : Number(options.port);
      if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
        throw invalidInput('--port', `"${options.port ?? ''}" is not a port number (0 to 65535)`);
      }
      const config = context.config({
        ...(port === undefined ? {} : { port }),
        ...(options.host ? { host: options.host } : {}),
      });
      const store = await openStore(config);
      await migrateToLatest(store.db);
      const services = createServices({ config, store, now: context.now });
      const seeded = await services.register.importExampleIfEmpty(config.exampleRegisterDir);
      if (seeded.imported) {
        // A first start should show a working privacy centre: the example's notices are published too.
        for (const notice of await services.notices.list())
          await services.notices.publish(notice.audienceId, 'system');
        context.out(
          `The store was empty: loaded the example organisation from ${config.exampleRegisterDir} and published its privacy notices\n`,
        );
      }
      const firstAdministrator = await services.users.ensureFirstAdministrator();
      if (firstAdministrator)
        context.out(
          `There were no staff accounts, so one administrator was created. Sign in at /console/sign-in as\n` +
            `  email:    ${firstAdministrator.email}\n  password: ${firstAdministrator.password}\n` +
            `This password is shown only once. Add your own accounts with "custodian users add".\n`,
        );
      const app = await buildApp(services);
      const address = await app.listen({ port: config.port, host: config.host });
      context.out(`Custodian is serving on ${address} (store: ${store.dialect} at ${store.location})\n`);
      // Once a day: reminders of requests due soon and overdue, and deleting expired unconfirmed public
      // submissions. Both jobs are idempotent, so every instance may run them.
      const jobs = [
        rightsRequestReminderJob(services.rightsRequests),
        publicSubmissionPurgeJob(services.publicRequests),
        { name: 'expired-sessions', run: () => services.sessions.purgeExpired() },
      ];
      const scheduler = startDailyScheduler(jobs, {
        at: '07:00',
        now: context.now,
        onError: (job, error) => {
          app.log.error({ err: error }, `daily job ${job} failed`);
        },
      });
      await new Promise<void>((resolve) => {
        const stop = () => {
          resolve();
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await scheduler.stop();
      await app.close();
      await store.close();
    });
}
