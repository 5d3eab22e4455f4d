import type { HardCase, SystemId } from './ground-truth.ts';
import type { Address, HardCaseTracker, Person } from './population.ts';
import type { Random } from './random.ts';
import { emptyRows, type RowValues, type TableRows, type TableSpec } from './schema.ts';
import { viewOf, type PersonView } from './views.ts';

/** Row numbering per table, kept across batches so that keys are known without asking the database. */
export class RowIds {
  private readonly next = new Map<string, number>();

  take(table: string): number {
    const id = this.next.get(table) ?? 1;
    this.next.set(table, id + 1);
    return id;
  }
}

/** What the builders of one batch share: randomness, numbering, the rows made so far and the people. */
export class BuildContext {
  readonly rows: Record<SystemId, TableRows>;
  /** The reference of each tenant's current tenancy, for the other systems to quote. */
  readonly tenancyRefs = new Map<Person, string>();

  constructor(
    readonly random: Random,
    readonly tracker: HardCaseTracker,
    readonly ids: RowIds,
    readonly people: readonly Person[],
    tables: Record<SystemId, readonly TableSpec[]>,
  ) {
    this.rows = {
      housing: emptyRows(tables.housing),
      crm: emptyRows(tables.crm),
      casenotes: emptyRows(tables.casenotes),
      spreadsheets: emptyRows(tables.spreadsheets),
    };
  }

  view(person: Person, system: SystemId): PersonView {
    return viewOf(person, system, this.random, this.tracker);
  }

  /** Adds a row whose key is already among its values. */
  addKeyed(system: SystemId, table: string, values: RowValues): void {
    this.rowsOf(system, table).push(values);
  }

  nextId(system: SystemId, table: string): number {
    return this.ids.take(`${system}.${table}`);
  }

  /** Records in the ground truth that the row belongs to the person. */
  own(
    person: Person,
    system: SystemId,
    table: string,
    key: Record<string, string | number>,
    variants: readonly HardCase[] = [],
  ): void {
    for (const kind of variants) {
      person.kinds.add(kind);
      this.tracker.saw(kind);
    }
    person.records.push(
      variants.length > 0 ? { system, table, key, variants: [...variants] } : { system, table, key },
    );
  }

  /** Records in the ground truth that the row, about someone else, names the person in free text. */
  mention(person: Person, system: SystemId, table: string, key: Record<string, string | number>): void {
    person.records.push({ system, table, key, mentioned: true });
  }

  /** Someone else in this batch, not of the person's household: a neighbour, a complainant. */
  someoneElse(person: Person): Person | undefined {
    for (let attempt = 0; attempt < 5; attempt++) {
      const other = this.random.pick(this.people);
      if (other.household !== person.household) return other;
    }
    return undefined;
  }

  private rowsOf(system: SystemId, table: string): RowValues[] {
    const rows = this.rows[system].get(table);
    if (rows === undefined) throw new Error(`no table ${table} in ${system}`);
    return rows;
  }
}

/** `Flat 3, Beech Court, 12 Mill Lane, Derby`: an address on one line. */
export function addressOnOneLine(address: Address): string {
  return [address.line1, address.line2, address.town].filter((part) => part !== null).join(', ');
}

export function fullName(view: { given: string; family: string }): string {
  return `${view.given} ${view.family}`;
}
