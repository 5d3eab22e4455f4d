import { describe, expect, it } from 'vitest';
import type { ExecutionView, StepView } from '../actions/action-service.ts';
import type { ErasurePlan, TableErasurePlan } from '../actions/erasure-plan.ts';
import { erasurePlanModel, executionModel, stepDetail } from './actions-page.ts';

const people = { nameOf: (actor: string) => (actor === 'user:1' ? 'Casey Worker' : undefined) };

function step(overrides: Partial<StepView> = {}): StepView {
  return {
    id: 1,
    seq: 1,
    system: 'housing',
    table: 'tenants',
    state: 'done',
    attempts: 1,
    lastError: null,
    interrupted: false,
    lastAttemptAt: '2026-11-23T10:00:00Z',
    finishedAt: '2026-11-23T10:00:00Z',
    result: null,
    ...overrides,
  };
}

function execution(overrides: Partial<ExecutionView> = {}): ExecutionView {
  return {
    id: 3,
    reference: 'RR-2026-000001',
    kind: 'erasure',
    state: 'done',
    plan: null,
    outcome: null,
    createdAt: '2026-11-23T10:00:00Z',
    createdBy: 'user:1',
    approvedAt: null,
    approvedBy: null,
    startedAt: null,
    finishedAt: null,
    steps: [],
    failures: [],
    ...overrides,
  };
}

describe('an execution as the page shows it', () => {
  it('says what each step did in counts, and why one failed', () => {
    expect(
      stepDetail('erasure', step({ result: { deleted: 2, updated: 0, alreadyGone: 1, unchanged: 0 } })),
    ).toBe('2 rows deleted, 1 already gone');
    expect(stepDetail('access', step({ result: { rows: 1, missing: 0, ambiguous: 2 } }))).toBe(
      '1 row read, 2 left out (the key names several rows)',
    );
    expect(
      stepDetail('erasure', step({ state: 'failed', lastError: 'System housing did not answer: refused' })),
    ).toBe('System housing did not answer: refused');
  });

  it('offers to run again the steps of an execution that failed or stopped, never of one that is done', () => {
    const stopped = executionModel(
      execution({ state: 'running', steps: [step(), step({ id: 2, state: 'pending', interrupted: true })] }),
      people,
    );
    expect(stopped.steps.map((s) => s.state.text)).toEqual(['Done', 'Interrupted']);
    expect(stopped.canResume).toBe(true);
    expect(stopped.lines[0]).toBe('Started by Casey Worker on 23 November 2026 at 10:00am.');
    expect(
      executionModel(execution({ state: 'failed', steps: [step({ state: 'failed' })] }), people).canResume,
    ).toBe(true);
    expect(executionModel(execution({ steps: [step()] }), people).canResume).toBe(false);
  });
});

describe('the erasure plan as the DPO reads it', () => {
  const table = (overrides: Partial<TableErasurePlan>): TableErasurePlan => ({
    table: 'tenants',
    activity: 'tenancy',
    person: 'subject',
    action: 'keep',
    columns: [],
    rowKeptBecause: [],
    keptColumns: [],
    rows: [{ key: { tenant_id: 1 }, via: 'match' }],
    ...overrides,
  });
  const plan = (tables: TableErasurePlan[]): ErasurePlan => ({
    systems: [{ system: 'housing', tables }],
    totals: { delete: 1, update: 1, keep: 2 },
    complete: true,
    warnings: [],
  });
  const ordinary = { sensitivityOf: () => ({ kind: 'ordinary' }) as const, canSeeSpecial: false };

  it('gives each table its action, and a kept row the reason in law, not the columns’ notes', () => {
    const model = erasurePlanModel(
      plan([
        table({ table: 'calls', action: 'delete' }),
        table({
          action: 'update',
          columns: [
            { column: 'email', action: 'null' },
            { column: 'ni_number', action: 'hash' },
          ],
          rowKeptBecause: ['contract'],
        }),
        table({ table: 'rent', rowKeptBecause: ['the row key', 'legal-obligation'] }),
        table({ table: 'links', rowKeptBecause: ['the row key', 'a link'] }),
      ]),
      ordinary,
    );
    expect(model.systems[0]?.tables.map((t) => t.action)).toEqual([
      'Delete 1 row.',
      'Erase values in 1 row: email emptied, ni_number replaced by a keyed hash. The rows are not deleted because of the contract.',
      'Keep 1 row: a legal obligation (UK GDPR Art 17(3)(b)).',
      'Keep 1 row: nothing in them is to be erased.',
    ]);
    expect(model.totals).toBe('Delete 1 row, erase values in 1 row, keep 2 rows.');
  });
});
