import type { BuildContext } from './build-context.ts';
import { dateTime, REFERENCE_DAYS, ukDate } from './dates.ts';
import type { HardCase } from './ground-truth.ts';
import { formatPhone, type PhoneStyle } from './identifiers.ts';
import type { Person } from './population.ts';
import { AGENTS, CALL_REASONS, REPAIR_JOBS } from './uk-data.ts';

/**
 * The CRM's rows for one person: a contact with the CRM's own customer number and its own habits
 * (surnames in capitals, dates as dd/mm/yyyy text), the calls logged against it and its marketing
 * preferences (the newsletter, by consent).
 */
export function addCrmRecords(person: Person, context: BuildContext): void {
  const random = context.random;
  const view = context.view(person, 'crm');
  const contactId = context.nextId('crm', 'contacts');
  const created = random.int(REFERENCE_DAYS - 8 * 365, REFERENCE_DAYS - 10);
  const tenancyRef = context.tenancyRefs.get(person);
  context.addKeyed('crm', 'contacts', {
    contact_id: contactId,
    customer_no: `CUS-${String(500_000 + contactId)}`,
    salutation: salutation(view.title, random.next()),
    first_name: view.given,
    // Call handlers often type surnames in capitals.
    last_name: random.chance(0.25) ? view.family.toUpperCase() : view.family,
    dob: view.dob === null ? null : ukDate(view.dob),
    email: view.email,
    phone: view.mobile ?? view.landline,
    phone_2: view.mobile === null ? null : view.landline,
    address_1: view.address.line1,
    address_2: view.address.line2,
    town: view.address.town,
    postcode: view.postcode,
    tenancy_ref: tenancyRef !== undefined && random.chance(0.7) ? tenancyRef : null,
    source: random.pick(['phone', 'web form', 'office visit', 'email', 'tenancy sign-up']),
    processing_restricted: 0,
    created_at: dateTime(created, random.int(28_800, 64_800)),
    updated_at: dateTime(random.int(created, REFERENCE_DAYS - 1), random.int(28_800, 64_800)),
  });
  context.own(person, 'crm', 'contacts', { contact_id: contactId }, view.variants);

  const calls = random.poisson(1.8);
  for (let i = 0; i < calls; i++) addCall(person, contactId, context);
  if (random.chance(0.5)) addMarketingPreferences(person, contactId, view.email !== null, context);
}

function salutation(title: string, draw: number): string {
  if (draw < 0.1) return `${title}.`;
  if (draw < 0.2) return title.toUpperCase();
  return title;
}

/** How the telephone system records the number that called: mostly E.164, as the network delivers it. */
const CALLER_STYLES: readonly PhoneStyle[] = ['e164', 'e164', 'e164', 'compact', 'canonical'];

function addCall(person: Person, contactId: number, context: BuildContext): void {
  const random = context.random;
  const inbound = random.chance(0.8);
  const number = person.mobile ?? person.household.landline;
  const withheld = number === null || random.chance(0.08);
  const style = random.pick(CALLER_STYLES);
  const callerNumber = withheld ? null : formatPhone(number, style);
  const reason = random.pick(CALL_REASONS);
  const id = context.nextId('crm', 'calls');
  const other = person.household.members.find((member) => member !== person);
  const onBehalf = other !== undefined && random.chance(0.15);
  context.addKeyed('crm', 'calls', {
    call_id: id,
    contact_id: contactId,
    call_started: dateTime(
      random.int(REFERENCE_DAYS - 2 * 365, REFERENCE_DAYS - 1),
      random.int(28_800, 64_800),
    ),
    direction: inbound ? 'inbound' : 'outbound',
    caller_number: inbound ? callerNumber : null,
    duration_seconds: random.int(25, 1_800),
    agent: random.pick(AGENTS),
    reason,
    summary: callSummary(person, reason, onBehalf ? other : undefined, context),
  });
  const variants: HardCase[] =
    inbound && callerNumber !== null && style !== 'canonical' ? ['phone-variant'] : [];
  context.own(person, 'crm', 'calls', { call_id: id }, variants);
  if (onBehalf) context.mention(other, 'crm', 'calls', { call_id: id });
}

function callSummary(
  person: Person,
  reason: string,
  onBehalfOf: Person | undefined,
  context: BuildContext,
): string {
  const random = context.random;
  const about = onBehalfOf ? `Called on behalf of ${onBehalfOf.given} ${onBehalfOf.family}. ` : '';
  switch (reason) {
    case 'Rent query':
      return `${about}Asked about the balance on the rent account; explained the last statement.`;
    case 'Report a repair':
    case 'Repair follow-up':
      return `${about}${random.pick(REPAIR_JOBS)[1]}. Job raised for the repairs team.`;
    case 'Anti-social behaviour':
      return `${about}Reported ongoing noise from next door; passed to the neighbourhood officer.`;
    case 'Change of details':
      return `${about}Updated contact details for ${person.given}.`;
    case 'Newsletter':
      return `${about}Asked to be added to the residents' newsletter.`;
    case 'Universal Credit':
      return `${about}Asked for help with the housing element of Universal Credit; booked an appointment.`;
    default:
      return `${about}General enquiry, resolved on the call.`;
  }
}

function addMarketingPreferences(
  person: Person,
  contactId: number,
  hasEmail: boolean,
  context: BuildContext,
): void {
  const random = context.random;
  const channels = [
    ...(hasEmail ? ['email'] : []),
    ...(person.mobile !== null && random.chance(0.5) ? ['sms'] : []),
    ...(random.chance(0.3) ? ['post'] : []),
  ];
  for (const channel of channels) {
    const id = context.nextId('crm', 'marketing_preferences');
    context.addKeyed('crm', 'marketing_preferences', {
      preference_id: id,
      contact_id: contactId,
      channel,
      opted_in: random.chance(0.75) ? 1 : 0,
      recorded_at: dateTime(
        random.int(REFERENCE_DAYS - 5 * 365, REFERENCE_DAYS - 1),
        random.int(28_800, 64_800),
      ),
      source: random.pick(['Newsletter sign-up form', 'Tenancy sign-up', 'Phone call', 'Event sign-up']),
    });
    context.own(person, 'crm', 'marketing_preferences', { preference_id: id });
  }
}
