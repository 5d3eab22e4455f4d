/**
 * Drawing the benchmark's people from a demo's `ground-truth.jsonl` without holding the file in
 * memory (at 1,000,000 people it is over a gigabyte). A first streamed pass keeps, for each
 * hard-case kind and for everyone, the ids of the people with the lowest pseudo-random priority
 * (and whom they are related to); the sample is put together from those short lists; a second
 * pass reads the lines of the people chosen and of their relatives, so that a wrong row can be
 * named as a twin's, a namesake's, a partner's...
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { HARD_CASES, type GroundTruthLine, type HardCase } from '../../src/demo/ground-truth.ts';

export interface SampledPerson {
  line: GroundTruthLine;
  /** `random`: part of a uniform random sample of the population; `hard-case`: added for its kinds. */
  part: 'random' | 'hard-case';
}

export interface GroundTruthSample {
  people: SampledPerson[];
  /** People in neither part, drawn at random: for warming up and for erasures (never scored). */
  spare: GroundTruthLine[];
  /** The people any of the above are related to, by id. */
  related: Map<string, GroundTruthLine>;
  population: number;
}

export interface SampleOptions {
  size: number;
  spare: number;
  seed: number;
  /** The share of the sample set aside to make sure every hard case is present. */
  hardCaseShare: number;
}

/** A stable pseudo-random number in [0, 1) for a person: FNV-1a of seed and id, then mixed. */
export function priorityOf(seed: number, id: string): number {
  let hash = 0x811c9dc5 ^ seed;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  // The final mix of MurmurHash3, so that ids differing in one digit land far apart.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) / 2 ** 32;
}

/** The `limit` items offered with the lowest priorities, kept in order. */
export class LowestPriorities<T> {
  private readonly entries: { priority: number; item: T }[] = [];

  constructor(private readonly limit: number) {}

  /** Whether an item of this priority would be kept now. */
  accepts(priority: number): boolean {
    const last = this.entries.at(-1);
    return this.entries.length < this.limit || last === undefined || priority < last.priority;
  }

  offer(priority: number, item: T): void {
    if (!this.accepts(priority)) return;
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.entries[middle]?.priority ?? Infinity) < priority) low = middle + 1;
      else high = middle;
    }
    this.entries.splice(low, 0, { priority, item });
    if (this.entries.length > this.limit) this.entries.pop();
  }

  items(): T[] {
    return this.entries.map((entry) => entry.item);
  }
}

/** The id at the start of a line (`{"id":"P0000001",...`), read without parsing the whole line. */
export function idOfLine(line: string): string | undefined {
  return /^\{"id":"([^"]+)"/.exec(line)?.[1];
}

/** A list-valued field of a line (`"kinds":[...]`), read without parsing the whole line. */
function listInLine<T>(line: string, field: string): T[] {
  const start = line.indexOf(`"${field}":[`);
  if (start < 0) return [];
  const bracket = start + field.length + 3;
  // The lists read this way hold no `]` inside them: hard-case names, and relations by id.
  const end = line.indexOf(']', bracket);
  return JSON.parse(line.slice(bracket, end + 1)) as T[];
}

export const kindsOfLine = (line: string) => listInLine<HardCase>(line, 'kinds');
const relativesOfLine = (line: string) =>
  listInLine<{ with: string }>(line, 'relations').map((relation) => relation.with);

async function* linesOf(file: string): AsyncGenerator<string> {
  const input = fs.createReadStream(file);
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) if (line.trim() !== '') yield line;
  } finally {
    lines.close();
    input.destroy();
  }
}

/** What the first pass keeps of a person: no more, so that the file's text is not held. */
interface Candidate {
  id: string;
  kinds: HardCase[];
  relatives: string[];
}

/**
 * The sample: first a uniform random sample of everyone (half, by default); then, one person at
 * a time, someone of the hard-case kind the sample holds fewest people of, until the sample is
 * full, so that the rarest cases (twins, namesakes, a parent and child of one name...) are
 * present in numbers worth scoring. The random part is a prefix of one random order of the
 * whole population, so it remains a fair sample of it and is reported apart.
 */
export function composeSample(input: {
  uniform: readonly Candidate[];
  byKind: ReadonlyMap<HardCase, readonly Candidate[]>;
  size: number;
  spare: number;
  hardCaseShare: number;
}): { chosen: { candidate: Candidate; part: SampledPerson['part'] }[]; spare: Candidate[] } {
  const { uniform, size } = input;
  const chosen = new Map<string, { candidate: Candidate; part: SampledPerson['part'] }>();
  const held = new Map<HardCase, number>(HARD_CASES.map((kind) => [kind, 0]));
  const take = (candidate: Candidate, part: SampledPerson['part']) => {
    chosen.set(candidate.id, { candidate, part });
    for (const kind of candidate.kinds) held.set(kind, (held.get(kind) ?? 0) + 1);
  };

  const randomPart = Math.min(uniform.length, Math.round(size * (1 - input.hardCaseShare)));
  for (const candidate of uniform.slice(0, randomPart)) take(candidate, 'random');

  const next = new Map<HardCase, number>(HARD_CASES.map((kind) => [kind, 0]));
  const nextOf = (kind: HardCase): Candidate | undefined => {
    const list = input.byKind.get(kind) ?? [];
    let index = next.get(kind) ?? 0;
    while (index < list.length && chosen.has(list[index]?.id ?? '')) index++;
    next.set(kind, index);
    return list[index];
  };
  while (chosen.size < size) {
    const fewest = HARD_CASES.filter((kind) => nextOf(kind) !== undefined).sort(
      (a, b) => (held.get(a) ?? 0) - (held.get(b) ?? 0),
    )[0];
    const candidate = fewest === undefined ? undefined : nextOf(fewest);
    if (candidate === undefined) break;
    take(candidate, 'hard-case');
  }
  // A population too small to fill the sample with hard cases gives the rest at random.
  let more = randomPart;
  while (chosen.size < size && more < uniform.length) {
    const candidate = uniform[more++];
    if (candidate !== undefined && !chosen.has(candidate.id)) take(candidate, 'hard-case');
  }
  const spare = uniform.filter((candidate) => !chosen.has(candidate.id)).slice(0, input.spare);
  return { chosen: [...chosen.values()], spare };
}

/** Two passes over the ground truth: the sample, some spare people, their relatives. */
export async function drawSample(file: string, options: SampleOptions): Promise<GroundTruthSample> {
  // Enough people of each kind, and of everyone, that overlaps between the lists cannot leave the sample short.
  const uniform = new LowestPriorities<Candidate>(options.size * 2 + options.spare);
  const byKind = new Map(HARD_CASES.map((kind) => [kind, new LowestPriorities<Candidate>(options.size)]));
  let population = 0;
  for await (const line of linesOf(file)) {
    const id = idOfLine(line);
    if (id === undefined)
      throw new Error(`${file}: line ${String(population + 1)} does not start with an id`);
    population++;
    const priority = priorityOf(options.seed, id);
    const kinds = kindsOfLine(line);
    const keepers = [uniform, ...kinds.flatMap((kind) => byKind.get(kind) ?? [])].filter((keeper) =>
      keeper.accepts(priority),
    );
    if (keepers.length === 0) continue;
    const candidate: Candidate = { id, kinds, relatives: relativesOfLine(line) };
    for (const keeper of keepers) keeper.offer(priority, candidate);
  }
  const { chosen, spare } = composeSample({
    uniform: uniform.items(),
    byKind: new Map([...byKind].map(([kind, keeper]) => [kind, keeper.items()] as const)),
    size: options.size,
    spare: options.spare,
    hardCaseShare: options.hardCaseShare,
  });
  const everyone = [...chosen.map((entry) => entry.candidate), ...spare];
  const lines = await readPeople(
    file,
    new Set(everyone.flatMap((candidate) => [candidate.id, ...candidate.relatives])),
  );
  const lineOf = (id: string): GroundTruthLine => {
    const line = lines.get(id);
    if (line === undefined) throw new Error(`${file}: ${id} was not found on the second reading`);
    return line;
  };
  return {
    people: chosen.map(({ candidate, part }) => ({ line: lineOf(candidate.id), part })),
    spare: spare.map((candidate) => lineOf(candidate.id)),
    related: new Map(
      everyone
        .flatMap((candidate) => candidate.relatives)
        .flatMap((id) => {
          const line = lines.get(id);
          return line === undefined ? [] : [[id, line] as const];
        }),
    ),
    population,
  };
}

/** The ground-truth lines of the people named (a streamed pass that stops once all are found). */
export async function readPeople(
  file: string,
  ids: ReadonlySet<string>,
): Promise<Map<string, GroundTruthLine>> {
  const found = new Map<string, GroundTruthLine>();
  for await (const line of linesOf(file)) {
    const id = idOfLine(line);
    if (id !== undefined && ids.has(id)) found.set(id, JSON.parse(line) as GroundTruthLine);
    if (found.size === ids.size) break;
  }
  return found;
}
