import type { RecordableEvent, TaskKind } from './request-input.ts';

/** One entry of a request's timeline. `date` is the day it happened, which may be earlier than the day it was recorded. */
export type RequestEvent =
  | { type: 'received'; date: string }
  | RecordableEvent
  | {
      type: 'task-opened';
      date: string;
      taskId: number;
      kind: TaskKind;
      assignee: string;
      dueOn: string;
      detail?: string | undefined;
    }
  | { type: 'task-done'; date: string; taskId: number; detail?: string | undefined };

export type RequestEventType = RequestEvent['type'];

/** An event as stored: never updated or deleted, in the order it was recorded. */
export interface TimelineEntry {
  seq: number;
  event: RequestEvent;
  recordedAt: string;
  actor: string;
}
