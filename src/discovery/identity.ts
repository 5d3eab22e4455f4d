import { z } from 'zod';
import {
  normaliseDateOfBirth,
  normaliseName,
  normaliseNhsNumber,
  normaliseNiNumber,
  normalisePostcode,
  type PersonInput,
  type ReferenceInput,
} from '../matching/index.ts';
import type { Person } from '../rights-requests/request-input.ts';
import { distinct } from './raw-variants.ts';

/**
 * Who is being looked for: everything the organisation knows of the requester that systems may
 * hold, as given (raw). It is put together from the request (name and contact details), the
 * facts the privacy centre writes under the person's words (date of birth, previous names and
 * addresses), what the caseworker adds for the search (an NI number, a tenancy reference...) and,
 * in later rounds, identifiers found on records the caseworker confirmed.
 */
export interface RequesterIdentity {
  /** The name the person goes by now. */
  name: string;
  /** Earlier names (before marriage...): whole names, or a family name alone. */
  previousNames: string[];
  emails: string[];
  phones: string[];
  /** Postal addresses, current first. */
  addresses: string[];
  /** Postcodes given outright or read from the addresses. */
  postcodes: string[];
  /** `YYYY-MM-DD` when known. */
  dateOfBirth?: string | undefined;
  niNumbers: string[];
  nhsNumbers: string[];
  /** The organisation's own references: a tenancy, a customer or a case number, by scheme. */
  references: ReferenceInput[];
}

const text = z.string().trim().min(1, 'must not be empty');
const list = z.array(text).max(20, 'give at most 20');

/** What a caseworker may add to the request's own details for a search (all optional). */
export const searchDetails = z.strictObject({
  dateOfBirth: text.optional().describe('the date of birth, YYYY-MM-DD or DD/MM/YYYY'),
  niNumber: text.optional().describe('a National Insurance number'),
  nhsNumber: text.optional().describe('an NHS number'),
  emails: list.optional().describe('other email addresses'),
  phones: list.optional().describe('other telephone numbers'),
  postcodes: list.optional().describe('postcodes, current or earlier'),
  previousNames: list.optional().describe('earlier names, whole or a family name alone'),
  previousAddresses: list.optional().describe('earlier postal addresses'),
  references: z
    .array(z.strictObject({ scheme: text.describe('tenancy, customer, case...'), value: text }))
    .max(20, 'give at most 20')
    .optional()
    .describe("the organisation's own references"),
});
export type SearchDetails = z.infer<typeof searchDetails>;

/** Problems with details that cannot be read, by field, so that nothing is searched for wrongly. */
export function problemsWithDetails(
  details: SearchDetails,
  referenceYear: number,
): { where: string; message: string }[] {
  const problems: { where: string; message: string }[] = [];
  if (details.dateOfBirth !== undefined) {
    const date = normaliseDateOfBirth(details.dateOfBirth, { referenceYear });
    if (date.iso === undefined || date.isPlaceholder) {
      problems.push({
        where: 'dateOfBirth',
        message: `cannot be read as a date of birth (${date.problem ?? ''})`,
      });
    }
  }
  if (details.niNumber !== undefined) {
    const ni = normaliseNiNumber(details.niNumber);
    if (ni.value === undefined)
      problems.push({ where: 'niNumber', message: `is not an NI number: ${ni.problem ?? ''}` });
  }
  if (details.nhsNumber !== undefined) {
    const nhs = normaliseNhsNumber(details.nhsNumber);
    if (nhs.value === undefined)
      problems.push({ where: 'nhsNumber', message: `is not an NHS number: ${nhs.problem ?? ''}` });
  }
  (details.postcodes ?? []).forEach((postcode, index) => {
    if (normalisePostcode(postcode).unit === undefined)
      problems.push({ where: `postcodes.${String(index)}`, message: 'is not a UK postcode' });
  });
  return problems;
}

/** The facts the privacy centre sets out after the person's own words. */
export interface WordingFacts {
  dateOfBirth?: string | undefined;
  previousNames: string[];
  previousAddresses: string[];
}

/**
 * Reads the lines the privacy centre writes under a request's wording (`Date of birth: 3 March
 * 1961`, `Previous names: Jane Brown; Jane Green`, `Previous addresses: ...`). A request logged
 * another way simply has none.
 */
export function readWordingFacts(wording: string, referenceYear: number): WordingFacts {
  const line = (label: string) => new RegExp(`^${label}:[ \\t]*(.+)$`, 'mu').exec(wording)?.[1]?.trim();
  const listed = (label: string) =>
    (line(label) ?? '')
      .split(/;\s*/)
      .map((item) => item.trim())
      .filter((item) => item !== '');
  const birth = line('Date of birth');
  const iso = birth === undefined ? undefined : normaliseDateOfBirth(birth, { referenceYear }).iso;
  return {
    dateOfBirth: iso,
    previousNames: listed('Previous names'),
    previousAddresses: listed('Previous addresses'),
  };
}

/**
 * A UK postcode written in an address (`12 High Street, Leeds LS6 2AB`): the last one found that
 * the postcode library accepts.
 */
export function postcodeInAddress(address: string): string | undefined {
  const found = [...address.toUpperCase().matchAll(/\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b/g)];
  for (const match of found.reverse()) {
    const unit = normalisePostcode(`${match[1] ?? ''} ${match[2] ?? ''}`).unit;
    if (unit !== undefined) return unit;
  }
  return undefined;
}

/** The identity a first search looks for: the request's person, its written facts, the caseworker's details. */
export function identityFromRequest(
  request: { person: Person; wording: string },
  details: SearchDetails | undefined,
  referenceYear: number,
): RequesterIdentity {
  const facts = readWordingFacts(request.wording, referenceYear);
  const addresses = distinct([
    request.person.address,
    ...facts.previousAddresses,
    ...(details?.previousAddresses ?? []),
  ]);
  const givenBirth = details?.dateOfBirth;
  const dateOfBirth =
    givenBirth === undefined ? facts.dateOfBirth : normaliseDateOfBirth(givenBirth, { referenceYear }).iso;
  return {
    name: request.person.name,
    previousNames: distinct([...facts.previousNames, ...(details?.previousNames ?? [])]),
    emails: distinct([request.person.email, ...(details?.emails ?? [])]),
    phones: distinct([request.person.phone, ...(details?.phones ?? [])]),
    addresses,
    postcodes: distinct([
      ...(details?.postcodes ?? []).map((postcode) => normalisePostcode(postcode).unit ?? postcode),
      ...addresses.map(postcodeInAddress),
    ]),
    dateOfBirth,
    niNumbers: distinct([details?.niNumber]),
    nhsNumbers: distinct([details?.nhsNumber]),
    references: details?.references ?? [],
  };
}

/** One way of writing who is sought, scored against each record: the current name, or an earlier one. */
export interface Seed {
  /** `current name` or `previous name 1`, for the breakdown. */
  label: string;
  input: PersonInput;
}

/**
 * The seeds to score a record against: the current name and each earlier one, each with every
 * other identifier. A record held under a maiden name is scored against that name, not counted
 * down for a "different" family name.
 */
export function seedsOf(identity: RequesterIdentity): Seed[] {
  const shared: Omit<PersonInput, 'fullName' | 'givenNames' | 'familyName'> = {
    ...(identity.dateOfBirth === undefined ? {} : { dateOfBirth: identity.dateOfBirth }),
    postcodes: identity.postcodes,
    emails: identity.emails,
    phones: identity.phones,
    ...(identity.niNumbers[0] === undefined ? {} : { niNumber: identity.niNumbers[0] }),
    ...(identity.nhsNumbers[0] === undefined ? {} : { nhsNumber: identity.nhsNumbers[0] }),
    references: identity.references,
  };
  const seeds: Seed[] = [{ label: 'current name', input: { fullName: identity.name, ...shared } }];
  const current = splitName(identity.name);
  identity.previousNames.forEach((previous, index) => {
    const label = `previous name ${String(index + 1)}`;
    const parts = splitName(previous);
    // A family name given alone keeps the current given names.
    if (parts.given === '' && current.given !== '') {
      seeds.push({ label, input: { givenNames: current.given, familyName: parts.family, ...shared } });
    } else {
      seeds.push({ label, input: { fullName: previous, ...shared } });
    }
  });
  return seeds;
}

/** A whole name split as written into given names and family name, and the family name's parts. */
export interface NameParts {
  /** The given names as written, without titles; empty when the name is a family name alone. */
  given: string;
  /** The family name as written: `O'Brien`, `de la Cruz`, `Smith-Jones`. */
  family: string;
  /** The parts of a double-barrelled family name as written (`Smith`, `Jones`), when it has several. */
  familyParts: string[];
}

/** Letters only, lower case, unaccented: what two spellings of one name have in common. */
function letters(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/**
 * Splits a name as written, using the matching core's reading of it (titles, suffixes,
 * `Family, Given`, particles) to know which written words are the family name.
 */
export function splitName(raw: string): NameParts {
  const name = normaliseName({ fullName: raw });
  const familyName = name?.familyName;
  if (name === undefined || familyName === undefined)
    return { given: '', family: raw.trim(), familyParts: [] };
  const comma = raw.indexOf(',');
  const words =
    comma >= 0
      ? [
          ...raw
            .slice(comma + 1)
            .trim()
            .split(/\s+/),
          ...raw.slice(0, comma).trim().split(/\s+/),
        ]
      : raw.trim().split(/\s+/);
  // The family name is the run of written words whose letters are the core's family name; a
  // suffix (Jr) or letters after the name may follow it.
  for (let end = words.length; end > 0; end--) {
    for (let start = end - 1; start >= 0 && start >= end - 4; start--) {
      const run = words.slice(start, end);
      if (letters(run.join('')) !== familyName) continue;
      const givenCount = name.givenNames.length;
      const given = words.slice(Math.max(0, start - givenCount), start).join(' ');
      const family = run.join(' ');
      const parts = family.split(/[\s-]+/).filter((part) => name.familyNameParts.includes(letters(part)));
      return { given, family, familyParts: name.familyNameParts.length > 1 ? parts : [] };
    }
  }
  return { given: '', family: raw.trim(), familyParts: [] };
}
