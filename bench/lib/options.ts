/** The discovery benchmark's command line. */
import { parseArgs } from 'node:util';
import { SYSTEM_IDS, type SystemId } from '../../src/demo/ground-truth.ts';

export const USAGE = `Usage: npm run bench:discovery -- [options]

Finds sampled people of a synthetic housing association in its four systems through Custodian's
discovery, scores what was found against the ground truth, and times it beside hand-written SQL.

  --demo DIR        use this existing demo (custodian demo generate) instead of generating one
  --people N        people in the demo to generate (default 100000; the issue's figure is 1000000)
  --sample N        people to look for (default 500), half at random, half drawn for the hard cases
  --seed S          seed of the generated demo and of the sample (default 1)
  --systems LIST    systems to search, comma-separated (default housing,crm,casenotes,spreadsheets)
  --erasures N      people (outside the sample) to erase, timing plan and execution; default 10 on a
                    generated demo, 0 on one given with --demo (erasing changes its data)
  --warm-up N       people searched first and not counted, per system (default 3)
  --keep            keep the generated demo (its folder and databases) at the end
  --json FILE       also write the figures as JSON to FILE
  --help            show this help`;

export interface BenchOptions {
  demo: string | undefined;
  people: number;
  sample: number;
  seed: number;
  systems: SystemId[];
  erasures: number;
  warmUp: number;
  keep: boolean;
  json: string | undefined;
}

export class UsageError extends Error {}

function wholeNumber(
  value: string | undefined,
  option: string,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const text = value.replaceAll('_', '').replaceAll(',', '');
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max)
    throw new UsageError(
      `${option} must be a whole number from ${String(min)} to ${max.toLocaleString('en-GB')}, not "${value}"`,
    );
  return n;
}

function systemList(value: string | undefined): SystemId[] {
  if (value === undefined) return [...SYSTEM_IDS];
  const named = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  const unknown = named.filter((item) => !(SYSTEM_IDS as readonly string[]).includes(item));
  if (named.length === 0 || unknown.length > 0)
    throw new UsageError(
      `--systems takes some of ${SYSTEM_IDS.join(', ')}; ${unknown.join(', ') || 'none was'} given`,
    );
  return SYSTEM_IDS.filter((system) => named.includes(system));
}

/** The options, or `undefined` when help was asked for; a UsageError names what is wrong. */
export function readOptions(argv: readonly string[]): BenchOptions | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        demo: { type: 'string' },
        people: { type: 'string' },
        sample: { type: 'string' },
        seed: { type: 'string' },
        systems: { type: 'string' },
        erasures: { type: 'string' },
        'warm-up': { type: 'string' },
        keep: { type: 'boolean' },
        json: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : 'the options cannot be read');
  }
  const values = parsed.values;
  if (values.help === true) return undefined;
  if (values.demo !== undefined && values.people !== undefined)
    throw new UsageError('give --demo DIR or --people N, not both');
  if (values.demo !== undefined && values.keep === true)
    throw new UsageError('--keep is for a generated demo; a demo given with --demo is never dropped');
  return {
    demo: values.demo,
    people: wholeNumber(values.people, '--people', 100_000, 100, 10_000_000),
    sample: wholeNumber(values.sample, '--sample', 500, 1, 100_000),
    seed: wholeNumber(values.seed, '--seed', 1, 0, 4_294_967_295),
    systems: systemList(values.systems),
    erasures: wholeNumber(values.erasures, '--erasures', values.demo === undefined ? 10 : 0, 0, 1000),
    warmUp: wholeNumber(values['warm-up'], '--warm-up', 3, 0, 100),
    keep: values.keep === true,
    json: values.json,
  };
}
