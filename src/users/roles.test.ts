import { describe, expect, it } from 'vitest';
import type { AppError } from '../errors/app-error.ts';
import {
  CAPABILITIES,
  CAPABILITIES_BY_ROLE,
  can,
  capabilitiesOf,
  isRole,
  parseRole,
  ROLES,
  type Role,
} from './roles.ts';

const writes = CAPABILITIES.filter((c) => !c.endsWith('.read') && c !== 'requests.special-category');

describe('roles', () => {
  it('lists each capability of a role once, and only known ones', () => {
    for (const role of ROLES) {
      const capabilities = CAPABILITIES_BY_ROLE[role];
      expect(new Set(capabilities).size, role).toBe(capabilities.length);
      for (const capability of capabilities) expect(CAPABILITIES).toContain(capability);
    }
  });

  it('lets the auditor read everything, see special category data and verify the trail, and change nothing', () => {
    for (const capability of CAPABILITIES.filter((c) => c.endsWith('.read'))) {
      expect(can('auditor', capability), capability).toBe(true);
    }
    expect(can('auditor', 'requests.special-category')).toBe(true);
    expect(can('auditor', 'audit.verify')).toBe(true);
    for (const capability of writes.filter((c) => c !== 'audit.verify')) {
      expect(can('auditor', capability), capability).toBe(false);
    }
  });

  it('lets only the DPO approve an erasure', () => {
    expect(ROLES.filter((role) => can(role, 'erasure.approve'))).toEqual(['dpo']);
  });

  it('gives the DPO everything except managing accounts', () => {
    expect(capabilitiesOf('dpo')).toEqual(CAPABILITIES.filter((c) => c !== 'users.manage'));
  });

  it('lets the administrator do everything but approve an erasure, which stays with the DPO', () => {
    expect(capabilitiesOf('administrator')).toEqual(CAPABILITIES.filter((c) => c !== 'erasure.approve'));
    expect(ROLES.filter((role) => can(role, 'erasure.approve'))).toEqual(['dpo']);
  });

  it('gives the caseworker requests with special category data, the register to read, reports and mail', () => {
    expect([...capabilitiesOf('caseworker')].sort()).toEqual(
      [
        'requests.read',
        'requests.write',
        'requests.special-category',
        'register.read',
        'reports.read',
        'mail.read',
      ].sort(),
    );
  });

  it('gives the system owner its systems and the requests to read, without special category data', () => {
    expect([...capabilitiesOf('system-owner')].sort()).toEqual(
      ['requests.read', 'systems.read', 'systems.write'].sort(),
    );
  });

  it('lets only the administrator manage accounts', () => {
    expect(ROLES.filter((role) => can(role, 'users.manage'))).toEqual(['administrator']);
  });

  it('shows special category data only to the administrator, the DPO, caseworkers and auditors', () => {
    const allowed: Role[] = ['administrator', 'dpo', 'caseworker', 'auditor'];
    expect(ROLES.filter((role) => can(role, 'requests.special-category'))).toEqual(allowed);
  });

  it('answers from the table for every role and capability', () => {
    for (const role of ROLES) {
      for (const capability of CAPABILITIES) {
        const listed = CAPABILITIES_BY_ROLE[role].includes(capability);
        expect(can(role, capability), `${role} ${capability}`).toBe(listed);
      }
    }
  });

  it('parses role names and says which there are otherwise', () => {
    expect(parseRole(' dpo ')).toBe('dpo');
    expect(isRole('system-owner')).toBe(true);
    expect(isRole('root')).toBe(false);
    expect(() => parseRole('root')).toThrow(
      expect.objectContaining({
        code: 'invalid_input',
        message: 'role must be one of administrator, dpo, caseworker, system-owner, auditor',
      }) as AppError,
    );
  });
});
