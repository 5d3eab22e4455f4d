import { addressOnOneLine, BuildContext, RowIds } from './build-context.ts';
import { addCasenoteRecords } from './casenote-records.ts';
import { addCrmRecords } from './crm-records.ts';
import {
  HARD_CASES,
  SYSTEM_IDS,
  type GroundTruthLine,
  type HardCase,
  type SystemId,
} from './ground-truth.ts';
import { addHousingRecords } from './housing-records.ts';
import { HardCaseTracker, Population, type Person } from './population.ts';
import { Random } from './random.ts';
import {
  CASENOTES_TABLES,
  CRM_TABLES,
  HOUSING_TABLES,
  SPREADSHEET_TABLES,
  type TableRows,
  type TableSpec,
} from './schema.ts';
import { addSpreadsheetRecords } from './spreadsheet-records.ts';

export const SYSTEM_TABLES: Record<SystemId, readonly TableSpec[]> = {
  housing: HOUSING_TABLES,
  crm: CRM_TABLES,
  casenotes: CASENOTES_TABLES,
  spreadsheets: SPREADSHEET_TABLES,
};

/** One batch of the organisation: the rows for each system and the ground truth of its people. */
export interface Batch {
  readonly rows: Record<SystemId, TableRows>;
  readonly truth: GroundTruthLine[];
}

/** Counts over the whole organisation, for the manifest. */
export interface OrganisationStats {
  people: number;
  households: number;
  /** People taking part in each hard case. */
  hardCases: Record<HardCase, number>;
  /** People with at least one record of their own in each system. */
  presence: Record<SystemId, number>;
  /** People in 1, 2, 3 or 4 of the systems. */
  systemsPerPerson: Record<string, number>;
}

/**
 * The synthetic housing association, made batch by batch from one seed: the same seed and number
 * of people give the same organisation, row for row.
 */
export class OrganisationBuilder {
  readonly stats: OrganisationStats;
  private readonly random: Random;
  private readonly tracker = new HardCaseTracker(HARD_CASES);
  private readonly population: Population;
  private readonly ids = new RowIds();

  constructor(seed: number, people: number) {
    this.random = new Random(seed);
    this.population = new Population(this.random, people, this.tracker);
    this.stats = {
      people: 0,
      households: 0,
      hardCases: Object.fromEntries(HARD_CASES.map((kind) => [kind, 0])) as Record<HardCase, number>,
      presence: { housing: 0, crm: 0, casenotes: 0, spreadsheets: 0 },
      systemsPerPerson: { '1': 0, '2': 0, '3': 0, '4': 0 },
    };
  }

  nextBatch(people: number): Batch {
    const households = this.population.nextBatch(people);
    const members = households.flatMap((household) => household.members);
    const context = new BuildContext(this.random, this.tracker, this.ids, members, SYSTEM_TABLES);
    for (const household of households) {
      addHousingRecords(household, context);
      for (const person of household.members) {
        if (person.systems.has('crm')) addCrmRecords(person, context);
        if (person.systems.has('casenotes')) addCasenoteRecords(person, context);
        if (person.systems.has('spreadsheets')) addSpreadsheetRecords(person, context);
      }
    }
    this.stats.households += households.length;
    return { rows: context.rows, truth: members.map((person) => this.truthOf(person)) };
  }

  private truthOf(person: Person): GroundTruthLine {
    const kinds = HARD_CASES.filter((kind) => person.kinds.has(kind));
    const stats = this.stats;
    stats.people++;
    for (const kind of kinds) stats.hardCases[kind]++;
    const present = SYSTEM_IDS.filter((system) =>
      person.records.some((record) => record.system === system && record.mentioned !== true),
    );
    for (const system of present) stats.presence[system]++;
    const key = String(present.length);
    stats.systemsPerPerson[key] = (stats.systemsPerPerson[key] ?? 0) + 1;
    const address = person.household.address;
    return {
      id: person.id,
      household: person.household.id,
      identity: {
        title: person.title,
        given_name: person.given,
        middle_names: person.middle,
        family_name: person.family,
        previous_family_name: person.previousFamily,
        suffix: person.suffix,
        sex: person.sex,
        date_of_birth: person.dob,
        email: person.email,
        phone: person.mobile,
        landline: person.household.landline,
        address: addressOnOneLine(address),
        postcode: address.postcode,
        previous_address: person.previousAddress === null ? null : addressOnOneLine(person.previousAddress),
        previous_postcode: person.previousAddress?.postcode ?? null,
        ni_number: person.ni,
        nhs_number: person.nhs,
      },
      kinds,
      relations: person.relations,
      records: person.records,
    };
  }
}
