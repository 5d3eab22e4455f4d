import type { Command } from 'commander';
import type { CliContext } from '../cli/context.ts';
import { ROLES } from './roles.ts';
import type { User } from './user-service.ts';

const ACTOR = 'cli';

/** All of the process's standard input: `printf '%s' "$PASSWORD" | custodian users ... --password-stdin`. */
async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer | string));
  return Buffer.concat(chunks).toString('utf8');
}

/** The password piped in; one line ending (as `echo` adds) is not part of it. */
async function readPassword(context: CliContext): Promise<string> {
  const text = await (context.stdin ?? readProcessStdin)();
  return text.replace(/\r?\n$/, '');
}

function statusOf(user: User): string {
  if (user.disabled) return 'disabled';
  if (user.lockedUntil !== null) return `locked until ${user.lockedUntil}`;
  return 'enabled';
}

function listText(users: readonly User[]): string {
  if (users.length === 0) return 'No users.\n';
  const emailWidth = Math.max(...users.map((u) => u.email.length));
  const roleWidth = Math.max(...ROLES.map((r) => r.length));
  return users
    .map((u) => {
      const signedIn = u.lastSignedInAt === null ? 'never signed in' : `last signed in ${u.lastSignedInAt}`;
      return `${u.email.padEnd(emailWidth)}  ${u.role.padEnd(roleWidth)}  ${u.name}  (${statusOf(u)}, ${signedIn})\n`;
    })
    .join('');
}

export function registerUserCommands(program: Command, context: CliContext): void {
  const users = program.command('users').description('Staff accounts for the console, and their roles');

  users
    .command('add')
    .description(
      'Add a member of staff; without --password-stdin a strong password is generated and shown once',
    )
    .requiredOption('--email <email>', 'their email address, which they sign in with')
    .requiredOption('--name <name>', 'their name')
    .requiredOption('--role <role>', ROLES.join(', '))
    .option('--password-stdin', 'read their password from standard input')
    .action(async (options: { email: string; name: string; role: string; passwordStdin?: boolean }) => {
      const password = options.passwordStdin ? await readPassword(context) : undefined;
      const { user, generatedPassword } = await context.withServices((services) =>
        services.users.add({ email: options.email, name: options.name, role: options.role, password }, ACTOR),
      );
      context.out(`Added ${user.email} as ${user.role}.\n`);
      if (generatedPassword !== null) {
        context.out(`Password: ${generatedPassword}\n`);
        context.out('This is the only time it is shown: pass it on securely.\n');
      }
    });

  users
    .command('set-role')
    .description("Change a user's role (the last enabled administrator keeps theirs)")
    .argument('<email>', 'the user')
    .argument('<role>', ROLES.join(', '))
    .action(async (email: string, role: string) => {
      const user = await context.withServices(async (services) => {
        const changed = await services.users.setRole(email, role, ACTOR);
        await services.sessions.endAllFor(changed.id);
        return changed;
      });
      context.out(`${user.email} is now ${user.role}.\n`);
    });

  users
    .command('disable')
    .description('Stop a user signing in (the last enabled administrator cannot be disabled)')
    .argument('<email>', 'the user')
    .action(async (email: string) => {
      const user = await context.withServices(async (services) => {
        const changed = await services.users.disable(email, ACTOR);
        await services.sessions.endAllFor(changed.id);
        return changed;
      });
      context.out(`${user.email} is disabled.\n`);
    });

  users
    .command('enable')
    .description('Let a disabled user sign in again; ends a lock after too many wrong passwords')
    .argument('<email>', 'the user')
    .action(async (email: string) => {
      const user = await context.withServices((services) => services.users.enable(email, ACTOR));
      context.out(`${user.email} is enabled.\n`);
    });

  users
    .command('set-password')
    .description("Replace a user's password, read from standard input (never from the command line)")
    .argument('<email>', 'the user')
    .requiredOption('--password-stdin', 'read the new password from standard input')
    .action(async (email: string) => {
      const password = await readPassword(context);
      const user = await context.withServices(async (services) => {
        const changed = await services.users.setPassword(email, password, ACTOR);
        await services.sessions.endAllFor(changed.id);
        return changed;
      });
      context.out(`Changed the password of ${user.email}.\n`);
    });

  users
    .command('list')
    .description('Every account: email, role, name, whether it is enabled and when it last signed in')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) => {
      const list = await context.withServices((services) => services.users.list());
      context.out(options.json ? `${JSON.stringify(list, null, 2)}\n` : listText(list));
    });
}
