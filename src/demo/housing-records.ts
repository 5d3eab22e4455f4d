import { addressOnOneLine, type BuildContext } from './build-context.ts';
import { daysToIso, isoTimestamp, isoToDays, REFERENCE_DAYS } from './dates.ts';
import { spacedNiNumber } from './identifiers.ts';
import type { Address, Household, Person } from './population.ts';
import { REPAIR_JOBS } from './uk-data.ts';

/**
 * The housing management system's rows for one household: its tenants, the property and tenancy
 * (joint where two are named), the rent account with its recent transactions, and repairs. A
 * household that transferred from another of the organisation's homes has an ended tenancy there too.
 */
export function addHousingRecords(household: Household, context: BuildContext): void {
  if (household.tenancy === null || household.tenancyAddress === null) return;
  const random = context.random;
  const tenantIds = household.tenants.map((person) => addTenant(person, context));

  const latestStart = REFERENCE_DAYS - 30;
  let start = random.int(isoToDays('1992-04-01'), latestStart);
  if (household.formerAddress !== null) {
    const formerStart = random.int(isoToDays('1990-01-01'), start - 400);
    const formerEnd = start - random.int(1, 14);
    addTenancy(
      household,
      tenantIds,
      household.formerAddress,
      { start: formerStart, end: formerEnd },
      context,
    );
  }
  let end: number | null = null;
  if (household.tenancy === 'ended') {
    end = random.int(REFERENCE_DAYS - 5 * 365, REFERENCE_DAYS - 20);
    start = Math.min(start, end - random.int(200, 4000));
  }
  const ref = addTenancy(household, tenantIds, household.tenancyAddress, { start, end }, context);
  if (end === null) for (const tenant of household.tenants) context.tenancyRefs.set(tenant, ref);
}

function addTenant(person: Person, context: BuildContext): number {
  const random = context.random;
  const view = context.view(person, 'housing');
  const id = context.nextId('housing', 'tenants');
  const created = random.int(REFERENCE_DAYS - 12 * 365, REFERENCE_DAYS - 40);
  context.addKeyed('housing', 'tenants', {
    tenant_id: id,
    tenant_ref: `HT${String(100_000 + id)}`,
    title: view.title,
    forename: view.given,
    middle_names: view.middle,
    surname: view.family,
    date_of_birth: view.dob,
    ni_number:
      person.ni === null || random.chance(0.15)
        ? null
        : random.chance(0.4)
          ? spacedNiNumber(person.ni)
          : person.ni,
    email: view.email,
    mobile_phone: view.mobile,
    home_phone: view.landline,
    correspondence_address: addressOnOneLine(view.address),
    postcode: view.postcode,
    processing_restricted: false,
    created_at: isoTimestamp(created, random.int(28_800, 64_800)),
    updated_at: isoTimestamp(random.int(created, REFERENCE_DAYS - 1), random.int(28_800, 64_800)),
  });
  context.own(person, 'housing', 'tenants', { tenant_id: id }, view.variants);
  return id;
}

const PAYMENT_METHODS = [
  'Direct Debit',
  'Universal Credit',
  'Housing Benefit',
  'Allpay card',
  'Standing order',
];

function addTenancy(
  household: Household,
  tenantIds: readonly number[],
  address: Address,
  dates: { start: number; end: number | null },
  context: BuildContext,
): string {
  const random = context.random;
  const tenants = household.tenants;
  const propertyId = addProperty(address, context);
  const tenancyId = context.nextId('housing', 'tenancies');
  const tenancyRef = `TNC${String(tenancyId).padStart(7, '0')}`;
  const startIso = daysToIso(dates.start);
  const tenancyType =
    startIso < '1989-01-15' ? 'secure' : REFERENCE_DAYS - dates.start < 365 ? 'starter' : 'assured';
  context.addKeyed('housing', 'tenancies', {
    tenancy_id: tenancyId,
    tenancy_ref: tenancyRef,
    property_id: propertyId,
    tenant_id: tenantIds[0] ?? null,
    joint_tenant_id: tenantIds[1] ?? null,
    tenancy_type: tenancyType,
    start_date: startIso,
    end_date: dates.end === null ? null : daysToIso(dates.end),
    status: dates.end === null ? 'current' : 'ended',
  });
  for (const tenant of tenants) context.own(tenant, 'housing', 'tenancies', { tenancy_id: tenancyId });

  const weeklyRent = random.int(8_500, 19_000) / 100;
  const accountId = context.nextId('housing', 'rent_accounts');
  const method = random.pick(PAYMENT_METHODS);
  const arrears = dates.end === null && random.chance(0.25) ? random.int(1, 120_000) / 100 : 0;
  context.addKeyed('housing', 'rent_accounts', {
    account_id: accountId,
    account_ref: `RA${String(accountId).padStart(8, '0')}`,
    tenancy_id: tenancyId,
    weekly_rent: weeklyRent.toFixed(2),
    balance: arrears.toFixed(2),
    payment_method: method,
    opened_on: startIso,
  });
  for (const tenant of tenants) context.own(tenant, 'housing', 'rent_accounts', { account_id: accountId });
  addTransactions(tenants, accountId, weeklyRent, method, dates, context);

  const repairs = random.poisson(dates.end === null ? 0.6 : 0.3);
  for (let i = 0; i < repairs; i++) addRepair(tenants, tenantIds, propertyId, dates, context);
  return tenancyRef;
}

function addProperty(address: Address, context: BuildContext): number {
  const random = context.random;
  const id = context.nextId('housing', 'properties');
  const isFlat = address.line1.startsWith('Flat');
  context.addKeyed('housing', 'properties', {
    property_id: id,
    // Unique Property Reference Numbers are up to twelve digits; these sit in a range of their own.
    uprn: 100_090_000_000 + id,
    address_line_1: address.line1,
    address_line_2: address.line2,
    town: address.town,
    postcode: address.postcode,
    property_type: isFlat
      ? random.pick(['flat', 'flat', 'maisonette'])
      : random.pick(['house', 'house', 'bungalow']),
    bedrooms: isFlat ? random.int(1, 2) : random.int(2, 4),
  });
  return id;
}

/** The last four weeks of rent charges and payments, or the last weeks before the tenancy ended. */
function addTransactions(
  tenants: readonly Person[],
  accountId: number,
  weeklyRent: number,
  method: string,
  dates: { start: number; end: number | null },
  context: BuildContext,
): void {
  const random = context.random;
  const last = dates.end ?? REFERENCE_DAYS - 1;
  // Mondays: 1970-01-05 was one.
  const lastMonday = last - ((last - 4) % 7);
  const weeks = dates.end === null ? 4 : 2;
  const add = (day: number, type: string, amount: number, description: string) => {
    if (day < dates.start) return;
    const id = context.nextId('housing', 'rent_transactions');
    context.addKeyed('housing', 'rent_transactions', {
      transaction_id: id,
      account_id: accountId,
      posted_on: daysToIso(day),
      transaction_type: type,
      amount: amount.toFixed(2),
      description,
    });
    for (const tenant of tenants) context.own(tenant, 'housing', 'rent_transactions', { transaction_id: id });
  };
  for (let week = weeks - 1; week >= 0; week--) {
    const monday = lastMonday - week * 7;
    add(monday, 'charge', weeklyRent, 'Weekly rent');
    if (random.chance(0.85)) add(monday + random.int(0, 4), 'payment', -weeklyRent, method);
  }
  if (dates.end !== null) add(dates.end, 'adjustment', 0, 'Account closed at end of tenancy');
}

const PRIORITIES = ['emergency', 'urgent', 'routine', 'routine', 'routine'];

function addRepair(
  tenants: readonly Person[],
  tenantIds: readonly number[],
  propertyId: number,
  dates: { start: number; end: number | null },
  context: BuildContext,
): void {
  const random = context.random;
  const reporter = random.int(0, tenants.length - 1);
  const person = tenants[reporter];
  const until = dates.end ?? REFERENCE_DAYS - 1;
  const reported = random.int(Math.max(dates.start, until - 3 * 365), until);
  const [category, description] = random.pick(REPAIR_JOBS);
  const completed = random.chance(dates.end === null ? 0.8 : 1);
  const id = context.nextId('housing', 'repairs');
  context.addKeyed('housing', 'repairs', {
    repair_id: id,
    repair_ref: `RJ${String(id).padStart(7, '0')}`,
    property_id: propertyId,
    reported_by: tenantIds[reporter] ?? null,
    reported_on: daysToIso(reported),
    category,
    description,
    priority: random.pick(PRIORITIES),
    status: completed ? 'completed' : 'open',
    completed_on: completed ? daysToIso(Math.min(until, reported + random.int(0, 40))) : null,
  });
  if (person) context.own(person, 'housing', 'repairs', { repair_id: id });
}
