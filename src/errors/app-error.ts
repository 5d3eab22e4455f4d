/**
 * The closed set of things that can go wrong in Custodian. Only the HTTP error handler and the CLI
 * map these to statuses and exit codes, so a new code fails to compile until both know it.
 */
export type ErrorCode =
  | 'invalid_input'
  | 'invalid_register'
  | 'not_found'
  | 'conflict'
  | 'invalid_transition'
  | 'holidays_out_of_range'
  | 'store_unavailable'
  | 'migration_failed'
  | 'invalid_configuration'
  | 'unauthenticated'
  | 'forbidden'
  /** A message could not be sent (SMTP or GOV.UK Notify refused it or could not be reached). */
  | 'mail_failed'
  | 'internal';

/** One problem with input, located where possible (a field, or a file and line). */
export interface Problem {
  /** Where: a field name (`received`), a dotted path, or `file:line`. */
  where: string;
  message: string;
  hint?: string;
  severity?: 'error' | 'warning';
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly problems: readonly Problem[];

  constructor(code: ErrorCode, message: string, options: { problems?: Problem[]; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.problems = options.problems ?? [];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Bad input named by field: the caller gets a 400 (HTTP) or exit 2 (CLI). */
export function invalidInput(where: string, message: string): AppError {
  return new AppError('invalid_input', `${where}: ${message}`, { problems: [{ where, message }] });
}

export function notFound(what: string): AppError {
  return new AppError('not_found', `${what} was not found`);
}
