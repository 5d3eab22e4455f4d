import type { FastifyReply, FastifyRequest } from 'fastify';
import { isAppError, notFound, type AppError, type Problem } from '../errors/app-error.ts';
import type { ApiApp } from '../http/types.ts';
import type { Services } from '../services.ts';
import { generatePassword } from '../users/password-rules.ts';
import { ROLE_LABELS, ROLES, type Role } from '../users/roles.ts';
import type { User } from '../users/user-service.ts';
import { formErrors, NO_ERRORS, type FormErrors } from '../web/form-errors.ts';
import { requireCapability, setFlash } from '../web/web-plugin.ts';
import { field, formBody, idParam, staffActor } from './page-support.ts';

const VIEWS = 'console-register/views';
export const USER_PAGES = {
  list: `${VIEWS}/users.njk`,
  add: `${VIEWS}/user-add.njk`,
  user: `${VIEWS}/user.njk`,
  password: `${VIEWS}/user-password.njk`,
} as const;

/** What each role is for, beside its name on the forms (the table is in `src/users/README.md`). */
export const ROLE_HINTS: Record<Role, string> = {
  administrator: 'Runs Custodian and manages accounts. May do everything except approve an erasure.',
  dpo: 'May do everything except manage accounts, and is the only role that approves an erasure.',
  caseworker: 'Works requests, and reads the register, the reports and the mail sent.',
  'system-owner': 'Looks after connected systems, and reads the requests whose tasks are assigned to them.',
  auditor: 'Reads everything and verifies the audit trail, but changes nothing.',
};

const canManage = requireCapability('users.manage');
const userParams = idParam('User');

/**
 * Staff accounts: the list, adding one, changing a role, disabling and enabling, and setting a new
 * password. A generated password is shown once, on the page that answers the form: it is never put
 * in an address, a session or a log.
 */
export function registerUserPages(web: ApiApp, services: Services): void {
  async function getUser(id: number): Promise<User> {
    const user = await services.users.findById(id);
    if (user === undefined) throw notFound(`User ${String(id)}`);
    return user;
  }

  function roleItems(selected: string) {
    return ROLES.map((role) => ({
      value: role,
      text: ROLE_LABELS[role],
      hint: { text: ROLE_HINTS[role] },
      checked: role === selected,
    }));
  }

  function showUser(reply: FastifyReply, user: User, errors: FormErrors = NO_ERRORS, status = 200) {
    return reply.page(
      USER_PAGES.user,
      { title: user.name, account: view(user), roleItems: roleItems(user.role), errors },
      { status, form: true },
    );
  }

  /** Runs a change to an account; a refusal (the last administrator) is shown on the account's page. */
  async function changeAccount(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    work: (user: User, actor: string) => Promise<User>,
    done: (user: User) => string,
  ) {
    const user = await getUser(id);
    let changed: User;
    try {
      changed = await work(user, staffActor(request));
    } catch (error) {
      if (isAppError(error) && (error.code === 'conflict' || error.code === 'invalid_input'))
        return showUser(reply, user, formErrors(pageProblems(error)), error.code === 'conflict' ? 409 : 400);
      throw error;
    }
    await setFlash(services, request, { kind: 'success', heading: done(changed) });
    return reply.redirect(`/console/users/${String(user.id)}`, 303);
  }

  web.get('/console/users', { schema: { hide: true }, preHandler: canManage }, async (_request, reply) => {
    const users = await services.users.list();
    return reply.page(USER_PAGES.list, { title: 'Users', users: users.map(view) });
  });

  web.get('/console/users/new', { schema: { hide: true }, preHandler: canManage }, (_request, reply) =>
    reply.page(
      USER_PAGES.add,
      { title: 'Add a user', values: {}, roleItems: roleItems(''), errors: NO_ERRORS },
      { form: true },
    ),
  );

  web.post(
    '/console/users',
    { schema: { hide: true, body: formBody }, preHandler: canManage },
    async (request, reply) => {
      const values = {
        name: field(request.body, 'name'),
        email: field(request.body, 'email'),
        role: field(request.body, 'role'),
      };
      try {
        const added = await services.users.add(values, staffActor(request));
        return await reply.page(
          USER_PAGES.password,
          {
            title: 'User added',
            account: view(added.user),
            password: added.generatedPassword,
            isNew: true,
          },
          { status: 201 },
        );
      } catch (error) {
        if (!isAppError(error) || (error.code !== 'invalid_input' && error.code !== 'conflict')) throw error;
        return reply.page(
          USER_PAGES.add,
          {
            title: 'Add a user',
            values,
            roleItems: roleItems(values.role),
            errors: formErrors(pageProblems(error)),
          },
          { status: 400, form: true },
        );
      }
    },
  );

  web.get(
    '/console/users/:id',
    { schema: { hide: true, params: userParams }, preHandler: canManage },
    async (request, reply) => showUser(reply, await getUser(request.params.id)),
  );

  web.post(
    '/console/users/:id/role',
    { schema: { hide: true, params: userParams, body: formBody }, preHandler: canManage },
    (request, reply) =>
      changeAccount(
        request,
        reply,
        request.params.id,
        async (user, actor) => {
          const changed = await services.users.setRole(user.email, field(request.body, 'role'), actor);
          // What the person may do changed: they sign in again to get it.
          await services.sessions.endAllFor(changed.id);
          return changed;
        },
        (user) => `${user.name} is now ${article(ROLE_LABELS[user.role])}`,
      ),
  );

  web.post(
    '/console/users/:id/disable',
    { schema: { hide: true, params: userParams, body: formBody }, preHandler: canManage },
    (request, reply) =>
      changeAccount(
        request,
        reply,
        request.params.id,
        async (user, actor) => {
          const changed = await services.users.disable(user.email, actor);
          await services.sessions.endAllFor(changed.id);
          return changed;
        },
        (user) => `${user.name}'s account is disabled: they can no longer sign in`,
      ),
  );

  web.post(
    '/console/users/:id/enable',
    { schema: { hide: true, params: userParams, body: formBody }, preHandler: canManage },
    (request, reply) =>
      changeAccount(
        request,
        reply,
        request.params.id,
        (user, actor) => services.users.enable(user.email, actor),
        (user) => `${user.name}'s account is enabled: they can sign in`,
      ),
  );

  web.post(
    '/console/users/:id/password',
    { schema: { hide: true, params: userParams, body: formBody }, preHandler: canManage },
    async (request, reply) => {
      const user = await getUser(request.params.id);
      const password = generatePassword();
      const changed = await services.users.setPassword(user.email, password, staffActor(request));
      // A new password ends every session signed in with the old one.
      await services.sessions.endAllFor(changed.id);
      return reply.page(USER_PAGES.password, {
        title: 'New password set',
        account: view(changed),
        password,
        isNew: false,
      });
    },
  );
}

function view(user: User) {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    roleLabel: ROLE_LABELS[user.role],
    disabled: user.disabled,
    lockedUntil: user.lockedUntil,
    lastSignedInAt: user.lastSignedInAt,
    createdAt: user.createdAt,
    status: user.disabled
      ? { text: 'Disabled', classes: 'govuk-tag--grey' }
      : user.lockedUntil !== null
        ? { text: 'Locked', classes: 'govuk-tag--red' }
        : { text: 'Active', classes: 'govuk-tag--green' },
  };
}

/** `an Administrator`, `a Caseworker`. */
function article(label: string): string {
  return `${/^[AEIOU]/.test(label) ? 'an' : 'a'} ${label.toLowerCase()}`;
}

/** The user service's refusals in the words of the form's fields. */
function pageProblems(error: AppError): Problem[] {
  if (error.code === 'conflict')
    return [
      /email/.test(error.message)
        ? { where: 'email', message: 'A user with that email address already exists' }
        : { where: '', message: capitalise(error.message) },
    ];
  return error.problems.map((p) => ({ where: p.where, message: fieldMessage(p) }));
}

function fieldMessage(problem: Problem): string {
  switch (problem.where) {
    case 'email':
      return problem.message === 'is required'
        ? 'Enter their email address'
        : 'Enter an email address in the correct format, like name@example.org';
    case 'name':
      return problem.message === 'is required'
        ? 'Enter their name'
        : 'Their name must be 200 characters or fewer';
    case 'role':
      return 'Select a role';
    default:
      return capitalise(`${problem.where} ${problem.message}`.trim());
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
