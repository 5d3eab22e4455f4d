import { describe, expect, it } from 'vitest';
import { HARD_CASES, type GroundTruthLine } from './ground-truth.ts';
import { OrganisationBuilder } from './organisation.ts';

function truthOf(seed: number, people: number): GroundTruthLine[] {
  const builder = new OrganisationBuilder(seed, people);
  const lines: GroundTruthLine[] = [];
  while (lines.length < people) lines.push(...builder.nextBatch(Math.min(5000, people - lines.length)).truth);
  return lines;
}

describe('the synthetic organisation', () => {
  const truth = truthOf(7, 200);
  const byId = new Map(truth.map((line) => [line.id, line]));
  const related = (line: GroundTruthLine, kind: string) =>
    line.relations.filter((relation) => relation.kind === kind).map((relation) => byId.get(relation.with)!);

  it('has exactly the people asked for, each in at least one system', () => {
    expect(truth).toHaveLength(200);
    expect(new Set(truth.map((line) => line.id)).size).toBe(200);
    for (const line of truth) expect(line.records.some((record) => record.mentioned !== true)).toBe(true);
  });

  it('makes exactly as many people as asked, whatever the household sizes', () => {
    for (const people of [1, 2, 3, 5, 11, 5003]) expect(truthOf(3, people)).toHaveLength(people);
    const builder = new OrganisationBuilder(5, 20_000);
    for (let i = 0; i < 4; i++) expect(builder.nextBatch(5000).truth).toHaveLength(5000);
  });

  it('is the same for the same seed, and different for another', () => {
    expect(truthOf(7, 200)).toEqual(truth);
    expect(truthOf(8, 200)).not.toEqual(truth);
  });

  it('shows every hard case even with 200 people', () => {
    const seen = new Set(truth.flatMap((line) => line.kinds));
    for (const kind of HARD_CASES) expect(seen, kind).toContain(kind);
  });

  it('makes twins of one surname, address and date of birth with different given names', () => {
    const twins = truth.filter((line) => line.kinds.includes('twins'));
    expect(twins.length).toBeGreaterThanOrEqual(2);
    for (const twin of twins) {
      const [other] = related(twin, 'twin');
      expect(other).toBeDefined();
      expect(other!.identity.family_name).toBe(twin.identity.family_name);
      expect(other!.identity.date_of_birth).toBe(twin.identity.date_of_birth);
      expect(other!.identity.postcode).toBe(twin.identity.postcode);
      expect(other!.identity.given_name).not.toBe(twin.identity.given_name);
    }
  });

  it('makes a parent and child of the same name at one address, born years apart', () => {
    const juniors = truth.filter(
      (line) => line.kinds.includes('parent-child-same-name') && line.identity.suffix === 'Jr',
    );
    expect(juniors.length).toBeGreaterThanOrEqual(1);
    for (const junior of juniors) {
      const senior = related(junior, 'parent').find((parent) => parent.identity.suffix === 'Sr')!;
      expect(senior.identity.given_name).toBe(junior.identity.given_name);
      expect(senior.identity.family_name).toBe(junior.identity.family_name);
      expect(senior.identity.postcode).toBe(junior.identity.postcode);
      expect(
        Number(junior.identity.date_of_birth.slice(0, 4)) - Number(senior.identity.date_of_birth.slice(0, 4)),
      ).toBeGreaterThanOrEqual(19);
    }
  });

  it('makes namesakes: the same name, another date of birth, somewhere else', () => {
    const namesakes = truth.filter((line) => line.kinds.includes('namesake'));
    expect(namesakes.length).toBeGreaterThanOrEqual(2);
    for (const line of namesakes) {
      for (const other of related(line, 'namesake')) {
        expect(other.identity.given_name).toBe(line.identity.given_name);
        expect(other.identity.family_name).toBe(line.identity.family_name);
        expect(other.identity.date_of_birth.slice(0, 4)).not.toBe(line.identity.date_of_birth.slice(0, 4));
        expect(other.identity.postcode).not.toBe(line.identity.postcode);
        expect(other.household).not.toBe(line.household);
      }
    }
  });

  it('shares surname, address and landline within a household, and an email where it says so', () => {
    for (const line of truth.filter((l) => l.kinds.includes('household'))) {
      const others = truth.filter((o) => o.household === line.household && o.id !== line.id);
      expect(others.some((o) => o.identity.family_name === line.identity.family_name)).toBe(true);
      for (const other of others) {
        expect(other.identity.address).toBe(line.identity.address);
        expect(other.identity.landline).toBe(line.identity.landline);
      }
    }
    for (const line of truth.filter((l) => l.kinds.includes('shared-email'))) {
      const partner = related(line, 'partner')[0]!;
      expect(partner.identity.email).toBe(line.identity.email);
    }
  });

  it('gives a name change a previous surname, and names each record’s hard cases among the person’s', () => {
    for (const line of truth.filter((l) => l.kinds.includes('name-change'))) {
      expect(line.identity.previous_family_name).not.toBeNull();
      expect(line.identity.previous_family_name).not.toBe(line.identity.family_name);
    }
    for (const line of truth) {
      for (const record of line.records)
        for (const kind of record.variants ?? []) expect(line.kinds).toContain(kind);
    }
  });
});
