import { daysToIso, REFERENCE_DAYS, yearOf } from './dates.ts';
import type { HardCase, RelationKind, SystemId } from './ground-truth.ts';
import type { GroundTruthRecord } from './ground-truth.ts';
import {
  emailWord,
  mailboxOf,
  makeLandline,
  makeMobile,
  makeNhsNumber,
  makeNiNumber,
  makePostcode,
} from './identifiers.ts';
import { HashedSet, WeightedTable, type Random } from './random.ts';
import {
  BLOCK_NAMES,
  COMMON_SURNAMES,
  EMAIL_PROVIDERS,
  GIVEN_NAMES,
  SURNAME_ENDINGS,
  SURNAME_STEMS,
  TOWNS,
  type Cohort,
  type Town,
} from './uk-data.ts';

/**
 * The people of the synthetic organisation and the households they live in, with the hard cases
 * built in: households sharing a surname, an address and a landline; twins; a parent and child of
 * the same name; namesakes elsewhere; married names; shared emails; people who moved. Which
 * systems hold each person is decided here too; how each system writes them is decided later.
 */

export type Sex = 'female' | 'male';

export interface Address {
  readonly line1: string;
  readonly line2: string | null;
  readonly town: string;
  readonly county: string;
  readonly postcode: string;
}

export type HouseholdKind = 'single' | 'couple' | 'family' | 'single-parent' | 'twins' | 'sharers';

export interface Household {
  readonly id: string;
  readonly kind: HouseholdKind;
  readonly members: Person[];
  readonly address: Address;
  readonly landline: string | null;
  /** The household's tenancy with the organisation: current, ended (they have moved away), or none. */
  tenancy: 'current' | 'ended' | null;
  /** The home of that tenancy: the household's address, or for an ended tenancy the home they left. */
  tenancyAddress: Address | null;
  /** The home of an earlier tenancy of the organisation's, before a transfer to this one. */
  formerAddress: Address | null;
  /** The people named on the tenancy: one, or two for a joint tenancy. */
  tenants: Person[];
}

export interface Person {
  readonly index: number;
  readonly id: string;
  readonly household: Household;
  readonly sex: Sex;
  title: string;
  given: string;
  middle: string | null;
  family: string;
  /** The surname before marriage, where it changed. */
  previousFamily: string | null;
  suffix: 'Sr' | 'Jr' | null;
  dob: string;
  email: string | null;
  mobile: string | null;
  ni: string | null;
  nhs: string | null;
  previousAddress: Address | null;
  readonly kinds: Set<HardCase>;
  readonly relations: { kind: RelationKind; with: string }[];
  readonly records: GroundTruthRecord[];
  readonly systems: Set<SystemId>;
  /** The system that still holds the surname before marriage, if any. */
  oldNameSystem: SystemId | null;
  /** The system that still holds the earlier address, if any. */
  oldAddressSystem: SystemId | null;
}

/** Keeps track of the hard cases not yet produced, so that even a small organisation shows every one. */
export class HardCaseTracker {
  private readonly missing: Set<HardCase>;

  constructor(kinds: readonly HardCase[]) {
    this.missing = new Set(kinds);
  }

  wants(kind: HardCase): boolean {
    return this.missing.has(kind);
  }

  saw(kind: HardCase): void {
    this.missing.delete(kind);
  }
}

interface PostcodeEntry {
  readonly postcode: string;
  readonly town: Town;
  readonly street: string;
  /** A block of flats: addresses are `Flat n, Block`, `12 Street`. */
  readonly block: { readonly name: string; readonly number: number } | null;
  next: number;
}

interface HouseholdPlan {
  readonly kind: HouseholdKind;
  /** Forced at the start so that even a small organisation holds every hard case. */
  readonly forced?: 'married-name-change' | 'twins' | 'junior' | 'namesake';
}

const HOUSEHOLD_KINDS = new WeightedTable<HouseholdKind>([
  ['single', 52],
  ['couple', 24],
  ['family', 8],
  ['single-parent', 6],
  ['twins', 2],
  ['sharers', 4],
]);

const HOUSEHOLD_SIZE: Record<HouseholdKind, number> = {
  single: 1,
  couple: 2,
  family: 3,
  'single-parent': 2,
  twins: 2,
  sharers: 2,
};

/** Ages of the heads of the organisation's households: older than the population, as in social housing. */
const HEAD_AGES = new WeightedTable<readonly [number, number]>([
  [[18, 29], 15],
  [[30, 44], 25],
  [[45, 64], 33],
  [[65, 79], 19],
  [[80, 95], 8],
]);

const PROVIDERS = new WeightedTable(EMAIL_PROVIDERS);
const COMMON = new WeightedTable(COMMON_SURNAMES);
const TOWN_TABLE = new WeightedTable(TOWNS.map((town) => [town, town.weight] as const));

export class Population {
  private readonly pool: PostcodeEntry[] = [];
  private readonly emails: HashedSet;
  private readonly phones: HashedSet;
  private readonly niNumbers: HashedSet;
  private readonly nhsNumbers: HashedSet;
  private readonly forced: HouseholdPlan[] = [
    { kind: 'couple', forced: 'married-name-change' },
    { kind: 'twins', forced: 'twins' },
    { kind: 'family', forced: 'junior' },
    { kind: 'single', forced: 'namesake' },
  ];
  private nextPerson = 1;
  private nextHousehold = 1;

  constructor(
    private readonly random: Random,
    people: number,
    private readonly tracker: HardCaseTracker,
  ) {
    this.emails = new HashedSet(people);
    this.phones = new HashedSet(people * 1.5);
    this.niNumbers = new HashedSet(people);
    this.nhsNumbers = new HashedSet(people / 2);
    this.buildPostcodePool(Math.max(30, Math.ceil(people / 14)));
  }

  /** The next households, `people` people in all (the last household is cut to fit). */
  nextBatch(people: number): Household[] {
    const households: Household[] = [];
    const batch: Person[] = [];
    let remaining = people;
    while (remaining > 0) {
      let plan = this.forced.shift() ?? { kind: HOUSEHOLD_KINDS.draw(this.random) };
      if (HOUSEHOLD_SIZE[plan.kind] > remaining) plan = { kind: remaining >= 2 ? 'couple' : 'single' };
      const household = this.household(plan, batch, remaining);
      households.push(household);
      batch.push(...household.members);
      remaining -= household.members.length;
    }
    return households;
  }

  // -------------------------------------------------------------------------------------------
  // Households

  private household(plan: HouseholdPlan, batch: readonly Person[], room: number): Household {
    const random = this.random;
    const entry = this.random.pick(this.pool);
    const address = this.addressAt(entry);
    const olderHead = plan.kind === 'single' || plan.kind === 'couple';
    const hasLandline = random.chance(olderHead ? 0.45 : 0.3);
    const household: Household = {
      id: `H${String(this.nextHousehold++).padStart(7, '0')}`,
      kind: plan.kind,
      members: [],
      address,
      landline: hasLandline ? this.uniquePhone(() => makeLandline(random, entry.town)) : null,
      tenancy: null,
      tenancyAddress: null,
      formerAddress: null,
      tenants: [],
    };
    switch (plan.kind) {
      case 'single':
        this.single(household, plan, batch, entry);
        break;
      case 'couple':
        this.couple(household, plan);
        break;
      case 'family':
      case 'single-parent':
        this.family(household, plan);
        break;
      case 'twins':
        this.twins(household, room);
        break;
      case 'sharers':
        this.sharers(household);
        break;
    }
    this.markSharedSurnames(household);
    this.assignSystems(household, plan);
    return household;
  }

  private single(
    household: Household,
    plan: HouseholdPlan,
    batch: readonly Person[],
    entry: PostcodeEntry,
  ): void {
    const random = this.random;
    const wantsNamesake = plan.forced === 'namesake' || this.tracker.wants('namesake') || random.chance(0.03);
    const original = wantsNamesake ? this.namesakeSource(batch, entry) : undefined;
    if (original === undefined) {
      this.adult(household, { sex: randomSex(random), dob: this.headDob() });
      return;
    }
    let dob = this.headDob();
    while (yearOf(dob) === yearOf(original.dob)) dob = this.headDob();
    const person = this.adult(household, {
      sex: original.sex,
      dob,
      given: original.given,
      family: original.family,
    });
    relate(person, original, 'namesake', 'namesake');
    person.kinds.add('namesake');
    original.kinds.add('namesake');
    this.tracker.saw('namesake');
  }

  /** Someone earlier in the batch, living at another postcode, whose name a new person will share. */
  private namesakeSource(batch: readonly Person[], entry: PostcodeEntry): Person | undefined {
    for (let attempt = 0; attempt < 5 && batch.length > 0; attempt++) {
      const candidate = this.random.pick(batch);
      if (candidate.household.address.postcode !== entry.postcode && candidate.suffix === null)
        return candidate;
    }
    return undefined;
  }

  private couple(household: Household, plan: HouseholdPlan): void {
    const random = this.random;
    const headDob = this.headDob();
    const head = this.adult(household, { sex: randomSex(random), dob: headDob });
    const sameSex = plan.forced === undefined && random.chance(0.06);
    const partnerSex: Sex = sameSex ? head.sex : head.sex === 'male' ? 'female' : 'male';
    const partnerDob = this.nearDob(headDob, 8);
    const married = plan.forced === 'married-name-change' || random.chance(0.65);
    const takesName =
      married && (plan.forced === 'married-name-change' || random.chance(sameSex ? 0.2 : 0.85));
    const partner = this.adult(household, {
      sex: partnerSex,
      dob: partnerDob,
      family: this.surnameOtherThan(head.family),
    });
    // In most opposite-sex marriages recorded in these systems the wife took the husband's surname.
    const [keeps, changes] = partner.sex === 'female' || sameSex ? [head, partner] : [partner, head];
    if (takesName) {
      changes.previousFamily = changes.family;
      changes.family = keeps.family;
      if (changes.sex === 'female') changes.title = random.chance(0.8) ? 'Mrs' : 'Ms';
      this.reissueEmail(changes);
    }
    relate(head, partner, 'partner', 'partner');
    if (plan.forced === 'married-name-change' || random.chance(0.2)) this.shareEmail(head, partner);
  }

  private family(household: Household, plan: HouseholdPlan): void {
    const random = this.random;
    const childDob = this.dobAged(18, 35);
    const parentDob = this.dobBefore(childDob, 20, 40);
    const parent = this.adult(household, { sex: randomSex(random), dob: parentDob });
    let partner: Person | undefined;
    if (plan.kind === 'family') {
      partner = this.adult(household, {
        sex: parent.sex === 'male' ? 'female' : 'male',
        dob: this.nearDob(parentDob, 6),
        family: this.surnameOtherThan(parent.family),
      });
      const [keeps, changes] = partner.sex === 'female' ? [parent, partner] : [partner, parent];
      changes.previousFamily = changes.family;
      changes.family = keeps.family;
      if (changes.sex === 'female') changes.title = 'Mrs';
      this.reissueEmail(changes);
      relate(parent, partner, 'partner', 'partner');
    }
    const junior = plan.forced === 'junior' || random.chance(0.15);
    // A son named after his father is the usual Sr/Jr case; a daughter after her mother is rarer.
    const namesakeParent = junior
      ? parent.sex === 'male' || partner === undefined
        ? parent
        : partner
      : undefined;
    const childSex: Sex = namesakeParent?.sex ?? randomSex(random);
    const child = this.adult(household, {
      sex: childSex,
      dob: childDob,
      family: parent.family,
      ...(namesakeParent ? { given: namesakeParent.given } : {}),
    });
    for (const grownUp of [parent, partner]) if (grownUp) relate(grownUp, child, 'parent', 'child');
    if (namesakeParent) {
      namesakeParent.suffix = 'Sr';
      child.suffix = 'Jr';
      namesakeParent.kinds.add('parent-child-same-name');
      child.kinds.add('parent-child-same-name');
      this.tracker.saw('parent-child-same-name');
    }
  }

  private twins(household: Household, room: number): void {
    const random = this.random;
    const dob = this.dobAged(18, 45);
    const first = this.adult(household, { sex: randomSex(random), dob });
    // Twins are often given names with the same initial (Jack and James), which makes them harder to tell apart.
    const secondSex = randomSex(random);
    const names = namesFor(dob, secondSex).filter((name) => name !== first.given);
    const sameInitial = names.filter((name) => name[0] === first.given[0]);
    const given =
      sameInitial.length > 0 && random.chance(0.35) ? random.pick(sameInitial) : random.pick(names);
    const second = this.adult(household, { sex: secondSex, dob, family: first.family, given });
    relate(first, second, 'twin', 'twin');
    first.kinds.add('twins');
    second.kinds.add('twins');
    this.tracker.saw('twins');
    // Half the twins live with a parent, where the batch has room for one more.
    if (random.chance(0.5) && room >= 3) {
      const parent = this.adult(household, {
        sex: randomSex(random),
        dob: this.dobBefore(dob, 20, 40),
        family: first.family,
      });
      relate(parent, first, 'parent', 'child');
      relate(parent, second, 'parent', 'child');
    }
  }

  private sharers(household: Household): void {
    const random = this.random;
    const first = this.adult(household, { sex: randomSex(random), dob: this.dobAged(20, 40) });
    const second = this.adult(household, {
      sex: randomSex(random),
      dob: this.dobAged(20, 40),
      family: this.surnameOtherThan(first.family),
    });
    relate(first, second, 'household-member', 'household-member');
  }

  /** Members sharing a surname with another member of the household at its address: the `household` hard case. */
  private markSharedSurnames(household: Household): void {
    for (const person of household.members) {
      if (household.members.some((other) => other !== person && other.family === person.family)) {
        person.kinds.add('household');
        this.tracker.saw('household');
      }
    }
  }

  /** Which of the organisation's systems hold each member. */
  private assignSystems(household: Household, plan: HouseholdPlan): void {
    const random = this.random;
    const [head, second] = household.members;
    if (head === undefined) return;
    const forced = plan.forced !== undefined;
    if (forced || random.chance(household.kind === 'sharers' ? 0.6 : 0.8)) {
      household.tenancy = !forced && random.chance(0.08) ? 'ended' : 'current';
      household.tenants.push(head);
      const jointChance = household.kind === 'sharers' ? 0.5 : household.kind === 'twins' ? 0.6 : 0.7;
      const partner = household.kind === 'single-parent' ? undefined : second;
      if (partner && (forced || random.chance(jointChance))) household.tenants.push(partner);
      if (household.tenancy === 'ended') {
        // They have left the organisation's home for an address of their own.
        household.tenancyAddress = this.addressAt(this.otherEntry(household.address.postcode));
        for (const tenant of household.tenants) tenant.previousAddress = household.tenancyAddress;
      } else {
        household.tenancyAddress = household.address;
        if (plan.forced === 'married-name-change' || random.chance(0.08)) {
          household.formerAddress = this.addressAt(this.otherEntry(household.address.postcode));
          for (const tenant of household.tenants) tenant.previousAddress = household.formerAddress;
        }
      }
    }
    for (const person of household.members) {
      const isTenant = household.tenants.includes(person);
      if (isTenant) person.systems.add('housing');
      if (forced || random.chance(isTenant ? 0.75 : 0.5)) person.systems.add('crm');
      if (random.chance(isTenant ? 0.09 : 0.06)) person.systems.add('casenotes');
      const surveyed = isTenant && household.tenancy === 'current' && random.chance(0.15);
      if (surveyed || random.chance(0.07)) person.systems.add('spreadsheets');
      if (person.systems.size === 0) person.systems.add('crm');
      this.chooseOldValues(person, forced);
    }
  }

  private chooseOldValues(person: Person, forced: boolean): void {
    const random = this.random;
    const systems = [...person.systems];
    if (person.previousFamily !== null) {
      // The tenancy is updated when a tenant marries; the other systems often are not.
      const stale = systems.filter((system) => system !== 'housing');
      if (stale.length > 0 && (systems.length > 1 || forced || random.chance(0.5))) {
        person.oldNameSystem = random.pick(stale);
      } else if (systems.length === 1 && random.chance(0.5)) {
        person.oldNameSystem = systems[0] ?? null;
      }
    }
    if (person.previousAddress !== null) {
      const stale = systems.filter((system) => system === 'crm' || system === 'casenotes');
      if (stale.length > 0 && (forced || random.chance(0.6))) {
        person.oldAddressSystem = random.pick(stale);
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // People

  private adult(
    household: Household,
    options: { sex: Sex; dob: string; given?: string; family?: string },
  ): Person {
    const random = this.random;
    const index = this.nextPerson++;
    const given = options.given ?? random.pick(namesFor(options.dob, options.sex));
    const middleChoices = namesFor(options.dob, options.sex).filter((name) => name !== given);
    const age = ageOf(options.dob);
    const person: Person = {
      index,
      id: `P${String(index).padStart(7, '0')}`,
      household,
      sex: options.sex,
      title: titleFor(random, options.sex, age),
      given,
      middle: random.chance(0.45) ? random.pick(middleChoices) : null,
      family: options.family ?? household.members[0]?.family ?? this.surname(),
      previousFamily: null,
      suffix: null,
      dob: options.dob,
      email: null,
      mobile: random.chance(age > 80 ? 0.6 : 0.9) ? this.uniquePhone(() => makeMobile(random)) : null,
      ni: random.chance(0.9) ? this.unique(this.niNumbers, () => makeNiNumber(random)) : null,
      nhs: random.chance(0.4) ? this.unique(this.nhsNumbers, () => makeNhsNumber(random)) : null,
      previousAddress: null,
      kinds: new Set(),
      relations: [],
      records: [],
      systems: new Set(),
      oldNameSystem: null,
      oldAddressSystem: null,
    };
    if (random.chance(age > 75 ? 0.4 : 0.82)) person.email = this.personalEmail(person);
    household.members.push(person);
    return person;
  }

  private surname(): string {
    const random = this.random;
    const draw = random.next();
    let name: string;
    if (draw < 0.45) name = COMMON.draw(random);
    else if (draw < 0.85) name = random.pick(SURNAME_STEMS) + random.pick(SURNAME_ENDINGS);
    else name = random.faker.person.lastName();
    // Double-barrelled surnames, which systems write with and without the hyphen.
    if (random.chance(0.02)) name = `${name}-${COMMON.draw(random)}`;
    return name;
  }

  private surnameOtherThan(taken: string): string {
    for (;;) {
      const name = this.surname();
      if (name !== taken) return name;
    }
  }

  private headDob(): string {
    const [min, max] = HEAD_AGES.draw(this.random);
    return this.dobAged(min, max);
  }

  private dobAged(minAge: number, maxAge: number): string {
    const days = REFERENCE_DAYS - Math.floor((minAge + this.random.next() * (maxAge - minAge + 1)) * 365.25);
    return daysToIso(days);
  }

  /** A date of birth within `years` of another, at least 18 years before the reference date. */
  private nearDob(dob: string, years: number): string {
    const latest = REFERENCE_DAYS - Math.ceil(18 * 365.25);
    const days = Math.floor(Date.parse(dob) / 86_400_000) + this.random.int(-years * 365, years * 365);
    return daysToIso(Math.min(days, latest));
  }

  /** A parent's date of birth, `minYears` to `maxYears` before the child's. */
  private dobBefore(childDob: string, minYears: number, maxYears: number): string {
    const child = Math.floor(Date.parse(childDob) / 86_400_000);
    const earliest = REFERENCE_DAYS - 95 * 365;
    return daysToIso(Math.max(earliest, child - this.random.int(minYears * 365, maxYears * 365)));
  }

  // -------------------------------------------------------------------------------------------
  // Contact details

  private personalEmail(person: Person): string {
    const random = this.random;
    const first = emailWord(person.given);
    const last = emailWord(person.family);
    const year = person.dob.slice(0, 4);
    const patterns = [
      `${first}.${last}`,
      `${first}${last}`,
      `${first[0] ?? ''}.${last}`,
      `${first}_${last}`,
      `${first}.${last}${random.digits(2)}`,
      `${first}${last}${year}`,
      `${last}${first[0] ?? ''}${random.digits(2)}`,
      `${first}${year.slice(2)}`,
    ];
    let local = random.pick(patterns);
    for (let attempt = 0; ; attempt++) {
      const email = `${local}@${PROVIDERS.draw(random)}`;
      if (this.emails.add(mailboxOf(email))) return email;
      local = attempt < 20 ? `${local}${random.digits(1)}` : `${local}${String(person.index)}`;
    }
  }

  /** After a change of surname the person opens a new address more often than not. */
  private reissueEmail(person: Person): void {
    if (person.email !== null && this.random.chance(0.6)) person.email = this.personalEmail(person);
  }

  /** One address for the two of them: the `shared-email` hard case. */
  private shareEmail(first: Person, second: Person): void {
    const random = this.random;
    let shared = first.email ?? second.email;
    if (shared === null || random.chance(0.4)) {
      const local = random.chance(0.5)
        ? `${emailWord(first.family)}family`
        : `${emailWord(first.given)}and${emailWord(second.given)}`;
      shared = `${local}@${PROVIDERS.draw(random)}`;
      while (!this.emails.add(mailboxOf(shared)))
        shared = `${local}${random.digits(2)}@${PROVIDERS.draw(random)}`;
    }
    first.email = shared;
    second.email = shared;
    first.kinds.add('shared-email');
    second.kinds.add('shared-email');
    this.tracker.saw('shared-email');
  }

  private uniquePhone(make: () => string): string {
    return this.unique(this.phones, make);
  }

  private unique(set: HashedSet, make: () => string): string {
    for (;;) {
      const value = make();
      if (set.add(value)) return value;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Addresses

  /** Postcodes of the organisation's estates: about eight households to a postcode, one street each. */
  private buildPostcodePool(size: number): void {
    const random = this.random;
    const seen = new Set<string>();
    const streets = random.faker.definitions.location.street_name;
    while (this.pool.length < size) {
      const town = TOWN_TABLE.draw(random);
      const postcode = makePostcode(random, town);
      if (seen.has(postcode)) continue;
      seen.add(postcode);
      const isBlock = random.chance(0.25);
      this.pool.push({
        postcode,
        town,
        street: random.pick(streets),
        block: isBlock ? { name: random.pick(BLOCK_NAMES), number: random.int(1, 120) } : null,
        next: random.int(1, 20),
      });
    }
  }

  private addressAt(entry: PostcodeEntry): Address {
    const number = entry.next;
    entry.next += entry.block ? 1 : this.random.int(1, 2);
    return entry.block
      ? {
          line1: `Flat ${String(number)}, ${entry.block.name}`,
          line2: `${String(entry.block.number)} ${entry.street}`,
          town: entry.town.name,
          county: entry.town.county,
          postcode: entry.postcode,
        }
      : {
          line1: `${String(number)} ${entry.street}`,
          line2: null,
          town: entry.town.name,
          county: entry.town.county,
          postcode: entry.postcode,
        };
  }

  private otherEntry(postcode: string): PostcodeEntry {
    for (;;) {
      const entry = this.random.pick(this.pool);
      if (entry.postcode !== postcode) return entry;
    }
  }
}

function relate(a: Person, b: Person, aIs: RelationKind, bIs: RelationKind): void {
  // `a` is the `aIs` of `b`: a parent of the child; the relation on each side names the other.
  b.relations.push({ kind: aIs, with: a.id });
  a.relations.push({ kind: bIs, with: b.id });
}

function randomSex(random: Random): Sex {
  return random.chance(0.5) ? 'female' : 'male';
}

function cohortOf(dob: string): Cohort {
  const year = yearOf(dob);
  if (year < 1960) return 'older';
  return year < 1990 ? 'middle' : 'younger';
}

function namesFor(dob: string, sex: Sex): readonly string[] {
  return GIVEN_NAMES[cohortOf(dob)][sex];
}

function ageOf(dob: string): number {
  return Math.floor((REFERENCE_DAYS - Math.floor(Date.parse(dob) / 86_400_000)) / 365.25);
}

function titleFor(random: Random, sex: Sex, age: number): string {
  if (random.chance(0.005)) return 'Mx';
  if (random.chance(0.01)) return 'Dr';
  if (sex === 'male') return 'Mr';
  if (age < 35) return random.chance(0.6) ? 'Miss' : 'Ms';
  return random.chance(0.5) ? 'Mrs' : random.chance(0.5) ? 'Ms' : 'Miss';
}
