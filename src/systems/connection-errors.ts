import { AppError } from '../errors/app-error.ts';

/**
 * Turning a driver's error into an AppError a person can act on, without a stack, a secret or a
 * value from the data: connection failures become `store_unavailable` ("System housing did not
 * answer: connection refused"); a refused change or value says which table; anything else gives
 * the driver's error code only. Driver messages are never passed on, since they can quote values
 * (`invalid input syntax for type date: "12/13/1980"`) or a connection string.
 */

/** Why a system could not be reached, from the codes drivers use; undefined when it is not a connection error. */
export function connectionFailure(error: unknown): string | undefined {
  const code = codeOf(error);
  switch (code ?? '') {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'its host name was not found';
    case 'ETIMEDOUT':
    case 'ECONNRESET':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'PROTOCOL_CONNECTION_LOST':
      return 'the connection timed out or was cut';
    // PostgreSQL: invalid_password, invalid_authorization_specification; MySQL: access denied.
    case '28P01':
    case '28000':
    case 'ER_ACCESS_DENIED_ERROR':
    case 'ER_DBACCESS_DENIED_ERROR':
      return 'the user name or password was refused';
    // PostgreSQL: invalid_catalog_name; MySQL: unknown database.
    case '3D000':
    case 'ER_BAD_DB_ERROR':
      return 'the database named in its connection URL does not exist';
    case '57P01':
    case '57P03':
    case '53300':
    case 'ER_CON_COUNT_ERROR':
      return 'it is shutting down, starting up or has too many connections';
    case 'SQLITE_CANTOPEN':
      return 'the database file cannot be opened';
    case 'SQLITE_NOTADB':
      return 'the file is not a SQLite database';
    case 'SQLITE_BUSY':
      return 'the database file is locked by another program';
    default:
      break;
  }
  if (error instanceof Error && /timeout/i.test(error.message) && /connect/i.test(error.message))
    return 'the connection timed out';
  return undefined;
}

/** The AppError a connector throws for a system that did not answer. */
export function unavailable(system: string, why: string): AppError {
  return new AppError('store_unavailable', `System ${system} did not answer: ${why}`);
}

/**
 * The AppError for any failure while talking to a system. `doing` says what was being done, such
 * as "reading tenants" or "changing tenants".
 */
export function describeFailure(system: string, doing: string, error: unknown): AppError {
  if (error instanceof AppError) return error;
  const why = connectionFailure(error);
  if (why !== undefined) return unavailable(system, why);
  const code = codeOf(error);
  if (code !== undefined) {
    if (isConstraintViolation(code))
      return new AppError(
        'conflict',
        `System ${system} refused ${doing}: a rule of the table (${constraintKind(code)}) was broken`,
      );
    if (isValueRefused(code))
      return new AppError(
        'invalid_input',
        `System ${system} refused a value while ${doing}: it does not suit the column's type`,
      );
  }
  return new AppError(
    'internal',
    `System ${system} failed while ${doing} (error ${code ?? 'without a code'})`,
  );
}

function isConstraintViolation(code: string): boolean {
  return (
    /^23/.test(code) ||
    code.startsWith('SQLITE_CONSTRAINT') ||
    [
      'ER_DUP_ENTRY',
      'ER_BAD_NULL_ERROR',
      'ER_NO_REFERENCED_ROW_2',
      'ER_ROW_IS_REFERENCED_2',
      'ER_NO_DEFAULT_FOR_FIELD',
    ].includes(code)
  );
}

function constraintKind(code: string): string {
  if (code === '23502' || code === 'ER_BAD_NULL_ERROR' || code === 'SQLITE_CONSTRAINT_NOTNULL')
    return 'a value is required';
  if (
    code === '23505' ||
    code === 'ER_DUP_ENTRY' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  )
    return 'values must be unique';
  if (
    code === '23503' ||
    code.startsWith('ER_NO_REFERENCED') ||
    code.startsWith('ER_ROW_IS_REFERENCED') ||
    code === 'SQLITE_CONSTRAINT_FOREIGNKEY'
  )
    return 'a reference to another row';
  if (code === '23514' || code === 'SQLITE_CONSTRAINT_CHECK') return 'a check';
  return code;
}

function isValueRefused(code: string): boolean {
  return (
    /^22/.test(code) ||
    code === 'SQLITE_MISMATCH' ||
    [
      'ER_TRUNCATED_WRONG_VALUE',
      'ER_TRUNCATED_WRONG_VALUE_FOR_FIELD',
      'ER_DATA_TOO_LONG',
      'ER_WARN_DATA_OUT_OF_RANGE',
      'WARN_DATA_TRUNCATED',
    ].includes(code)
  );
}

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code !== '') return code;
  // Node's AggregateError (several addresses refused) carries the code of its errors.
  const errors = (error as { errors?: unknown }).errors;
  if (Array.isArray(errors)) return codeOf(errors[0]);
  return undefined;
}
