import { describe, expect, it } from 'vitest';
import { DEVELOPMENT_HASH_KEY, loadConfig } from '../config/config.ts';
import { withDefaults, type AnnotationFile } from '../systems/annotation-schema.ts';
import { tableErasure } from './erasure-plan.ts';
import { erasedValue, isErased, maskValue } from './erasure-values.ts';
import { canonicalKey, errorText } from './execution.ts';
import { hashedValue, isHashed, suppressionHash } from './keyed-hash.ts';
import { emptyPersonValues, type PersonValues } from './person-values.ts';
import { tableOrder } from './records.ts';
import { countMentions, redact, redactionPatterns } from './redaction.ts';

const ann: PersonValues = {
  ...emptyPersonValues(),
  names: ['Ann Smith', 'Mrs Ann Smith-Jones'],
  emails: ['ann.smith@example.org'],
  phones: ['07700 900123', '01632 960111'],
  postcodes: ['RV1 4XY'],
  datesOfBirth: ['1980-03-07'],
  niNumbers: ['AB 12 34 56 C'],
  nhsNumbers: ['9434765919'],
  addresses: ['12 High Street, Riverside RV1 4XY'],
  references: ['TEN-000123'],
};
const patterns = redactionPatterns(ann);

describe('redacting free text', () => {
  it.each([
    ['Ann Smith called.', '[redacted] called.'],
    ['ANN said so; smith agreed', '[redacted] said so; [redacted] agreed'],
    ["Ann's rent", "[redacted]'s rent"],
    ['Annabel Smithson visited', 'Annabel Smithson visited'],
    ['Mail ann.smith@example.org or ANN.SMITH@EXAMPLE.ORG', 'Mail [redacted] or [redacted]'],
    [
      'Rang 07700900123, +44 7700 900123, +44 (0)7700 900 123, 0044 7700 900123',
      'Rang [redacted], [redacted], [redacted], [redacted]',
    ],
    ['Home (01632) 960111', 'Home [redacted]'],
    ['Not her number: 07700 900124 or 107700900123', 'Not her number: 07700 900124 or 107700900123'],
    ['Lives at rv14xy, RV1  4XY', 'Lives at [redacted], [redacted]'],
    [
      'Born 07/03/1980, 7/3/1980, 1980-03-07, 7th March 1980, Mar 7, 1980',
      'Born [redacted], [redacted], [redacted], [redacted], [redacted]',
    ],
    ['Born 17/03/1980', 'Born 17/03/1980'],
    ['NI ab123456c and AB 12 34 56 C', 'NI [redacted] and [redacted]'],
    ['NHS 943 476 5919', 'NHS [redacted]'],
    ['Moved from 12 High Street, Riverside RV1 4XY last year', 'Moved from [redacted] last year'],
    ['At 12 High Street now', 'At [redacted] now'],
    ['Tenancy TEN-000123', 'Tenancy [redacted]'],
    ['Her neighbour Bob Jones complained', 'Her neighbour Bob Jones complained'],
    ['Mrs Smith-Jones rang', 'Mrs [redacted] rang'],
  ])('%s', (text, expected) => {
    expect(redact(text, patterns).text).toBe(expected);
  });

  it('finds nothing left to redact in what it redacted, and changes nothing the second time', () => {
    const once = redact('Ann Smith (07700 900123, ann.smith@example.org) of RV1 4XY', patterns);
    expect(once.replaced).toBe(4);
    expect(countMentions(once.text, patterns)).toBe(0);
    expect(redact(once.text, patterns)).toEqual({ text: once.text, replaced: 0 });
  });
});

describe('keyed hashes', () => {
  const key = 'k'.repeat(32);

  it('hash the normalised value, so spellings of one value agree, and kinds do not collide', () => {
    expect(hashedValue(key, 'phone', '07700 900123')).toBe(hashedValue(key, 'phone', '+44 7700 900123'));
    expect(hashedValue(key, 'email', 'Ann.Smith@Example.org ')).toBe(
      hashedValue(key, 'email', 'ann.smith@example.org'),
    );
    expect(hashedValue(key, 'ni_number', 'ab 12 34 56 c')).toBe(hashedValue(key, 'ni_number', 'AB123456C'));
    expect(hashedValue(key, 'reference', '7700900123')).not.toBe(hashedValue(key, 'phone', '7700900123'));
    expect(hashedValue('x'.repeat(32), 'phone', '07700 900123')).not.toBe(
      hashedValue(key, 'phone', '07700 900123'),
    );
    expect(isHashed(hashedValue(key, undefined, 'anything'))).toBe(true);
    expect(isHashed('hmac-sha256:abc')).toBe(false);
  });

  it('suppress only what can be read as an email address or phone number', () => {
    expect(suppressionHash(key, 'email', 'not an email')).toBeUndefined();
    expect(suppressionHash(key, 'phone', '12')).toBeUndefined();
    expect(suppressionHash(key, 'email', 'a@example.org')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('take their key from CUSTODIAN_HASH_KEY, required in production', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).hashKey()).toBe(DEVELOPMENT_HASH_KEY);
    expect(loadConfig({ NODE_ENV: 'development', CUSTODIAN_HASH_KEY: key }).hashKey()).toBe(key);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /CUSTODIAN_HASH_KEY: is required in production/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production', CUSTODIAN_HASH_KEY: 'short' })).toThrow(
      /CUSTODIAN_HASH_KEY: must be at least 32 characters/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production', CUSTODIAN_HASH_KEY: 'short' })).not.toThrow(/short"/);
    expect(JSON.stringify(loadConfig({ NODE_ENV: 'test', CUSTODIAN_HASH_KEY: key }))).not.toContain(key);
  });
});

describe('erasure values', () => {
  const context = { hashKey: 'k'.repeat(32), patterns, columnType: 'text', isFiles: false };

  it.each([
    ['null', 'x', null],
    ['mask', 'Ann', '[erased]'],
    ['mask', null, null],
    ['redact', 'Ann Smith rang', '[redacted] rang'],
  ] as const)('%s of %j is %j', (action, current, expected) => {
    expect(erasedValue({ column: 'c', action }, current, context)).toBe(expected);
  });

  it('gives the same value applied to its own result', () => {
    for (const action of ['null', 'mask', 'hash', 'redact'] as const) {
      const column = { column: 'c', action, identifies: 'phone' as const };
      const once = erasedValue(column, 'Ann Smith 07700 900123', context);
      expect(erasedValue(column, once, context)).toBe(once);
      expect(isErased(column, once, context)).toBe(true);
    }
  });

  it("masks with the type's empty value", () => {
    expect(maskValue('varchar(40)', false)).toBe('[erased]');
    expect(maskValue('integer', false)).toBe(0);
    expect(maskValue('boolean', false)).toBe(false);
    expect(maskValue('date', false)).toBeNull();
    expect(maskValue('number', true)).toBe('[erased]');
  });
});

describe('what erasure does to a table', () => {
  const annotation = (tables: AnnotationFile['tables']) =>
    withDefaults(
      { system: 's', connection: { kind: 'sqlite', path: 'x' }, tables },
      { file: 's.yaml', baseDir: '/', locations: {} },
    );
  const table = (columns: AnnotationFile['tables'][string]['columns']) =>
    annotation({ t: { key: ['id'], activity: 'a', columns } }).tables['t'];

  it.each([
    [{ id: { erasure: 'delete-row' as const }, note: { reason: 'the row key' } }, 'delete', []],
    [
      { id: { erasure: 'delete-row' as const }, held: { erasure: 'keep' as const, reason: 'legal-hold' } },
      'keep',
      ['legal-hold'],
    ],
    [
      {
        id: { erasure: 'delete-row' as const },
        held: { erasure: 'keep' as const, reason: 'contract' },
        email: { erasure: null },
      },
      'update',
      ['contract'],
    ],
    [{ id: { erasure: 'keep' as const, reason: 'the row key' }, email: { erasure: null } }, 'update', []],
    [{ id: { erasure: 'keep' as const, reason: 'the row key' } }, 'keep', ['the row key']],
    [{ id: {} }, 'keep', ['not annotated']],
  ])('%j → %s', (columns, action, kept) => {
    const annotated = table(columns);
    if (annotated === undefined) throw new Error('no table');
    const result = tableErasure(annotated, undefined);
    expect(result.action).toBe(action);
    expect(result.rowKeptBecause).toEqual(kept);
  });

  it('keeps every row of an activity on a legal obligation or public task (Art 17(3)(b))', () => {
    const annotated = table({ id: { erasure: 'delete-row' } });
    if (annotated === undefined) throw new Error('no table');
    const activity = (article_6: 'legal-obligation' | 'public-task' | 'consent') =>
      ({ lawful_basis: { article_6 } }) as Parameters<typeof tableErasure>[1];
    expect(tableErasure(annotated, activity('legal-obligation')).rowKeptBecause).toEqual([
      'legal-obligation',
    ]);
    expect(tableErasure(annotated, activity('public-task')).rowKeptBecause).toEqual([
      'public-task (UK GDPR Art 17(3)(b))',
    ]);
    expect(tableErasure(annotated, activity('consent')).action).toBe('delete');
  });

  it('orders tables so that rows belonging to others go first, even in a cycle', () => {
    const tables = annotation({
      a: { key: ['id'], activity: 'x', columns: {}, references: [{ to: 'b', columns: { id: 'a_id' } }] },
      b: { key: ['id'], activity: 'x', columns: {}, references: [{ to: 'c', columns: { id: 'b_id' } }] },
      c: { key: ['id'], activity: 'x', columns: {}, references: [{ to: 'a', columns: { id: 'c_id' } }] },
      d: { key: ['id'], activity: 'x', columns: {} },
    });
    expect(tableOrder(tables)).toEqual(['c', 'b', 'a', 'd']);
  });
});

describe('keys and errors', () => {
  it('compare keys whatever the order of their columns and the type of their values', () => {
    expect(canonicalKey({ b: 2, a: '1' })).toBe(canonicalKey({ a: 1, b: '2' }));
  });

  it('keep only an AppError message, never another error’s text', () => {
    expect(errorText(new Error('password=hunter2 at postgres://x'))).toBe(
      'An unexpected error (Error) stopped the step',
    );
  });
});
