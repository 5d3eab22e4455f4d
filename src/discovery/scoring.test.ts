import { describe, expect, it } from 'vitest';
import type { AnnotatedTable, Annotation } from '../systems/annotation-schema.ts';
import type { Row } from '../systems/connector.ts';
import type { RequesterIdentity } from './identity.ts';
import { foundValues, normalisedValues, scoreRecords, toPersonInput } from './scoring.ts';
import { annotationsFrom } from './testing/fake-connector.ts';
import { CRM_YAML, HOUSING_YAML, SIGNUPS_YAML } from './testing/fixtures.ts';
import { normalisePerson } from '../matching/index.ts';

const [housing, crm, signups] = annotationsFrom({
  housing: HOUSING_YAML,
  crm: CRM_YAML,
  signups: SIGNUPS_YAML,
}) as [Annotation, Annotation, Annotation];
const tenants = housing.tables['tenants'] as AnnotatedTable;
const OPTIONS = { referenceYear: 2026 };

/** The requester: Margaret Hughes, née Thomas, who moved from York to Leeds. */
const MARGARET: RequesterIdentity = {
  name: 'Mrs Margaret Hughes',
  previousNames: ['Margaret Thomas'],
  emails: ['mags.hughes@example.org'],
  phones: ['07700 900456', '0113 496 0001'],
  addresses: ['12 High Street, Leeds LS6 2AB', '4 Low Road, York YO1 7HH'],
  postcodes: ['LS6 2AB', 'YO1 7HH'],
  dateOfBirth: '1958-07-14',
  niNumbers: ['AB123456C'],
  nhsNumbers: [],
  references: [],
};

function tenant(values: Partial<Record<string, string | number | null>>): Row {
  return {
    tenant_id: 1,
    tenant_ref: null,
    forename: null,
    surname: null,
    date_of_birth: null,
    email: null,
    mobile_phone: null,
    home_phone: null,
    address: null,
    postcode: null,
    ni_number: null,
    ...values,
  };
}

function scoreTenant(row: Row, identity: RequesterIdentity = MARGARET) {
  const [scored] = scoreRecords(identity, [{ record: row, input: toPersonInput(tenants, row) }], OPTIONS);
  if (scored === undefined) throw new Error('not scored');
  return scored;
}

describe('a row as a record for the matching core', () => {
  it('maps identifying columns, keeping raw values and reading postcodes out of addresses', () => {
    const row = tenant({
      tenant_ref: 'TEN-9',
      forename: 'Margaret',
      surname: 'HUGHES',
      date_of_birth: '1958-07-14',
      mobile_phone: '+447700900456',
      home_phone: '01134960001',
      address: '12 High Street, Leeds LS6 2AB',
      ni_number: 'AB 12 34 56 C',
    });
    expect(toPersonInput(tenants, row)).toEqual({
      givenNames: 'Margaret',
      familyName: 'HUGHES',
      dateOfBirth: '1958-07-14',
      postcodes: ['LS6 2AB'],
      emails: [],
      phones: ['+447700900456', '01134960001'],
      references: [{ scheme: 'tenant', value: 'TEN-9' }],
      niNumber: 'AB 12 34 56 C',
    });
    expect(foundValues(tenants, row).map((found) => found.column)).toEqual([
      'tenant_ref',
      'forename',
      'surname',
      'date_of_birth',
      'mobile_phone',
      'home_phone',
      'address',
      'ni_number',
    ]);
    expect(foundValues(tenants, row)[0]).toEqual({
      column: 'tenant_ref',
      identifies: 'reference',
      referenceKind: 'tenant',
      value: 'TEN-9',
    });
  });

  it('reads a text date of birth in its annotated format, and a whole name from a full-name column', () => {
    const contacts = crm.tables['contacts'] as AnnotatedTable;
    const us: AnnotatedTable = {
      ...contacts,
      columns: { ...contacts.columns, dob: { ...contacts.columns['dob']!, format: 'mm/dd/yyyy' } },
    };
    expect(toPersonInput(us, { contact_id: 1, dob: '07/14/1958' }).dateOfBirth).toBe('1958-07-14');
    expect(toPersonInput(contacts, { contact_id: 1, dob: '14/07/1958' }).dateOfBirth).toBe('14/07/1958');
    const signupTable = signups.tables['event-signups'] as AnnotatedTable;
    expect(
      toPersonInput(signupTable, { signup_id: 1, name: 'HUGHES, Margaret', postcode: 'ls62ab' }),
    ).toEqual({
      fullName: 'HUGHES, Margaret',
      postcodes: ['ls62ab'],
      emails: [],
      phones: [],
      references: [],
    });
  });

  it('gives the normalised values beside the raw ones', () => {
    const person = normalisePerson(
      {
        givenNames: 'Margaret',
        familyName: "O'Hughes",
        dateOfBirth: '14/07/1958',
        postcodes: ['ls62ab'],
        emails: ['M@X.org'],
      },
      OPTIONS,
    );
    expect(normalisedValues(person)).toEqual({
      givenNames: ['margaret'],
      familyName: 'ohughes',
      dateOfBirth: '1958-07-14',
      postcodes: ['LS6 2AB'],
      emails: ['m@x.org'],
    });
  });
});

describe('scoring against the requester', () => {
  it('matches her own record, field by field', () => {
    const scored = scoreTenant(
      tenant({
        forename: 'Margaret',
        surname: 'Hughes',
        date_of_birth: '1958-07-14',
        email: 'MAGS.HUGHES@example.org',
        postcode: 'ls6 2ab',
        ni_number: 'AB123456C',
      }),
    );
    expect(scored.band).toBe('match');
    expect(scored.breakdown.scoredAgainst).toBe('current name');
    expect(scored.breakdown.fields.map((field) => [field.field, field.levelName])).toEqual(
      expect.arrayContaining([
        ['givenName', 'exact'],
        ['familyName', 'exact'],
        ['dateOfBirth', 'exact'],
        ['postcode', 'unit'],
        ['email', 'exact'],
        ['niNumber', 'exact'],
      ]),
    );
    expect(scored.breakdown.fields.find((field) => field.field === 'postcode')?.rightRaw).toBe('ls6 2ab');
    expect(scored.breakdown.safeguards).toEqual([]);
  });

  it('does not match a namesake at a different address', () => {
    const scored = scoreTenant(
      tenant({ forename: 'Margaret', surname: 'Hughes', date_of_birth: '1971-02-09', postcode: 'M14 5TT' }),
    );
    expect(scored.band).not.toBe('match');
    expect(scored.breakdown.safeguards.map((s) => s.rule)).toContain('dates-of-birth-differ');
  });

  it('does not match a namesake at a different address even when nothing else is known of either', () => {
    const scored = scoreTenant(tenant({ forename: 'Margaret', surname: 'Hughes', postcode: 'M14 5TT' }));
    expect(scored.band).not.toBe('match');
  });

  it('does not match a household member who shares her surname, address and landline', () => {
    const scored = scoreTenant(
      tenant({
        forename: 'Peter',
        surname: 'Hughes',
        date_of_birth: '1955-11-30',
        home_phone: '0113 496 0001',
        postcode: 'LS6 2AB',
      }),
    );
    expect(scored.band).not.toBe('match');
    expect(scored.breakdown.safeguards.map((s) => s.rule)).toEqual(
      expect.arrayContaining(['given-names-differ', 'dates-of-birth-differ']),
    );
    // The shared landline adds nothing at a shared postcode.
    expect(scored.breakdown.fields.find((field) => field.field === 'phone')?.weight).toBe(0);
  });

  it('does not match her daughter of the same name at the same address', () => {
    const scored = scoreTenant(
      tenant({
        forename: 'Margaret',
        surname: 'Hughes',
        date_of_birth: '1984-03-22',
        home_phone: '01134960001',
        postcode: 'LS6 2AB',
      }),
    );
    expect(scored.band).not.toBe('match');
  });

  it('finds her under a nickname and her maiden name with the same date of birth, judged on the maiden name', () => {
    const scored = scoreTenant(
      tenant({ forename: 'Peggy', surname: 'Thomas', date_of_birth: '1958-07-14', postcode: 'YO1 7HH' }),
    );
    expect(['match', 'needs-review']).toContain(scored.band);
    expect(scored.breakdown.scoredAgainst).toBe('previous name 1');
    expect(scored.breakdown.fields.find((field) => field.field === 'givenName')?.levelName).toBe('nickname');
    expect(scored.breakdown.fields.find((field) => field.field === 'familyName')?.levelName).toBe('exact');
  });

  it('scores the same record lower when the maiden name was not given: the family name counts against', () => {
    const row = tenant({
      forename: 'Peggy',
      surname: 'Thomas',
      date_of_birth: '1958-07-14',
      postcode: 'YO1 7HH',
    });
    const withMaidenName = scoreTenant(row);
    const without = scoreTenant(row, { ...MARGARET, previousNames: [] });
    expect(without.breakdown.scoredAgainst).toBe('current name');
    expect(without.breakdown.fields.find((field) => field.field === 'familyName')?.levelName).toBe(
      'different',
    );
    expect(without.score).toBeLessThan(withMaidenName.score);
  });

  it('never matches a record whose valid NI number differs, however much else agrees', () => {
    const scored = scoreTenant(
      tenant({
        forename: 'Margaret',
        surname: 'Hughes',
        date_of_birth: '1958-07-14',
        email: 'mags.hughes@example.org',
        mobile_phone: '07700900456',
        postcode: 'LS6 2AB',
        ni_number: 'CE654321A',
      }),
    );
    expect(scored.band).toBe('needs-review');
    expect(scored.breakdown.bandByScore).toBe('match');
    expect(scored.breakdown.safeguards.map((s) => s.rule)).toContain('conflicting-identifiers');
  });

  it('holds twins (same surname, date of birth and address, alike given names) for review', () => {
    const scored = scoreTenant(
      tenant({ forename: 'Margarita', surname: 'Hughes', date_of_birth: '1958-07-14', postcode: 'LS6 2AB' }),
    );
    expect(scored.band).not.toBe('match');
  });

  it('ranks records best band first, then by score', () => {
    const rows = [
      tenant({ tenant_id: 1, forename: 'Peter', surname: 'Hughes', postcode: 'LS6 2AB' }),
      tenant({
        tenant_id: 2,
        forename: 'Margaret',
        surname: 'Hughes',
        date_of_birth: '1958-07-14',
        postcode: 'LS6 2AB',
        email: 'mags.hughes@example.org',
      }),
      tenant({ tenant_id: 3, forename: 'Zed', surname: 'Quinn', postcode: 'M14 5TT' }),
    ];
    const scored = scoreRecords(
      MARGARET,
      rows.map((row) => ({ record: row['tenant_id'], input: toPersonInput(tenants, row) })),
      OPTIONS,
    );
    expect(scored.map((s) => [s.record, s.band])).toEqual([
      [2, 'match'],
      [1, expect.any(String)],
      [3, 'no-match'],
    ]);
    expect(scored[1]!.score).toBeGreaterThan(scored[2]!.score);
  });

  it('uses term frequencies when given: a common surname counts for less', () => {
    const row = tenant({ forename: 'Margaret', surname: 'Hughes', postcode: 'LS6 2AB' });
    const input = toPersonInput(tenants, row);
    const [plain] = scoreRecords(MARGARET, [{ record: 1, input }], OPTIONS);
    const [common] = scoreRecords(MARGARET, [{ record: 1, input }], {
      ...OPTIONS,
      frequencies: { familyName: { counts: new Map([['hughes', 300]]), total: 1000 } },
    });
    expect(common!.score).toBeLessThan(plain!.score);
  });
});
