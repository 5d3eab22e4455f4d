import type { BuildContext } from './build-context.ts';
import { daysToIso, isoToDays, REFERENCE_DAYS, ukDate } from './dates.ts';
import type { Person } from './population.ts';
import { EVENTS, SURVEY_COMMENTS } from './uk-data.ts';
import { PLACEHOLDER_DOB } from './views.ts';

/**
 * The spreadsheet folder's rows for one person: event sign-ups (a CSV typed from paper forms, the
 * whole name in one column) and the tenant survey (an XLSX export, for current tenants).
 */
export function addSpreadsheetRecords(person: Person, context: BuildContext): void {
  const random = context.random;
  const surveyed = context.tenancyRefs.has(person) && random.chance(0.6);
  if (surveyed) addSurveyResponse(person, context);
  if (!surveyed || random.chance(0.4)) {
    addSignUp(person, context);
    if (random.chance(0.2)) addSignUp(person, context);
  }
}

function addSignUp(person: Person, context: BuildContext): void {
  const random = context.random;
  const view = context.view(person, 'spreadsheets');
  const [event, eventDate] = random.pick(EVENTS);
  const eventDay = isoToDays(eventDate);
  const id = context.nextId('spreadsheets', 'event-signups');
  const style = random.next();
  const name =
    style < 0.2
      ? `${view.given} ${view.family}`.toLowerCase()
      : style < 0.3
        ? `${view.family}, ${view.given}`
        : `${view.given} ${view.family}`;
  const signupId = `SU${String(id).padStart(6, '0')}`;
  context.addKeyed('spreadsheets', 'event-signups', {
    signup_id: signupId,
    event,
    event_date: ukDate(eventDate),
    name,
    email: view.email,
    mobile: view.mobile ?? view.landline,
    postcode: view.postcode,
    signed_up_on: ukDate(daysToIso(eventDay - random.int(1, 40))),
    attended: eventDay >= REFERENCE_DAYS ? '' : random.chance(0.8) ? 'yes' : 'no',
  });
  // The sign-up form asks for no date of birth, so a variant of it shows nothing here.
  context.own(
    person,
    'spreadsheets',
    'event-signups',
    { signup_id: signupId },
    view.variants.filter((kind) => kind !== 'dob-day-month-swapped' && kind !== 'placeholder-dob'),
  );
}

function addSurveyResponse(person: Person, context: BuildContext): void {
  const random = context.random;
  const view = context.view(person, 'spreadsheets');
  const id = context.nextId('spreadsheets', 'tenant-survey-2025');
  const responseId = `R${String(id).padStart(6, '0')}`;
  context.addKeyed('spreadsheets', 'tenant-survey-2025', {
    response_id: responseId,
    submitted_on: daysToIso(random.int(isoToDays('2025-10-01'), isoToDays('2025-12-15'))),
    first_name: view.given,
    last_name: view.family,
    // A placeholder typed as text into a column of dates, as people do in spreadsheets.
    date_of_birth: view.dob === PLACEHOLDER_DOB ? ukDate(PLACEHOLDER_DOB) : view.dob,
    tenancy_ref: random.chance(0.9) ? (context.tenancyRefs.get(person) ?? null) : null,
    email: view.email,
    phone: view.mobile ?? view.landline,
    postcode: view.postcode,
    satisfaction: random.int(1, 5),
    comments: random.pick(SURVEY_COMMENTS),
  });
  context.own(person, 'spreadsheets', 'tenant-survey-2025', { response_id: responseId }, view.variants);
}
