import { describe, expect, it } from 'vitest';
import type { Annotation } from '../systems/annotation-schema.ts';
import type { Clause, LiveSchema, SelectQuery } from '../systems/connector.ts';
import type { RequesterIdentity } from './identity.ts';
import { columnKind, isMatchSource, planSystemSearch, type SearchRule } from './search-plan.ts';
import { annotationsFrom } from './testing/fake-connector.ts';
import {
  CASENOTES_YAML,
  CRM_TYPES,
  CRM_YAML,
  HOUSING_TYPES,
  HOUSING_YAML,
  SIGNUPS_YAML,
} from './testing/fixtures.ts';

const [housing, crm, signups, casenotes] = annotationsFrom({
  housing: HOUSING_YAML,
  crm: CRM_YAML,
  signups: SIGNUPS_YAML,
  casenotes: CASENOTES_YAML,
}) as [Annotation, Annotation, Annotation, Annotation];

function schemaOf(types: Readonly<Record<string, Readonly<Record<string, string>>>>): LiveSchema {
  return {
    tables: Object.entries(types).map(([name, columns]) => ({
      name,
      columns: Object.entries(columns).map(([column, type]) => ({ name: column, type, nullable: true })),
      primaryKey: [],
      indexes: [],
    })),
  };
}

const ROBERT: RequesterIdentity = {
  name: "Mr Robert O'Brien",
  previousNames: ['Robert Smith'],
  emails: ['Rob.OBrien@Example.org'],
  phones: ['07700 900123'],
  addresses: ['12 High Street, Leeds LS6 2AB'],
  postcodes: ['LS6 2AB'],
  dateOfBirth: '1961-03-02',
  niNumbers: ['AB123456C'],
  nhsNumbers: ['943 476 5919'],
  references: [
    { scheme: 'tenant', value: 'TEN-001' },
    { scheme: 'tenancy', value: 'ty 77' },
  ],
};

const OPTIONS = { referenceYear: 2026, rowsPerQuery: 50 };

function plan(annotation: Annotation, schema: LiveSchema | undefined, identity = ROBERT) {
  return planSystemSearch(annotation, schema, identity, OPTIONS);
}

function query(
  queries: { rule: SearchRule; query: SelectQuery }[],
  rule: SearchRule,
  table?: string,
): SelectQuery {
  const found = queries.find((q) => q.rule === rule && (table === undefined || q.query.table === table));
  if (found === undefined) throw new Error(`no ${rule} query${table === undefined ? '' : ` on ${table}`}`);
  return found.query;
}

function equalsOf(group: readonly Clause[] | undefined, column: string): readonly unknown[] {
  const clause = group?.find((c) => c.column === column);
  if (clause === undefined || !('equals' in clause)) throw new Error(`no equals on ${column}`);
  return clause.equals;
}

describe('the search planner', () => {
  const housingPlan = plan(housing, schemaOf(HOUSING_TYPES));

  it('searches each subject table with identifying columns, one capped query per blocking key', () => {
    const rules = housingPlan.queries.map((q) => `${q.query.table}:${q.rule}`);
    expect(rules).toEqual([
      'tenants:email',
      'tenants:phone',
      'tenants:ni-number',
      'tenants:reference',
      'tenants:family-name-and-district',
      'tenants:birth-date-and-initial',
      'tenants:postcode-and-initial',
    ]);
    for (const { query } of housingPlan.queries) {
      expect(query.limit).toBe(50);
      expect(query.key).toEqual(['tenant_id']);
      expect(query.columns).toEqual([
        'tenant_ref',
        'forename',
        'surname',
        'date_of_birth',
        'email',
        'mobile_phone',
        'home_phone',
        'address',
        'postcode',
        'ni_number',
      ]);
    }
    expect(housingPlan.warnings).toEqual([]);
  });

  it('never searches a table about other people (person: related), nor one without identifying columns', () => {
    expect(isMatchSource(housing.tables['emergency_contacts']!)).toBe(false);
    expect(isMatchSource(housing.tables['tenancies']!)).toBe(false);
    expect(isMatchSource(housing.tables['tenants']!)).toBe(true);
    expect(housingPlan.queries.some((q) => q.query.table === 'emergency_contacts')).toBe(false);
  });

  it('looks emails up as given and in lower case', () => {
    expect(query(housingPlan.queries, 'email').anyOf).toEqual([
      [{ column: 'email', equals: ['Rob.OBrien@Example.org', 'rob.obrien@example.org'] }],
    ]);
  });

  it('looks a phone up in every column that holds phones, in every UK style', () => {
    const groups = query(housingPlan.queries, 'phone').anyOf;
    expect(groups.map((group) => group.map((clause) => clause.column))).toEqual([
      ['mobile_phone'],
      ['home_phone'],
    ]);
    expect(equalsOf(groups[0], 'mobile_phone')).toEqual(
      expect.arrayContaining([
        '07700 900123',
        '+447700900123',
        '07700900123',
        '0044 7700 900123',
        '+44 (0)7700 900123',
      ]),
    );
  });

  it('looks NI numbers up compact, without suffix and spaced; references only in columns of their kind', () => {
    expect(equalsOf(query(housingPlan.queries, 'ni-number').anyOf[0], 'ni_number')).toEqual(
      expect.arrayContaining(['AB123456C', 'AB123456', 'AB 12 34 56 C']),
    );
    // tenant_ref holds tenant references: the tenancy reference is not looked for there.
    expect(equalsOf(query(housingPlan.queries, 'reference').anyOf[0], 'tenant_ref')).toEqual([
      'TEN-001',
      'ten-001',
    ]);
  });

  it('looks up each family name (current, previous) in its cases within the postcode district, by prefix', () => {
    const groups = query(housingPlan.queries, 'family-name-and-district').anyOf;
    expect(groups).toHaveLength(2);
    expect(equalsOf(groups[0], 'surname')).toEqual(
      expect.arrayContaining([
        "O'Brien",
        "O'BRIEN",
        'O’Brien',
        'OBrien',
        'obrien',
        'Smith',
        'SMITH',
        'smith',
      ]),
    );
    expect(groups.map((group) => group.find((clause) => clause.column === 'postcode'))).toEqual([
      { column: 'postcode', startsWith: 'LS6' },
      { column: 'postcode', startsWith: 'ls6' },
    ]);
  });

  it('looks a date column up by the ISO date (and day and month swapped) with the initials of the name and its nickname forms', () => {
    const groups = query(housingPlan.queries, 'birth-date-and-initial').anyOf;
    const dates = new Set(groups.map((group) => JSON.stringify(equalsOf(group, 'date_of_birth'))));
    expect([...dates]).toEqual([JSON.stringify(['1961-03-02', '1961-02-03'])]);
    const initials = groups.map((group) => group.find((clause) => clause.column === 'forename'));
    // Robert is also Bob: records under B are searched too.
    expect(initials).toEqual(
      expect.arrayContaining([
        { column: 'forename', startsWith: 'R' },
        { column: 'forename', startsWith: 'r' },
        { column: 'forename', startsWith: 'B' },
        { column: 'forename', startsWith: 'b' },
      ]),
    );
  });

  it('looks a postcode up in every spacing and case, with the initial', () => {
    const groups = query(housingPlan.queries, 'postcode-and-initial').anyOf;
    expect(equalsOf(groups[0], 'postcode')).toEqual([
      'LS6 2AB',
      'LS62AB',
      'LS6  2AB',
      'ls6 2ab',
      'ls62ab',
      'ls6  2ab',
    ]);
  });

  it('writes a date of birth held as text in its annotated format', () => {
    const crmPlan = plan(crm, schemaOf(CRM_TYPES));
    const groups = query(crmPlan.queries, 'birth-date-and-initial', 'contacts').anyOf;
    expect(equalsOf(groups[0], 'dob')).toEqual([
      '1961-03-02',
      '1961-03-02T00:00:00.000Z',
      '02/03/1961',
      '2/3/1961',
      '1961-02-03',
      '1961-02-03T00:00:00.000Z',
      '03/02/1961',
      '3/2/1961',
    ]);
    // A tenancy reference is looked up where the CRM holds tenancy references.
    expect(equalsOf(query(crmPlan.queries, 'reference', 'contacts').anyOf[0], 'tenancy_ref')).toEqual([
      'ty 77',
      'TY 77',
      'ty77',
      'TY77',
    ]);
    // The calls table is searched by the caller's number.
    expect(query(crmPlan.queries, 'phone', 'calls').anyOf[0]?.[0]?.column).toBe('caller_number');
  });

  it('matches a family name and year of birth by prefix only where the date is ISO text', () => {
    const notesPlan = plan(casenotes, undefined);
    expect(query(notesPlan.queries, 'family-name-and-birth-year').anyOf[0]).toEqual(
      expect.arrayContaining([{ column: 'subject_dob', startsWith: '1961' }]),
    );
    expect(housingPlan.queries.some((q) => q.rule === 'family-name-and-birth-year')).toBe(false);
    expect(equalsOf(query(notesPlan.queries, 'nhs-number').anyOf[0], 'nhs_number')).toEqual(
      expect.arrayContaining(['9434765919', '943 476 5919']),
    );
  });

  it('looks a whole-name column up in the orders names are written, and a postcode alone without a given name', () => {
    const signupPlan = plan(signups, undefined);
    expect(equalsOf(query(signupPlan.queries, 'full-name').anyOf[0], 'name')).toEqual(
      expect.arrayContaining([
        "Mr Robert O'Brien",
        "Robert O'Brien",
        "O'Brien, Robert",
        "O'BRIEN, Robert",
        'ROBERT SMITH',
        'Smith, Robert',
      ]),
    );
    expect(query(signupPlan.queries, 'postcode-and-initial').anyOf).toEqual([
      [{ column: 'postcode', equals: ['LS6 2AB', 'LS62AB', 'LS6  2AB', 'ls6 2ab', 'ls62ab', 'ls6  2ab'] }],
    ]);
  });

  it('searches nothing it has no value for', () => {
    const plain: RequesterIdentity = {
      name: 'Jo Bloggs',
      previousNames: [],
      emails: ['jo@example.org'],
      phones: [],
      addresses: [],
      postcodes: [],
      niNumbers: [],
      nhsNumbers: [],
      references: [],
    };
    expect(plan(housing, schemaOf(HOUSING_TYPES), plain).queries.map((q) => q.rule)).toEqual(['email']);
  });

  it('leaves out a column the live system does not have, and says so', () => {
    const types = { ...HOUSING_TYPES, tenants: { ...HOUSING_TYPES.tenants } } as Record<
      string,
      Record<string, string>
    >;
    delete types['tenants']!['ni_number'];
    const result = plan(housing, schemaOf(types));
    expect(result.queries.some((q) => q.rule === 'ni-number')).toBe(false);
    expect(result.queries.every((q) => !q.query.columns.includes('ni_number'))).toBe(true);
    expect(result.warnings).toEqual([
      'Column tenants.ni_number is annotated but not in the live system: it was not searched.',
    ]);
  });

  it('reports a table the live system does not have', () => {
    const types = { ...HOUSING_TYPES } as Record<string, unknown>;
    delete types['tenants'];
    const result = plan(housing, schemaOf(types as Record<string, Record<string, string>>));
    expect(result.queries).toEqual([]);
    expect(result.warnings).toEqual([
      'Table tenants is annotated but not in the live system: it was not searched.',
    ]);
  });

  it.each([
    ['postgres' as const, 'date', 'date'],
    ['postgres' as const, 'timestamp with time zone', 'date'],
    ['postgres' as const, 'character varying', 'text'],
    ['mysql' as const, 'bigint', 'number'],
    ['postgres' as const, 'boolean', 'other'],
    ['sqlite' as const, 'date', 'text'],
    ['files' as const, 'number', 'text'],
  ])('a %s column of type %s is compared as %s', (kind, type, expected) => {
    expect(columnKind(kind, type)).toBe(expected);
  });
});
