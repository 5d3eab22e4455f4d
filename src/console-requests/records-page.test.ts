import { describe, expect, it } from 'vitest';
import type { ConfirmedRecords } from '../discovery/discovery-service.ts';
import type { SensitivityOf } from './discovery-page.ts';
import { MAX_TABLE_COLUMNS, recordsModel } from './records-page.ts';

const wide = Object.fromEntries(
  Array.from({ length: MAX_TABLE_COLUMNS + 1 }, (_, i) => [
    `column_${String(i + 1)}`,
    `value ${String(i + 1)}`,
  ]),
);

const RECORDS: ConfirmedRecords = {
  reference: 'RR-2026-000001',
  complete: false,
  unavailable: [{ system: 'crm', reason: 'System crm did not answer' }],
  warnings: [],
  records: [
    {
      system: 'housing',
      table: 'tenants',
      key: { tenant_id: 1 },
      via: 'match',
      candidateId: 4,
      status: 'found',
      row: { tenant_id: 1, forename: 'Jane', active: true, notes: null },
    },
    {
      system: 'housing',
      table: 'cases',
      key: { case_id: 9 },
      via: 'reference',
      belongsTo: {
        system: 'housing',
        table: 'tenants',
        key: { tenant_id: 1 },
        columns: { tenant_id: 'tenant_id' },
      },
      status: 'found',
      row: { case_id: 9, ...wide },
    },
    { system: 'crm', table: 'contacts', key: { id: 'C1' }, via: 'match', candidateId: 5, status: 'unread' },
  ],
};

describe('the person’s records as the page shows them', () => {
  const ordinary: SensitivityOf = () => ({ kind: 'ordinary' });
  const model = recordsModel(RECORDS, { sensitivityOf: ordinary, canSeeSpecial: false, requestHref: '/r' });

  it('groups rows by system and table, keys apart from the values, and says how each was found', () => {
    expect(model.systems.map((s) => [s.system, s.tables.map((t) => t.table)])).toEqual([
      ['housing', ['tenants', 'cases']],
      ['crm', ['contacts']],
    ]);
    const tenants = model.systems[0]?.tables[0];
    expect(tenants?.columns).toEqual(['forename', 'active', 'notes']);
    expect(tenants?.layout).toBe('columns');
    expect(tenants?.rows).toEqual([
      {
        key: 'tenant_id 1',
        via: 'Confirmed match (candidate 4)',
        candidateHref: '/r#candidate-4',
        status: { text: 'Found', classes: 'govuk-tag--green' },
        cells: [
          { column: 'forename', value: 'Jane' },
          { column: 'active', value: 'Yes' },
          { column: 'notes', value: '' },
        ],
      },
    ]);
    expect(model.systems[0]?.tables[1]?.rows[0]?.via).toBe('Belongs to tenants tenant_id 1');
    expect(model.systems[1]?.tables[0]?.rows[0]?.status.text).toBe('Not read');
    expect(model.counts).toEqual({ matches: 2, belonging: 1, gone: 0, unread: 1 });
  });

  it('lists the values in one cell when a table has too many columns for the page', () => {
    expect(model.systems[0]?.tables[1]?.layout).toBe('list');
    expect(model.systems[0]?.tables[1]?.rows[0]?.cells).toHaveLength(MAX_TABLE_COLUMNS + 1);
  });

  it('hides the keys and values of special category tables, and the key they belong to', () => {
    const cases: SensitivityOf = (_system, table) =>
      table === 'tenants' ? { kind: 'sensitive', special: true, criminal: false } : { kind: 'ordinary' };
    const hidden = recordsModel(RECORDS, { sensitivityOf: cases, canSeeSpecial: false, requestHref: '/r' });
    const tenants = hidden.systems[0]?.tables[0];
    expect(tenants?.visibility.hidden).toBe(true);
    expect(tenants?.columns).toEqual([]);
    expect(tenants?.rows[0]).toMatchObject({ key: undefined, cells: [] });
    expect(hidden.systems[0]?.tables[1]?.rows[0]?.via).toBe('Belongs to tenants');
    expect(JSON.stringify(hidden)).not.toContain('Jane');
    const shown = recordsModel(RECORDS, { sensitivityOf: cases, canSeeSpecial: true, requestHref: '/r' });
    expect(JSON.stringify(shown)).toContain('Jane');
  });
});
