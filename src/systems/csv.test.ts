import { describe, expect, it } from 'vitest';
import { CsvError, formatCsv, parseCsv } from './csv.ts';

describe('CSV as RFC 4180 describes it', () => {
  it.each([
    [
      'plain fields',
      'a,b\r\n1,2\r\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'no final line break',
      'a,b\n1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    ['quoted commas and doubled quotes', 'a,"b, ""c"""\r\n', [['a', 'b, "c"']]],
    [
      'line breaks inside quotes',
      'id,notes\r\n1,"first\r\nsecond\nthird"\r\n2,x\r\n',
      [
        ['id', 'notes'],
        ['1', 'first\r\nsecond\nthird'],
        ['2', 'x'],
      ],
    ],
    ['empty fields, quoted or not', ',"",\n', [['', '', '']]],
    ['a quote inside an unquoted field, kept', 'O"Brien,x\n', [['O"Brien', 'x']]],
    ['old Mac line breaks', 'a\rb\r', [['a'], ['b']]],
    ['an empty line', 'a\n\nb\n', [['a'], [''], ['b']]],
  ])('reads %s', (_, text, records) => {
    expect(parseCsv(text).records).toEqual(records);
  });

  it('keeps the byte order mark and line break of the file, so a rewrite keeps them', () => {
    const parsed = parseCsv('\uFEFFname,notes\n"Smith, Ann","said ""hi""\nthen left"\n');
    expect(parsed).toMatchObject({ bom: true, lineBreak: '\n' });
    expect(formatCsv(parsed.records, parsed)).toBe(
      '\uFEFFname,notes\n"Smith, Ann","said ""hi""\nthen left"\n',
    );
    expect(parseCsv('a\r\nb\r\n').lineBreak).toBe('\r\n');
  });

  it('says where a quoted field is never closed', () => {
    expect(() => parseCsv('a\nb,"open\nstill open')).toThrow(
      new CsvError('a quoted field opened at line 2 is never closed'),
    );
  });
});
