import { AppError } from '../errors/app-error.ts';
import type { Row } from '../systems/connector.ts';

/**
 * An execution is one piece of work on a request's data, held as stored steps (one per system ×
 * table) so that it can be resumed. Its state:
 *
 *     planned ──approve (erasure only)──► approved ──► running ──► done
 *        └──────────── (other kinds) ──────────────►    │   ▲
 *                                                        ▼   │ resume
 *                                                      failed
 *
 * A crash leaves it `running` with some steps pending; `resume` runs the pending and failed steps
 * only, so nothing done is done again.
 */

export const EXECUTION_KINDS = ['access', 'erasure', 'rectification', 'restriction', 'portability'] as const;
export type ExecutionKind = (typeof EXECUTION_KINDS)[number];

export const EXECUTION_STATES = ['planned', 'approved', 'running', 'done', 'failed'] as const;
export type ExecutionState = (typeof EXECUTION_STATES)[number];

export const STEP_STATES = ['pending', 'done', 'failed'] as const;
export type StepState = (typeof STEP_STATES)[number];

/** Whether an execution in `state` may start or continue running now. */
export function assertCanRun(kind: ExecutionKind, state: ExecutionState, id: number): void {
  if (state === 'running' || state === 'failed') return;
  if (kind === 'erasure' && state === 'planned')
    throw new AppError(
      'invalid_transition',
      `Erasure execution ${id} has not been approved: a user with the DPO role must approve its plan first`,
    );
  if (state === 'done') throw new AppError('invalid_transition', `Execution ${id} is already done`);
  if (kind !== 'erasure' && state === 'approved')
    throw new AppError('invalid_transition', `Execution ${id} is ${state}, which only an erasure can be`);
}

/** Whether an erasure plan in `state` may be approved. */
export function assertCanApprove(kind: ExecutionKind, state: ExecutionState, id: number): void {
  if (kind !== 'erasure')
    throw new AppError('invalid_transition', `Only an erasure is approved; execution ${id} is ${kind}`);
  if (state !== 'planned')
    throw new AppError(
      'invalid_transition',
      `Erasure execution ${id} is ${state}; only a planned erasure can be approved`,
    );
}

export function isExecutionKind(value: string): value is ExecutionKind {
  return (EXECUTION_KINDS as readonly string[]).includes(value);
}

export function isExecutionState(value: string): value is ExecutionState {
  return (EXECUTION_STATES as readonly string[]).includes(value);
}

export function isStepState(value: string): value is StepState {
  return (STEP_STATES as readonly string[]).includes(value);
}

/**
 * A row's key as canonical text: columns sorted by name and values as text, since systems may
 * return a key as a number on one side and as text on the other. Used to compare keys and to store
 * restrictions.
 */
export function canonicalKey(key: Row): string {
  const entries = Object.entries(key)
    .map(([column, value]) => [column, value === null ? null : String(value)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(Object.fromEntries(entries));
}

/** Whether a row read from a system is the one the key names. */
export function hasKey(row: Row, key: Row): boolean {
  return Object.entries(key).every(([column, value]) => {
    const held = row[column];
    return held !== undefined && held !== null && value !== null && String(held) === String(value);
  });
}

/** The text stored as a step's last error: short, and only an AppError's message (which never holds values or secrets). */
export function errorText(error: unknown): string {
  if (error instanceof AppError)
    return error.message.length > 300 ? `${error.message.slice(0, 297)}...` : error.message;
  // Anything else may quote data or a connection string: only its kind is kept.
  const name = error instanceof Error ? error.name : typeof error;
  return `An unexpected error (${name}) stopped the step`;
}
