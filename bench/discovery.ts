/**
 * How well and how fast Custodian's discovery finds one person in the organisation's systems.
 * Run: `npm run bench:discovery` (a 100,000-person demo is generated and dropped afterwards),
 * `-- --people 1000000`, or `-- --demo DIR` for an existing demo; `-- --help` for the options.
 *
 * For each sampled person (half at random, half drawn so that every hard case is present), in
 * each system: a rights request is logged in a fresh Custodian store with what the person would
 * give (name, email, phone, postcode, date of birth), the system is searched, the candidates are
 * decided as a perfect caseworker would (from the ground truth) and the person's rows collected.
 * What was surfaced is scored against the ground truth, and the time taken is set beside
 * hand-written indexed SQL doing the same on the same data. Prints its figures and the machine.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CRM_URL_ENV, HOUSING_URL_ENV } from '../src/demo/annotation-files.ts';
import { DEMO_PATHS } from '../src/demo/demo-files.ts';
import { HARD_CASES, type GroundTruthLine, type SystemId } from '../src/demo/ground-truth.ts';
import { openBaseline, type BaselineLookup, type BaselineSources, type Requester } from './lib/baseline.ts';
import { findAndCollect, openCustodian, requesterOf, type Custodian, type Spent } from './lib/custodian.ts';
import { baselineSources, dropDemo, generateDemo, openDemo, type Demo } from './lib/demo.ts';
import { measureErasures } from './lib/erasure.ts';
import { describeMachine, type Machine } from './lib/machine.ts';
import { readOptions, USAGE, UsageError, type BenchOptions } from './lib/options.ts';
import {
  formatReport,
  ratesOf,
  type BenchResult,
  type ErasureFigures,
  type SystemTimings,
} from './lib/report.ts';
import { drawSample, type SampledPerson } from './lib/sample.ts';
import {
  rowId,
  rowOwners,
  summarise,
  type PersonResult,
  type RowOwners,
  type RowRef,
  type Tally,
} from './lib/scoring.ts';
import { timed, Timings } from './lib/timings.ts';

const progress = (message: string) => process.stderr.write(`bench:discovery: ${message}\n`);
const countPeople = (n: number) => `${n.toLocaleString('en-GB')} ${n === 1 ? 'person' : 'people'}`;

let interrupted = false;

/** The three measurements of one person in one system, in an order that turns with each person. */
function rotated<T>(items: readonly T[], by: number): T[] {
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

interface Person {
  line: GroundTruthLine;
  part: SampledPerson['part'];
  owners: RowOwners;
  /** Whether a row is the person's own: what a perfect caseworker knows. */
  isTheirs: (row: RowRef) => boolean;
  requester: Requester;
  address: string;
}

function personOf(
  sampled: SampledPerson,
  related: ReadonlyMap<string, GroundTruthLine>,
  systems: SystemId[],
): Person {
  const identity = sampled.line.identity;
  const owners = rowOwners(sampled.line, related, new Set(systems));
  return {
    line: sampled.line,
    part: sampled.part,
    owners,
    isTheirs: (row) => owners.ownerOf(rowId(row)) === 'the person',
    requester: requesterOf(identity),
    address: `${identity.address}, ${identity.postcode}`,
  };
}

/** What measuring everyone leaves behind: times, each person's results, and the searches' warnings. */
class Measurements {
  readonly timings = new Timings();
  readonly results: { result: PersonResult; owners: RowOwners }[] = [];
  readonly baselineResults: { result: PersonResult; owners: RowOwners }[] = [];
  readonly failures = new Map<string, number>();
  readonly warnings = new Map<string, number>();

  warn(warnings: readonly string[]): void {
    for (const warning of warnings) this.warnings.set(warning, (this.warnings.get(warning) ?? 0) + 1);
  }
}

/** Looks for one person in every system: discovery, and the hand-written lookups both ways. */
async function measurePerson(
  person: Person,
  turn: number,
  context: {
    custodian: Custodian;
    systems: readonly SystemId[];
    kept: ReadonlyMap<SystemId, BaselineLookup>;
    sources: BaselineSources;
    into: Measurements | undefined;
  },
): Promise<void> {
  const { into } = context;
  const candidates: PersonResult['candidates'][number][] = [];
  const collected: RowRef[] = [];
  const baselineRows: RowRef[] = [];
  for (const system of context.systems) {
    const discovery = async () => {
      const run = await findAndCollect(context.custodian, {
        requester: person.requester,
        address: person.address,
        system,
        isTheirs: person.isTheirs,
      });
      candidates.push(...run.candidates);
      collected.push(...run.collected);
      if (into === undefined) return;
      into.timings.add(`${system}/find`, run.findMs);
      into.timings.add(`${system}/collect`, run.collectMs);
      const total = run.findMs + run.collectMs;
      into.timings.add(`${system}/total`, total);
      const spent = (part: keyof Spent) => run.findSpent[part] + run.collectSpent[part];
      for (const part of ['annotations', 'schema', 'queries'] as const)
        into.timings.add(`${system}/${part}`, spent(part));
      into.timings.add(`${system}/rest`, total - spent('annotations') - spent('schema') - spent('queries'));
      if (run.status === 'failed') into.failures.set(system, (into.failures.get(system) ?? 0) + 1);
      into.warn(run.reason === null ? run.warnings : [...run.warnings, `search failed: ${run.reason}`]);
    };
    const keptConnection = async () => {
      const lookup = context.kept.get(system);
      if (lookup === undefined) return;
      const { value, ms } = await timed(() => lookup.findAndCollect(person.requester));
      baselineRows.push(...value);
      into?.timings.add(`${system}/baseline`, ms);
    };
    const connectingEachTime = async () => {
      const { ms } = await timed(async () => {
        const lookup = await openBaseline(system, context.sources);
        try {
          return await lookup.findAndCollect(person.requester);
        } finally {
          await lookup.close();
        }
      });
      into?.timings.add(`${system}/connecting`, ms);
    };
    // Whichever runs first warms the servers' caches for the others: the order turns.
    for (const measure of rotated([discovery, keptConnection, connectingEachTime], turn)) await measure();
  }
  if (into === undefined) return;
  into.results.push({
    result: { person: person.line, part: person.part, candidates, collected },
    owners: person.owners,
  });
  into.baselineResults.push({
    result: {
      person: person.line,
      part: person.part,
      candidates: baselineRows.map((row) => ({ row, band: 'match' as const })),
      collected: [],
    },
    owners: person.owners,
  });
}

function systemTimings(measurements: Measurements, system: string): SystemTimings {
  const get = (name: string) => measurements.timings.get(`${system}/${name}`);
  const total = get('total');
  const baseline = get('baseline');
  const connecting = get('connecting');
  return {
    find: get('find'),
    collect: get('collect'),
    findAndCollect: total,
    spent: {
      annotations: get('annotations'),
      schema: get('schema'),
      queries: get('queries'),
      rest: get('rest'),
    },
    baseline,
    baselineConnecting: connecting,
    ratio: { p50: total.p50 / baseline.p50, p95: total.p95 / baseline.p95 },
    ratioConnecting: { p50: total.p50 / connecting.p50, p95: total.p95 / connecting.p95 },
    failures: measurements.failures.get(system) ?? 0,
  };
}

function rowsOf(demo: Demo, system: string): number {
  const tables = demo.manifest.systems[system as SystemId].tables;
  return Object.values(tables).reduce((total, rows) => total + rows, 0);
}

/** The figures of a run, from what was measured. */
function describeResults(input: {
  demo: Demo;
  options: BenchOptions;
  machine: Machine;
  /** The people measured (fewer than sampled when interrupted). */
  people: readonly Person[];
  measurements: Measurements;
  erasure: ErasureFigures;
  load: BenchResult['load'];
  seconds: number;
}): BenchResult {
  const { demo, options, people, measurements } = input;
  const scores = summarise(measurements.results, options.systems, HARD_CASES);
  const baselineScores = summarise(measurements.baselineResults, options.systems, HARD_CASES, 0);
  const rates = (tallies: Record<string, Tally>) =>
    Object.fromEntries(Object.entries(tallies).map(([name, tally]) => [name, ratesOf(tally)]));
  return {
    machine: input.machine,
    demo: {
      name: demo.manifest.name,
      people: demo.manifest.people,
      seed: demo.manifest.seed,
      rows: demo.manifest.rows,
      rowsBySystem: Object.fromEntries(Object.keys(demo.manifest.systems).map((s) => [s, rowsOf(demo, s)])),
      generatedSeconds: demo.generated?.seconds ?? null,
    },
    sample: {
      people: people.length,
      random: people.filter((p) => p.part === 'random').length,
      hardCase: people.filter((p) => p.part === 'hard-case').length,
      seed: options.seed,
      systems: options.systems,
      byKind: Object.fromEntries(
        HARD_CASES.map((k) => [k, people.filter((p) => p.line.kinds.includes(k)).length]),
      ),
      store: 'SQLite (a temporary file)',
    },
    accuracy: {
      overall: ratesOf(scores.overall),
      random: ratesOf(scores.random),
      byKind: rates(scores.byKind),
      bySystem: rates(scores.bySystem),
      baseline: ratesOf(baselineScores.overall),
    },
    timings: Object.fromEntries(
      options.systems.map((system) => [system, systemTimings(measurements, system)]),
    ),
    erasure: input.erasure,
    warnings: [...measurements.warnings]
      .map(([warning, times]) => ({ warning, times }))
      .sort((a, b) => b.times - a.times),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    load: input.load,
    seconds: input.seconds,
    interrupted,
    missed: scores.missed,
    wrongMatches: scores.wrongMatches,
  };
}

async function run(demo: Demo, options: BenchOptions, started: number): Promise<BenchResult> {
  const machine = await describeMachine({
    postgres: demo.env[HOUSING_URL_ENV] ?? '',
    mysql: demo.env[CRM_URL_ENV] ?? '',
  });
  const groundTruth = path.join(demo.dir, DEMO_PATHS.groundTruth);
  progress(`drawing ${String(options.sample)} people from ${groundTruth}`);
  const sample = await drawSample(groundTruth, {
    size: options.sample,
    // Some spare people have no record in the systems searched: enough for the erasures anyway.
    spare: options.warmUp + options.erasures * 3,
    seed: options.seed,
    hardCaseShare: 0.5,
  });
  const related = sample.related;
  const people = sample.people.map((sampled) => personOf(sampled, related, options.systems));
  const warmUp = sample.spare
    .slice(0, options.warmUp)
    .map((line) => personOf({ line, part: 'random' }, related, options.systems));
  // Only people with a record in the systems searched can have one erased.
  const toErase = sample.spare
    .slice(options.warmUp)
    .map((line) => personOf({ line, part: 'random' }, related, options.systems))
    .filter((person) => person.owners.truth.size > 0)
    .slice(0, options.erasures);

  const custodian = await openCustodian(demo);
  const sources = baselineSources(demo);
  const kept = new Map<SystemId, BaselineLookup>();
  const measurements = new Measurements();
  try {
    for (const system of options.systems) kept.set(system, await openBaseline(system, sources));
    const context = { custodian, systems: options.systems, kept, sources };
    progress(`warming up on ${countPeople(warmUp.length)}`);
    for (const [turn, person] of warmUp.entries())
      await measurePerson(person, turn, { ...context, into: undefined });

    const loadAtStart = os.loadavg()[0] ?? 0;
    const loopStart = performance.now();
    let lastReport = loopStart;
    for (const [turn, person] of people.entries()) {
      if (interrupted) break;
      await measurePerson(person, turn, { ...context, into: measurements });
      if (performance.now() - lastReport > 15_000 || turn + 1 === people.length) {
        lastReport = performance.now();
        const seconds = (lastReport - loopStart) / 1000;
        progress(`${String(turn + 1)} of ${String(people.length)} people, ${seconds.toFixed(0)} s`);
      }
    }
    // Erasing changes the demo's data: it comes last, on people outside the sample.
    if (!interrupted && toErase.length > 0)
      progress(`erasing ${countPeople(toErase.length)} outside the sample`);
    const erasure = interrupted
      ? { measured: false as const, reason: 'interrupted' }
      : await measureErasures(custodian, toErase, options.systems);

    return describeResults({
      demo,
      options,
      machine,
      people: people.slice(0, measurements.results.length),
      measurements,
      erasure,
      load: { start: loadAtStart, end: os.loadavg()[0] ?? 0 },
      seconds: (performance.now() - started) / 1000,
    });
  } finally {
    for (const lookup of kept.values()) await lookup.close().catch(() => undefined);
    await custodian.close();
  }
}

async function main(argv: readonly string[]): Promise<number> {
  let options: BenchOptions | undefined;
  try {
    options = readOptions(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`bench:discovery: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options === undefined) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const started = performance.now();
  process.once('SIGINT', () => {
    interrupted = true;
    progress(
      'interrupted: finishing the person in hand, then reporting and cleaning up (Ctrl-C again to stop at once)',
    );
  });
  if (options.demo === undefined)
    progress(`generating a demo of ${options.people.toLocaleString('en-GB')} people`);
  const demo =
    options.demo === undefined
      ? await generateDemo(options.people, options.seed)
      : await openDemo(options.demo);
  try {
    const result = await run(demo, options, started);
    process.stdout.write(formatReport(result));
    if (options.json !== undefined) {
      await fs.writeFile(options.json, `${JSON.stringify(result, null, 2)}\n`);
      progress(`figures written to ${options.json}`);
    }
    return 0;
  } finally {
    if (demo.generated !== undefined && options.keep) {
      progress(
        `kept the demo in ${demo.dir}; remove it with: npx custodian demo drop --name ${demo.manifest.name} --out ${demo.dir}`,
      );
    } else if (demo.generated !== undefined) {
      progress('dropping the demo');
      await dropDemo(demo);
    }
  }
}

process.exitCode = await main(process.argv.slice(2)).catch((error: unknown) => {
  progress(error instanceof Error ? error.message : String(error));
  return 1;
});
