/** Timing pieces of work and describing the times. */
import { performance } from 'node:perf_hooks';

export interface Distribution {
  count: number;
  /** Milliseconds. */
  p50: number;
  p95: number;
  mean: number;
  max: number;
}

/** The value below which `q` of the values lie (nearest rank). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

export function distribution(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    count: sorted.length,
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    mean: sorted.length === 0 ? Number.NaN : total / sorted.length,
    max: sorted.at(-1) ?? Number.NaN,
  };
}

/** Runs `work` and says how long it took, in milliseconds. */
export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
}

/** Times of named measurements, kept as lists until they are described. */
export class Timings {
  private readonly lists = new Map<string, number[]>();

  add(name: string, ms: number): void {
    const list = this.lists.get(name);
    if (list === undefined) this.lists.set(name, [ms]);
    else list.push(ms);
  }

  get(name: string): Distribution {
    return distribution(this.lists.get(name) ?? []);
  }
}
