/**
 * Timing one erasure end to end through the actions service: the person's request is searched
 * and decided (untimed, as in the rest of the benchmark), then the plan is made, approved by a
 * DPO, executed and verified, each timed. It changes the demo's data, so it is run last, on
 * people outside the sample.
 */
import type { ErasurePlan } from '../../src/actions/erasure-plan.ts';
import { AppError } from '../../src/errors/app-error.ts';
import type { SystemId } from '../../src/demo/ground-truth.ts';
import type { Requester } from './baseline.ts';
import { ACTOR, newRequest, type Custodian } from './custodian.ts';
import type { ErasureFigures } from './report.ts';
import type { RowRef } from './scoring.ts';
import { timed, Timings } from './timings.ts';

export interface PersonToErase {
  requester: Requester;
  address: string;
  isTheirs: (row: RowRef) => boolean;
}

export async function measureErasures(
  custodian: Custodian,
  people: readonly PersonToErase[],
  systems: readonly SystemId[],
): Promise<ErasureFigures> {
  if (people.length === 0) return { measured: false, reason: 'no people to erase: --erasures 0' };
  const { services, discovery } = custodian;
  const { user: dpo } = await services.users.add(
    { email: 'dpo@benchmark.example', name: 'Benchmark DPO', role: 'dpo' },
    ACTOR,
  );
  const timings = new Timings();
  const rows = { delete: 0, update: 0, keep: 0 };
  const failures: string[] = [];
  for (const person of people) {
    const receivedOn = new Date().toISOString().slice(0, 10);
    const request = await services.rightsRequests.create(
      newRequest(person.requester, person.address, receivedOn, 'erasure'),
      ACTOR,
    );
    const reference = request.request.reference;
    const found = await discovery.search(reference, {
      actor: ACTOR,
      only: systems,
      details: { dateOfBirth: person.requester.dateOfBirth, postcodes: [person.requester.postcode] },
    });
    for (const candidate of found.candidates) {
      if (candidate.band === 'no-match') continue;
      const decision = person.isTheirs(candidate) ? 'confirmed' : 'rejected';
      if (candidate.decision !== decision) await discovery.decide(reference, candidate.id, decision, ACTOR);
    }
    try {
      const plan = await timed(() => services.actions.planErasure(reference, ACTOR));
      const approve = await timed(() => services.actions.approveErasure(reference, dpo));
      const execute = await timed(() => services.actions.executeErasure(reference, ACTOR));
      const verify = await timed(() => services.actions.verifyErasure(reference, ACTOR));
      timings.add('plan', plan.ms);
      timings.add('approve', approve.ms);
      timings.add('execute', execute.ms);
      timings.add('verify', verify.ms);
      timings.add('total', plan.ms + approve.ms + execute.ms + verify.ms);
      const totals = (plan.value.plan as ErasurePlan).totals;
      rows.delete += totals.delete;
      rows.update += totals.update;
      rows.keep += totals.keep;
      if (verify.value.state !== 'done') {
        const failed = verify.value.failures.map((f) => `${f.system}/${f.table}: ${f.error}`);
        failures.push(`${reference}: ${verify.value.state}: ${failed.join('; ')}`);
      }
    } catch (error) {
      // A refusal (nothing found to erase, a system down) is a result to report, not a crash.
      if (!(error instanceof AppError)) throw error;
      failures.push(`${reference}: ${error.message}`);
    }
  }
  return {
    measured: true,
    people: people.length,
    plan: timings.get('plan'),
    approve: timings.get('approve'),
    execute: timings.get('execute'),
    verify: timings.get('verify'),
    total: timings.get('total'),
    rows,
    failures,
  };
}
