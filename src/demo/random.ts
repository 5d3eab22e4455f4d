import { base, en, en_GB, Faker, generateMersenne32Randomizer, type Randomizer } from '@faker-js/faker';

/**
 * The one source of randomness of a synthetic organisation: Faker with the en_GB locale over a
 * seeded Mersenne Twister, so that the same seed gives the same organisation. Everything draws
 * from it in a fixed order; nothing reads the clock or `Math.random`.
 */
export class Random {
  readonly faker: Faker;
  private readonly randomizer: Randomizer;

  constructor(seed: number) {
    this.randomizer = generateMersenne32Randomizer(seed);
    this.faker = new Faker({ locale: [en_GB, en, base], randomizer: this.randomizer });
  }

  /** A number in [0, 1). */
  next(): number {
    return this.randomizer.next();
  }

  /** A whole number from `min` to `max`, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(list: readonly T[]): T {
    const value = list[Math.floor(this.next() * list.length)];
    if (value === undefined) throw new Error('pick from an empty list');
    return value;
  }

  /** One character of an ASCII alphabet such as `'ABD...'`. */
  character(alphabet: string): string {
    return alphabet.charAt(Math.floor(this.next() * alphabet.length));
  }

  digits(count: number): string {
    let text = '';
    for (let i = 0; i < count; i++) text += String(Math.floor(this.next() * 10));
    return text;
  }

  /** A small count with the given mean (Poisson, by Knuth's method: the means used here are small). */
  poisson(mean: number): number {
    const limit = Math.exp(-mean);
    let count = 0;
    let product = this.next();
    while (product > limit) {
      count++;
      product *= this.next();
    }
    return count;
  }
}

/** Values drawn in proportion to their weights, by binary search over the running totals. */
export class WeightedTable<T> {
  private readonly values: T[];
  private readonly totals: number[];

  constructor(entries: readonly (readonly [T, number])[]) {
    this.values = entries.map(([value]) => value);
    let total = 0;
    this.totals = entries.map(([, weight]) => (total += weight));
  }

  draw(random: Random): T {
    const target = random.next() * (this.totals[this.totals.length - 1] ?? 0);
    let low = 0;
    let high = this.totals.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.totals[middle] ?? 0) > target) high = middle;
      else low = middle + 1;
    }
    return this.values[low] as T;
  }
}

/**
 * A set of values kept as 32-bit hashes in an open-addressing table, so that a million emails or
 * NI numbers can be kept unique in a few megabytes. Two different values may share a hash; the
 * second is then treated as taken and the caller draws again, which is harmless.
 */
export class HashedSet {
  private table: Uint32Array;
  private count = 0;

  constructor(expected: number) {
    this.table = new Uint32Array(tableSize(expected));
  }

  /** Adds the value; false when it (or a value with the same hash) was already there. */
  add(value: string): boolean {
    if ((this.count + 1) * 2 > this.table.length) this.grow();
    const added = insert(this.table, hashOf(value));
    if (added) this.count++;
    return added;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Uint32Array(old.length * 2);
    for (const hash of old) if (hash !== 0) insert(this.table, hash);
  }
}

function tableSize(expected: number): number {
  let size = 1024;
  while (size < expected * 3) size *= 2;
  return size;
}

function insert(table: Uint32Array, hash: number): boolean {
  const mask = table.length - 1;
  let slot = hash & mask;
  for (;;) {
    const held = table[slot];
    if (held === 0) {
      table[slot] = hash;
      return true;
    }
    if (held === hash) return false;
    slot = (slot + 1) & mask;
  }
}

/** FNV-1a, never 0 (0 marks an empty slot). */
function hashOf(value: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0 || 1;
}
