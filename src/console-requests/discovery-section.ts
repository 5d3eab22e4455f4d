import type { Register } from '../register/register-schema.ts';
import type { RightsRequest } from '../rights-requests/rights-request.ts';
import type { Services } from '../services.ts';
import type { Annotation } from '../systems/annotation-schema.ts';
import { can } from '../users/roles.ts';
import type { StaffUser } from '../web/web-plugin.ts';
import {
  discoveryModel,
  EMPTY_SEARCH_FORM,
  previousSearchForm,
  tableSensitivities,
  type SearchFormValues,
  type SensitivityOf,
} from './discovery-page.ts';
import { field, rawField, type FormBody } from './form-input.ts';
import type { PeopleNames } from './request-page.ts';

/** Who is looking, and what they may do with the records of the organisation's systems. */
export interface Viewer {
  canWrite: boolean;
  canSeeSpecial: boolean;
}

export function viewerOf(user: StaffUser | undefined): Viewer {
  return {
    canWrite: user !== undefined && can(user.role, 'requests.write'),
    canSeeSpecial: user !== undefined && can(user.role, 'requests.special-category'),
  };
}

/**
 * The annotations of the configured systems folder and the register, to tell which tables hold
 * special category or criminal offence data. Reading files only: no system is connected to. When
 * they cannot be read, every table counts as of unknown sensitivity, and is hidden from those who
 * may not see special category data.
 */
export async function sensitivityLookup(
  services: Services,
  register: Register | undefined,
): Promise<{ sensitivityOf: SensitivityOf; annotations: readonly Annotation[] }> {
  let annotations: readonly Annotation[] = [];
  try {
    annotations = (await services.systems.loadAnnotations({})).annotations;
  } catch {
    // A missing or unreadable folder: nothing is known of any table.
  }
  return { sensitivityOf: tableSensitivities(annotations, register), annotations };
}

/** The search form's fields as sent. */
export function searchFormValues(body: FormBody): SearchFormValues {
  return {
    dateOfBirth: field(body, 'dateOfBirth'),
    niNumber: field(body, 'niNumber'),
    nhsNumber: field(body, 'nhsNumber'),
    emails: field(body, 'emails'),
    phones: field(body, 'phones'),
    postcodes: field(body, 'postcodes'),
    previousNames: field(body, 'previousNames'),
    previousAddresses: rawField(body, 'previousAddresses'),
    references: rawField(body, 'references'),
  };
}

/**
 * The request page's section on the organisation's systems: the searches, the candidates by band
 * with their breakdowns, the search form (filled with the details given before, or with what was
 * typed when it failed), and whether the search can be widened.
 */
export async function discoverySection(
  services: Services,
  input: {
    request: RightsRequest;
    user: StaffUser | undefined;
    people: PeopleNames;
    register: Register | undefined;
    state: { form: string; values: FormBody } | undefined;
  },
): Promise<Record<string, unknown>> {
  // A Custodian without the systems (an older composition, a test) says so rather than failing.
  if (!('discovery' in services) || !('systems' in services)) return { systemsConnected: false };
  const viewer = viewerOf(input.user);
  const [view, lookup] = await Promise.all([
    services.discovery.candidates(input.request.reference),
    sensitivityLookup(services, input.register),
  ]);
  const referenceYear = services.now().getUTCFullYear();
  const searchForm =
    input.state?.form === 'search'
      ? searchFormValues(input.state.values)
      : view.runs.length === 0
        ? EMPTY_SEARCH_FORM
        : previousSearchForm(input.request, view, referenceYear);
  const referenceKinds = [
    ...new Set(
      lookup.annotations.flatMap((annotation) =>
        Object.values(annotation.tables).flatMap((table) =>
          Object.values(table.columns).flatMap((column) =>
            column.reference_kind === undefined ? [] : [column.reference_kind],
          ),
        ),
      ),
    ),
  ].sort();
  return {
    systemsConnected: true,
    discovery: discoveryModel(view, { ...viewer, sensitivityOf: lookup.sensitivityOf, people: input.people }),
    searchForm,
    searchFormHasDetails: Object.values(searchForm).some((value) => value !== ''),
    referencesHint:
      'One per line: its kind, a colon and the reference, for example tenancy: T-0012.' +
      (referenceKinds.length > 0 ? ` Kinds the systems hold: ${referenceKinds.join(', ')}.` : ''),
    noteValues: input.state?.form.startsWith('candidate-')
      ? { [input.state.form]: field(input.state.values, 'note') }
      : {},
    canSeeSpecial: viewer.canSeeSpecial,
  };
}
