/**
 * How fast the identity-matching core normalises records and scores candidate pairs.
 * Run: `npm run bench:matching` (optionally `-- 20000` pairs). Prints its figures and the machine.
 * The pairs are synthetic, made from a fixed seed: a true pair with typical variations
 * (nickname, format changes) and a namesake for each person.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { normalisePerson, scoreMatch, type PersonInput } from '../src/matching/index.ts';

const PAIRS = Number(process.argv[2] ?? 10_000);
const GIVEN = [
  'Robert',
  'Elizabeth',
  'James',
  'Margaret',
  'William',
  'Katherine',
  'Anthony',
  'Sarah',
  'Mohammed',
  'Siân',
];
const NICK: Record<string, string> = {
  Robert: 'Bob',
  Elizabeth: 'Liz',
  James: 'Jim',
  Margaret: 'Peggy',
  William: 'Bill',
};
const FAMILY = [
  'Smith',
  'Jones',
  'Patel',
  "O'Brien",
  'Williams',
  'Taylor',
  'Brown',
  'Khan',
  'Evans',
  'Wilson',
  'Nowak',
];
const AREAS = ['B37 7YN', 'DE1 2FS', 'HX1 1UJ', 'LS1 4AP', 'M1 1AE', 'NG1 5FW'];

// A small deterministic generator (mulberry32), so every run measures the same records.
let seed = 20261123;
function random(): number {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');

function person(): { record: PersonInput; variant: PersonInput; namesake: PersonInput } {
  const given = pick(GIVEN);
  const family = pick(FAMILY);
  const day = 1 + Math.floor(random() * 28);
  const month = 1 + Math.floor(random() * 12);
  const year = 1940 + Math.floor(random() * 65);
  const dob = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const mobile = `07700 900${digits(3)}`;
  const postcode = pick(AREAS);
  const record: PersonInput = {
    givenNames: given,
    familyName: family,
    dateOfBirth: dob,
    postcodes: [postcode],
    emails: [`${given}.${family}${digits(2)}@example.org`.toLowerCase().replace(/'/g, '')],
    phones: [mobile],
  };
  const variant: PersonInput = {
    fullName: `Mr ${NICK[given] ?? given} ${family.toUpperCase()}`,
    dateOfBirth: `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`,
    postcodes: [postcode.replace(' ', '').toLowerCase()],
    phones: [`+44 ${mobile.slice(1)}`],
  };
  const namesake: PersonInput = {
    givenNames: given,
    familyName: family,
    dateOfBirth: `${year + 1 + Math.floor(random() * 20)}-01-15`,
    postcodes: [pick(AREAS)],
  };
  return { record, variant, namesake };
}

const people = Array.from({ length: PAIRS }, person);
const options = { referenceYear: 2026 };

const memoryBefore = process.memoryUsage().heapUsed;
const normaliseTimes: number[] = [];
const normalised = people.map((p) => {
  const start = performance.now();
  const result = {
    record: normalisePerson(p.record, options),
    variant: normalisePerson(p.variant, options),
    namesake: normalisePerson(p.namesake, options),
  };
  normaliseTimes.push((performance.now() - start) / 3);
  return result;
});

const scoreTimes: number[] = [];
let trueFound = 0;
let namesakeMatched = 0;
for (const n of normalised) {
  let start = performance.now();
  const same = scoreMatch(n.record, n.variant);
  scoreTimes.push(performance.now() - start);
  start = performance.now();
  const other = scoreMatch(n.record, n.namesake);
  scoreTimes.push(performance.now() - start);
  if (same.band !== 'no-match') trueFound++;
  if (other.band === 'match') namesakeMatched++;
}
const heapMiB = (process.memoryUsage().heapUsed - memoryBefore) / 1024 / 1024;

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}
const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;

const cpus = os.cpus();
console.log(
  `machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`,
);
console.log(`records: ${PAIRS} people, each with a variant record (nickname, formats) and a namesake`);
console.log(
  `normalise one record: p50 ${us(quantile(normaliseTimes, 0.5))}, p95 ${us(quantile(normaliseTimes, 0.95))}`,
);
console.log(
  `score one pair:       p50 ${us(quantile(scoreTimes, 0.5))}, p95 ${us(quantile(scoreTimes, 0.95))}`,
);
console.log(`variants surfaced (match or review): ${((100 * trueFound) / PAIRS).toFixed(2)}%`);
console.log(`namesakes wrongly in the match band: ${namesakeMatched} of ${PAIRS}`);
console.log(
  `heap growth: ${heapMiB.toFixed(1)} MiB; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
);
