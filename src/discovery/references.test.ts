import { describe, expect, it } from 'vitest';
import type { Annotation } from '../systems/annotation-schema.ts';
import { followReferences, keyOf, keyText, refId } from './references.ts';
import { annotationsFrom, createFakeConnector, type FakeConnector } from './testing/fake-connector.ts';
import { CRM_YAML, HOUSING_TYPES, HOUSING_YAML } from './testing/fixtures.ts';

const [housing, crm] = annotationsFrom({ housing: HOUSING_YAML, crm: CRM_YAML }) as [Annotation, Annotation];

/** Two tenants; the first holds tenancy 10 alone and is joint tenant of 11 with the second. */
function housingSystem(): FakeConnector {
  return createFakeConnector('housing', {
    tenants: {
      columns: HOUSING_TYPES.tenants,
      rows: [
        { tenant_id: 1, forename: 'Margaret', surname: 'Hughes' },
        { tenant_id: 2, forename: 'Peter', surname: 'Hughes' },
      ],
    },
    tenancies: {
      columns: HOUSING_TYPES.tenancies,
      rows: [
        { tenancy_id: 10, tenant_id: 1, joint_tenant_id: null, property_id: 100 },
        { tenancy_id: 11, tenant_id: 2, joint_tenant_id: 1, property_id: 101 },
        { tenancy_id: 12, tenant_id: 2, joint_tenant_id: null, property_id: 102 },
      ],
    },
    rent_accounts: {
      columns: HOUSING_TYPES.rent_accounts,
      rows: [
        { account_id: 20, tenancy_id: 10, balance: '0.00' },
        { account_id: 21, tenancy_id: 11, balance: '12.50' },
        { account_id: 22, tenancy_id: 12, balance: '3.00' },
      ],
    },
    rent_transactions: {
      columns: HOUSING_TYPES.rent_transactions,
      rows: [
        { transaction_id: 30, account_id: 20, tenancy_id: 10, amount: '100.00' },
        { transaction_id: 31, account_id: 20, tenancy_id: 10, amount: '100.00' },
        { transaction_id: 32, account_id: 21, tenancy_id: 11, amount: '95.00' },
        { transaction_id: 33, account_id: 22, tenancy_id: 12, amount: '80.00' },
      ],
    },
    emergency_contacts: { columns: HOUSING_TYPES.emergency_contacts, rows: [] },
    properties: {
      columns: HOUSING_TYPES.properties,
      rows: [{ property_id: 100, address: '12 High Street' }],
    },
  });
}

const ids = (rows: readonly { table: string; key: Readonly<Record<string, unknown>> }[]) =>
  rows.map((row) => `${row.table}:${Object.values(row.key).join(',')}`).sort();

describe('following references from confirmed rows', () => {
  it('collects the rows that belong to a tenant, through a cycle back to the tenancy, each once', async () => {
    const connector = housingSystem();
    const result = await followReferences({
      system: 'housing',
      tables: housing.tables,
      starts: [{ table: 'tenants', key: { tenant_id: 1 }, row: { tenant_id: 1 } }],
      select: (query) => connector.select(query),
      maxDepth: 10,
      maxRows: 100,
    });
    expect(ids(result.rows)).toEqual([
      'rent_accounts:20',
      'rent_accounts:21',
      'rent_transactions:30',
      'rent_transactions:31',
      'rent_transactions:32',
      'tenancies:10',
      'tenancies:11',
    ]);
    expect(result.complete).toBe(true);
    expect(result.warnings).toEqual([]);
    // Never backwards: not the other tenant of the joint tenancy, nor his own tenancy, nor the property.
    expect(ids(result.rows).some((id) => id.startsWith('tenants:') || id.startsWith('properties:'))).toBe(
      false,
    );
    expect(ids(result.rows)).not.toContain('tenancies:12');
    const transaction = result.rows.find(
      (row) => row.table === 'rent_transactions' && row.key['transaction_id'] === 32,
    );
    expect(transaction?.from).toEqual({ system: 'housing', table: 'rent_accounts', key: { account_id: 21 } });
    expect(transaction?.depth).toBe(3);
    // One query per table and reference at each level, whatever the number of rows.
    expect(connector.queries.length).toBeLessThanOrEqual(6);
  });

  it('stops at its depth and says that more may belong', async () => {
    const connector = housingSystem();
    const result = await followReferences({
      system: 'housing',
      tables: housing.tables,
      starts: [{ table: 'tenants', key: { tenant_id: 1 }, row: { tenant_id: 1 } }],
      select: (query) => connector.select(query),
      maxDepth: 2,
      maxRows: 100,
    });
    expect(ids(result.rows)).toEqual([
      'rent_accounts:20',
      'rent_accounts:21',
      'tenancies:10',
      'tenancies:11',
    ]);
    expect(result.complete).toBe(false);
    expect(result.warnings).toEqual([
      'References more than 2 steps from a confirmed record were not followed.',
    ]);
  });

  it('stops at its row cap and says that more may belong', async () => {
    const connector = housingSystem();
    const result = await followReferences({
      system: 'housing',
      tables: housing.tables,
      starts: [{ table: 'tenants', key: { tenant_id: 1 }, row: { tenant_id: 1 } }],
      select: (query) => connector.select(query),
      maxDepth: 10,
      maxRows: 3,
    });
    expect(result.rows).toHaveLength(3);
    expect(result.complete).toBe(false);
    expect(result.warnings).toEqual(['More rows may belong to the confirmed records than the 3 listed.']);
  });

  it('does not list a starting row again when a cycle reaches it', async () => {
    const connector = housingSystem();
    const result = await followReferences({
      system: 'housing',
      tables: housing.tables,
      starts: [
        { table: 'tenancies', key: { tenancy_id: 10 }, row: { tenancy_id: 10 } },
        {
          table: 'rent_transactions',
          key: { transaction_id: 30 },
          row: { transaction_id: 30, account_id: 20, tenancy_id: 10 },
        },
      ],
      select: (query) => connector.select(query),
      maxDepth: 10,
      maxRows: 100,
    });
    expect(ids(result.rows)).toEqual(['rent_accounts:20', 'rent_transactions:31']);
  });

  it('follows a contact to its calls in another system’s annotation', async () => {
    const connector = createFakeConnector('crm', {
      contacts: { columns: { contact_id: 'int' }, rows: [{ contact_id: 5 }] },
      calls: {
        columns: { call_id: 'int', contact_id: 'int', caller_number: 'varchar', summary: 'text' },
        rows: [
          { call_id: 1, contact_id: 5, caller_number: '+447700900456', summary: 'Rent query' },
          { call_id: 2, contact_id: 6, caller_number: '+447700900999', summary: 'Someone else' },
        ],
      },
    });
    const result = await followReferences({
      system: 'crm',
      tables: crm.tables,
      starts: [{ table: 'contacts', key: { contact_id: 5 }, row: { contact_id: 5 } }],
      select: (query) => connector.select(query),
      maxDepth: 5,
      maxRows: 100,
    });
    expect(result.rows.map((row) => row.row)).toEqual([
      { call_id: 1, contact_id: 5, caller_number: '+447700900456', summary: 'Rent query' },
    ]);
  });

  it('names rows by their annotated key, in a stable text form', () => {
    expect(keyOf({ key: ['a', 'b'] }, { b: 2, a: 1, c: 3 })).toEqual({ a: 1, b: 2 });
    expect(keyOf({ key: ['a'] }, { a: null })).toBeUndefined();
    expect(keyText({ a: 1, b: 'x' })).toBe('{"a":1,"b":"x"}');
    expect(refId({ system: 's', table: 't', key: { id: 4 } })).toBe('s/t/{"id":4}');
  });
});
