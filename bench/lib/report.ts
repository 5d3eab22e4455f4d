/** The discovery benchmark's figures: the JSON it writes, and the table it prints. */
import { HARD_CASES } from '../../src/demo/ground-truth.ts';
import { machineLine, type Machine } from './machine.ts';
import { share, type Miss, type Owner, type Tally } from './scoring.ts';
import type { Distribution } from './timings.ts';

export const TARGETS = {
  surfaced: 0.995,
  precision: 0.99,
  p95Ms: 200,
  ratio: 1.5,
} as const;

export interface Rates extends Tally {
  /** Share of true records surfaced; null with none to find. */
  recall: number | null;
  /** Share of match-band rows that are the person's; null with none in the band. */
  precision: number | null;
}

export function ratesOf(tally: Tally): Rates {
  return {
    ...tally,
    recall: share(tally.surfaced, tally.trueRecords),
    precision: share(tally.matchRowsTheirs, tally.matchRows),
  };
}

export interface SystemTimings {
  /** Discovery's search of the one system, scoring and storing its candidates. */
  find: Distribution;
  /** Reading the confirmed rows again and following references to the rows belonging to them. */
  collect: Distribution;
  findAndCollect: Distribution;
  /** Where find + collect's time went: annotations, connecting and schema, queries, and the rest. */
  spent: { annotations: Distribution; schema: Distribution; queries: Distribution; rest: Distribution };
  /** Hand-written lookups over a connection kept open (files read once). */
  baseline: Distribution;
  /** The same, connecting (or reading the files) for each person. */
  baselineConnecting: Distribution;
  /** Discovery's find-and-collect over the kept-connection baseline, at p50 and p95. */
  ratio: { p50: number; p95: number };
  /** The same over the baseline that connects each time. */
  ratioConnecting: { p50: number; p95: number };
  /** Searches the service recorded as failed for this system. */
  failures: number;
}

export type ErasureFigures =
  | { measured: false; reason: string }
  | {
      measured: true;
      people: number;
      plan: Distribution;
      approve: Distribution;
      execute: Distribution;
      verify: Distribution;
      total: Distribution;
      /** Rows in the plans, by what erasure does to them. */
      rows: { delete: number; update: number; keep: number };
      /** Erasures not `done` once verified, with what failed. */
      failures: string[];
    };

export interface BenchResult {
  machine: Machine;
  demo: {
    name: string;
    people: number;
    seed: number;
    rows: number;
    rowsBySystem: Record<string, number>;
    generatedSeconds: number | null;
  };
  sample: {
    people: number;
    random: number;
    hardCase: number;
    seed: number;
    systems: string[];
    /** Sampled people taking part in each hard case. */
    byKind: Record<string, number>;
    store: string;
  };
  accuracy: {
    overall: Rates;
    random: Rates;
    byKind: Record<string, Rates>;
    bySystem: Record<string, Rates>;
    /** The hand-written lookups' rows scored the same way: every row they return counts as a match. */
    baseline: Rates;
  };
  timings: Record<string, SystemTimings>;
  erasure: ErasureFigures;
  /** Warnings the searches gave, each once, with how often. */
  warnings: { warning: string; times: number }[];
  peakRssMiB: number;
  /** The machine's one-minute load average when the measuring began and ended: other work skews the times. */
  load: { start: number; end: number };
  seconds: number;
  interrupted: boolean;
  missed: Miss[];
  wrongMatches: Miss[];
}

// Formatting ----------------------------------------------------------------------------------

const number = (n: number) => n.toLocaleString('en-GB');
const percent = (x: number | null) => (x === null ? '–' : `${(100 * x).toFixed(2)}%`);
const ms = (x: number) => (Number.isNaN(x) ? '–' : x < 10 ? x.toFixed(2) : x.toFixed(1));
const pair = (d: Distribution) => `${ms(d.p50)} / ${ms(d.p95)}`;
const verdict = (met: boolean | null) => (met === null ? '' : met ? 'met' : 'NOT MET');

function owners(counts: Partial<Record<Owner, number>>): string {
  const entries = Object.entries(counts).sort(([, a], [, b]) => b - a);
  return entries.length === 0 ? 'none' : entries.map(([owner, n]) => `${owner} ${number(n)}`).join(', ');
}

function sum(counts: Partial<Record<Owner, number>>): number {
  return Object.values(counts).reduce((total, n) => total + n, 0);
}

/** Rows of cells as columns: the first left-aligned, the rest right-aligned. */
function columns(rows: readonly (readonly string[])[], indent = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map(
    (row) =>
      indent +
      row
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
        .join('   ')
        .trimEnd(),
  );
}

function duration(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return minutes === 0 ? `${seconds.toFixed(0)} s` : `${String(minutes)} min ${(seconds % 60).toFixed(0)} s`;
}

function erasureLines(erasure: ErasureFigures): string[] {
  if (!erasure.measured) return [`Erasure: not measured (${erasure.reason}).`];
  const { rows } = erasure;
  return [
    `Time to plan and execute one erasure (ms, p50 / p95 over ${number(erasure.plan.count)} of ${number(erasure.people)} people outside the sample; ` +
      `their plans: ${number(rows.delete)} rows deleted, ${number(rows.update)} changed, ${number(rows.keep)} kept)`,
    ...columns([
      ['plan', 'approve', 'execute', 'verify', 'all four', 'refused or not done'],
      [
        pair(erasure.plan),
        pair(erasure.approve),
        pair(erasure.execute),
        pair(erasure.verify),
        pair(erasure.total),
        number(erasure.failures.length),
      ],
    ]),
    ...erasure.failures.slice(0, 5).map((failure) => `  ${failure}`),
  ];
}

export function formatReport(result: BenchResult): string {
  const { accuracy, sample, demo } = result;
  const overall = accuracy.overall;
  const lines: string[] = [];
  lines.push(
    "Discovery benchmark: finding one person in the organisation's systems and collecting their rows",
  );
  lines.push(
    `${machineLine(result.machine)}; load average ${result.load.start.toFixed(1)} at the start, ${result.load.end.toFixed(1)} at the end`,
  );
  const bySystem = Object.entries(demo.rowsBySystem)
    .map(([system, rows]) => `${system} ${number(rows)}`)
    .join(', ');
  lines.push(
    `demo: ${number(demo.people)} people (seed ${String(demo.seed)}), ${number(demo.rows)} rows: ${bySystem}` +
      (demo.generatedSeconds === null
        ? ` (existing demo ${demo.name})`
        : ` (generated in ${demo.generatedSeconds.toFixed(0)} s)`),
  );
  lines.push(
    `sample: ${number(sample.people)} people (seed ${String(sample.seed)}): ${number(sample.random)} at random, ` +
      `${number(sample.hardCase)} added for the hard cases; searched in ${sample.systems.join(', ')}; Custodian's store: ${sample.store}`,
  );
  if (result.interrupted)
    lines.push('INTERRUPTED: the figures cover only the people done before the interruption.');
  lines.push('');

  const surfacedMet = overall.recall === null ? null : overall.recall >= TARGETS.surfaced;
  const precisionMet = overall.precision === null ? null : overall.precision >= TARGETS.precision;
  lines.push('Finding the person, scored against the ground truth');
  lines.push(
    ...columns([
      [
        'true records surfaced (a candidate in either band, or collected from one)',
        percent(overall.recall),
        `${number(overall.surfaced)} of ${number(overall.trueRecords)}`,
        `target >= ${percent(TARGETS.surfaced)}`,
        verdict(surfacedMet),
      ],
      [
        "precision of the match band (its rows that are the person's)",
        percent(overall.precision),
        `${number(overall.matchRowsTheirs)} of ${number(overall.matchRows)}`,
        `target >= ${percent(TARGETS.precision)}`,
        verdict(precisionMet),
      ],
      [
        `the random part alone (${number(accuracy.random.people)} people, the population's mix)`,
        percent(accuracy.random.recall),
        `precision ${percent(accuracy.random.precision)}`,
        '',
        '',
      ],
    ]),
  );
  lines.push(
    `  people with every true record surfaced: ${number(overall.peopleAllFound)} of ${number(overall.people)}; ` +
      `with someone else's row in the match band: ${number(overall.peopleWithWrongMatch)}`,
  );
  lines.push(
    `  someone else's rows in the match band: ${number(sum(overall.wrongMatches))} (${owners(overall.wrongMatches)})`,
  );
  lines.push(
    `  needs review: ${number(overall.reviewRows)} rows, ${number(overall.reviewRowsTheirs)} the person's and ` +
      `${number(sum(overall.reviewOthers))} someone else's (${owners(overall.reviewOthers)})`,
  );
  lines.push(
    `  rows collected that are not the person's, after a perfect caseworker's decisions: ${number(overall.collectedOthers)}`,
  );
  lines.push(
    `  hand-written SQL, scored the same way: surfaces ${percent(accuracy.baseline.recall)} of true records; ` +
      `${percent(accuracy.baseline.precision)} of the rows it returns are the person's`,
  );
  lines.push('');

  lines.push(
    'By hard case (people: those of the sample in it with a record or a candidate in the systems searched)',
  );
  lines.push(
    ...columns([
      ['kind', 'people', 'surfaced', 'match precision', 'match rows', 'wrong', 'review: theirs', 'others'],
      ...HARD_CASES.map((kind) => {
        const rates = accuracy.byKind[kind];
        if (rates === undefined) return [kind, '0', '', '', '', '', '', ''];
        return [
          kind,
          number(rates.people),
          percent(rates.recall),
          percent(rates.precision),
          number(rates.matchRows),
          number(sum(rates.wrongMatches)),
          number(rates.reviewRowsTheirs),
          number(sum(rates.reviewOthers)),
        ];
      }),
    ]),
  );
  lines.push('');

  lines.push('By system');
  lines.push(
    ...columns([
      [
        'system',
        'people',
        'true records',
        'surfaced',
        'match precision',
        'review: theirs',
        'others',
        'failed searches',
      ],
      ...sample.systems.map((system) => {
        const rates = accuracy.bySystem[system];
        const timings = result.timings[system];
        return [
          system,
          number(rates?.people ?? 0),
          number(rates?.trueRecords ?? 0),
          percent(rates?.recall ?? null),
          percent(rates?.precision ?? null),
          number(rates?.reviewRowsTheirs ?? 0),
          number(sum(rates?.reviewOthers ?? {})),
          number(timings?.failures ?? 0),
        ];
      }),
    ]),
  );
  lines.push('');

  const timed = sample.systems.flatMap((system) => {
    const t = result.timings[system];
    return t === undefined ? [] : [{ system, t }];
  });
  const ratio = (r: { p50: number; p95: number }) => `${r.p50.toFixed(1)} / ${r.p95.toFixed(1)}`;
  lines.push(
    `Time to find and collect one person in one system (ms, p50 / p95 over ${number(sample.people)} people; target p95 <= ${String(TARGETS.p95Ms)} ms)`,
  );
  lines.push(
    ...columns([
      ['system', 'find', 'collect', 'find + collect', 'target'],
      ...timed.map(({ system, t }) => [
        system,
        pair(t.find),
        pair(t.collect),
        pair(t.findAndCollect),
        verdict(t.findAndCollect.p95 <= TARGETS.p95Ms),
      ]),
    ]),
  );
  lines.push(
    '  find: one search of the system (annotations, connecting, its schema, the queries, scoring, storing candidates);',
    '  collect: reading the confirmed rows again and following references to the rows belonging to them.',
    '',
    'Where find + collect spends it (ms, p50 / p95)',
  );
  lines.push(
    ...columns([
      [
        'system',
        'annotations and register',
        'connecting and schema',
        'queries',
        'the rest: planning, scoring, store',
      ],
      ...timed.map(({ system, t }) => [
        system,
        pair(t.spent.annotations),
        pair(t.spent.schema),
        pair(t.spent.queries),
        pair(t.spent.rest),
      ]),
    ]),
  );
  lines.push(
    '  for files, "connecting and schema" is reading and parsing the whole folder, which each piece of work does afresh.',
    '',
    `Beside hand-written indexed SQL finding and collecting the same person (ms, p50 / p95; target ratio <= ${String(TARGETS.ratio)} at p95)`,
  );
  lines.push(
    ...columns([
      ['system', 'connection kept', 'ratio', 'target', 'connecting each time', 'ratio'],
      ...timed.map(({ system, t }) => [
        system,
        pair(t.baseline),
        ratio(t.ratio),
        verdict(t.ratio.p95 <= TARGETS.ratio),
        pair(t.baselineConnecting),
        ratio(t.ratioConnecting),
      ]),
    ]),
  );
  lines.push(
    "  ratio: discovery's find + collect over the hand-written lookups. Spreadsheets have no SQL: the hand-written",
    '  code filters the files in memory (read once when "kept", read for each person when "connecting").',
    '',
  );
  lines.push(...erasureLines(result.erasure));
  if (result.warnings.length > 0) {
    lines.push('', 'Warnings from the searches:');
    for (const { warning, times } of result.warnings.slice(0, 8))
      lines.push(`  ${number(times)} × ${warning}`);
  }
  lines.push('');
  lines.push(
    `peak RSS ${number(result.peakRssMiB)} MiB (this process: Custodian, the hand-written lookups and the scoring); took ${duration(result.seconds)}`,
  );
  return `${lines.join('\n')}\n`;
}
