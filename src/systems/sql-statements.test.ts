import { describe, expect, it } from 'vitest';
import {
  changeStatement,
  likePrefix,
  MYSQL_SQL,
  POSTGRES_SQL,
  selectStatement,
  SQLITE_SQL,
} from './sql-statements.ts';

describe('SQL statements', () => {
  it('quotes names for each system, doubling the quote character', () => {
    expect(POSTGRES_SQL.quote('say "hi"')).toBe('"say ""hi"""');
    expect(MYSQL_SQL.quote('back`tick')).toBe('`back``tick`');
    expect(SQLITE_SQL.quote('"; DROP TABLE x; --')).toBe('"""; DROP TABLE x; --"');
  });

  it('escapes %, _ and the escape character in a prefix', () => {
    expect(likePrefix('50%_off!')).toBe('50!%!_off!!%');
  });

  it('builds an OR of ANDs with every value a parameter, and the limit', () => {
    const statement = selectStatement(
      POSTGRES_SQL,
      {
        table: 'tenants',
        columns: ['email'],
        anyOf: [
          [
            { column: 'surname', startsWith: 'O_B' },
            { column: 'dob', equals: ['1980-01-31', null] },
          ],
          [{ column: 'email', equals: ['a@example.org', 'b@example.org'] }],
          [{ column: 'email', equals: [] }],
        ],
        limit: 50,
      },
      ['email', 'tenant_id'],
    );
    expect(statement).toEqual({
      text:
        'SELECT "email", "tenant_id" FROM "tenants" WHERE ("surname" LIKE $1 ESCAPE \'!\' AND ("dob" IN ($2) OR "dob" IS NULL))' +
        ' OR ("email" IN ($3, $4)) OR (1 = 0) LIMIT 50',
      values: ['O!_B%', '1980-01-31', 'a@example.org', 'b@example.org'],
    });
  });

  it('updates and deletes one row by its key', () => {
    expect(
      changeStatement(MYSQL_SQL, {
        table: 'contacts',
        key: { contact_id: 7 },
        action: 'update',
        set: { email: null, phone: '' },
      }),
    ).toEqual({
      text: 'UPDATE `contacts` SET `email` = ?, `phone` = ? WHERE `contact_id` = ?',
      values: [null, '', 7],
    });
    expect(changeStatement(POSTGRES_SQL, { table: 't', key: { a: 1, b: 'x' }, action: 'delete' })).toEqual({
      text: 'DELETE FROM "t" WHERE "a" = $1 AND "b" = $2',
      values: [1, 'x'],
    });
  });
});
