import { AppError } from '../errors/app-error.ts';

/** The roles a member of staff can hold; each user has exactly one. */
export const ROLES = ['administrator', 'dpo', 'caseworker', 'system-owner', 'auditor'] as const;

export type Role = (typeof ROLES)[number];

/** What a role may do. Pages, routes and commands ask `can(role, capability)`; nothing else decides. */
export const CAPABILITIES = [
  'requests.read',
  'requests.write',
  // Seeing special category (UK GDPR Art 9) and criminal offence (Art 10) data in requests and their records.
  'requests.special-category',
  'register.read',
  'register.write',
  'notices.publish',
  'systems.read',
  'systems.write',
  'audit.read',
  'audit.verify',
  'reports.read',
  'users.manage',
  'erasure.approve',
  'mail.read',
] as const;

export type Capability = (typeof CAPABILITIES)[number];

/** Names of the roles for people to read. */
export const ROLE_LABELS: Record<Role, string> = {
  administrator: 'Administrator',
  dpo: 'Data protection officer',
  caseworker: 'Caseworker',
  'system-owner': 'System owner',
  auditor: 'Auditor',
};

/**
 * The single table of permissions (also in `src/users/README.md`):
 *
 * | capability                | administrator | dpo | caseworker | system-owner | auditor |
 * |---------------------------|:-------------:|:---:|:----------:|:------------:|:-------:|
 * | requests.read             |       ✓       |  ✓  |     ✓      |      ✓       |    ✓    |
 * | requests.write            |       ✓       |  ✓  |     ✓      |              |         |
 * | requests.special-category |       ✓       |  ✓  |     ✓      |              |    ✓    |
 * | register.read             |       ✓       |  ✓  |     ✓      |              |    ✓    |
 * | register.write            |       ✓       |  ✓  |            |              |         |
 * | notices.publish           |       ✓       |  ✓  |            |              |         |
 * | systems.read              |       ✓       |  ✓  |            |      ✓       |    ✓    |
 * | systems.write             |       ✓       |  ✓  |            |      ✓       |         |
 * | audit.read                |       ✓       |  ✓  |            |              |    ✓    |
 * | audit.verify              |       ✓       |  ✓  |            |              |    ✓    |
 * | reports.read              |       ✓       |  ✓  |     ✓      |              |    ✓    |
 * | users.manage              |       ✓       |     |            |              |         |
 * | erasure.approve           |               |  ✓  |            |              |         |
 * | mail.read                 |       ✓       |  ✓  |     ✓      |              |    ✓    |
 *
 * The administrator runs the installation and, in the small organisations that are most of
 * Custodian's users, is also the person who works requests (the first account, made at first start,
 * must be able to take a request from the public form to closing it). So it may do everything but
 * approve an erasure: that stays with the DPO, so that no one both plans and approves one. The DPO may do everything
 * but manage accounts; only the DPO approves an erasure. The auditor reads everything and changes
 * nothing. A system owner sees its systems and the requests whose tasks are assigned to them.
 */
export const CAPABILITIES_BY_ROLE: Record<Role, readonly Capability[]> = {
  administrator: CAPABILITIES.filter((c) => c !== 'erasure.approve'),
  dpo: CAPABILITIES.filter((c) => c !== 'users.manage'),
  caseworker: [
    'requests.read',
    'requests.write',
    'requests.special-category',
    'register.read',
    'reports.read',
    'mail.read',
  ],
  'system-owner': ['systems.read', 'systems.write', 'requests.read'],
  auditor: [
    'requests.read',
    'requests.special-category',
    'register.read',
    'systems.read',
    'audit.read',
    'audit.verify',
    'reports.read',
    'mail.read',
  ],
};

/**
 * Whether a role may do something.
 *
 * @example
 * if (!can(user.role, 'requests.special-category')) hideSpecialCategoryData();
 */
export function can(role: Role, capability: Capability): boolean {
  return CAPABILITIES_BY_ROLE[role].includes(capability);
}

/** Everything a role may do, in the order of `CAPABILITIES`. */
export function capabilitiesOf(role: Role): readonly Capability[] {
  return CAPABILITIES.filter((capability) => can(role, capability));
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** What a role name must be, as said to whoever typed another. */
export const ROLE_RULE = `must be one of ${ROLES.join(', ')}`;

/** A role named by a person (a form, an option), or bad input saying which names there are. */
export function parseRole(value: string, where = 'role'): Role {
  const name = value.trim();
  if (isRole(name)) return name;
  throw new AppError('invalid_input', `${where} ${ROLE_RULE}`, { problems: [{ where, message: ROLE_RULE }] });
}
