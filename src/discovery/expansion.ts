import {
  normaliseDateOfBirth,
  normaliseEmail,
  normaliseName,
  normaliseNhsNumber,
  normaliseNiNumber,
  normalisePhone,
  normalisePostcode,
  normaliseReference,
} from '../matching/index.ts';
import { postcodeInAddress, type RequesterIdentity } from './identity.ts';
import type { FoundValue } from './scoring.ts';

/*
 * Expansion: identifiers held on records the caseworker confirmed that the search did not use (an
 * earlier address, a second email, a name before marriage) may seed one more round of search.
 * Values are compared normalised, so `JO@Example.org` is not "new" beside `jo@example.org`. Pure.
 */

export type IdentifierKind =
  | 'name'
  | 'email'
  | 'phone'
  | 'postcode'
  | 'address'
  | 'date-of-birth'
  | 'ni-number'
  | 'nhs-number'
  | 'reference';

export interface AddedIdentifier {
  kind: IdentifierKind;
  /** As the record held it. */
  value: string;
  /** The confirmed candidate it was found on. */
  candidateId: number;
}

export interface ConfirmedValues {
  candidateId: number;
  values: readonly FoundValue[];
}

/**
 * The identity widened with what confirmed records hold and it does not, and the list of what was
 * added. A date of birth is added only when none was known: a different one on a confirmed record
 * is a slip or a placeholder, not a second birthday.
 */
export function expandIdentity(
  identity: RequesterIdentity,
  confirmed: readonly ConfirmedValues[],
  referenceYear: number,
): { identity: RequesterIdentity; added: AddedIdentifier[] } {
  const next: RequesterIdentity = {
    ...identity,
    previousNames: [...identity.previousNames],
    emails: [...identity.emails],
    phones: [...identity.phones],
    addresses: [...identity.addresses],
    postcodes: [...identity.postcodes],
    niNumbers: [...identity.niNumbers],
    nhsNumbers: [...identity.nhsNumbers],
    references: [...identity.references],
  };
  const added: AddedIdentifier[] = [];
  const knownFamilies = new Set(
    [identity.name, ...identity.previousNames].map((name) => normaliseName({ fullName: name })?.familyName),
  );

  for (const { candidateId, values } of confirmed) {
    const add = (kind: IdentifierKind, value: string) => added.push({ kind, value, candidateId });
    const texts = (kind: FoundValue['identifies']) =>
      values.filter((found) => found.identifies === kind).map((found) => String(found.value).trim());

    for (const email of texts('email')) {
      const mailbox = normaliseEmail(email).mailbox;
      if (mailbox === undefined || next.emails.some((known) => normaliseEmail(known).mailbox === mailbox))
        continue;
      next.emails.push(email);
      add('email', email);
    }
    for (const phone of texts('phone')) {
      const e164 = normalisePhone(phone).e164;
      if (e164 === undefined || next.phones.some((known) => normalisePhone(known).e164 === e164)) continue;
      next.phones.push(phone);
      add('phone', phone);
    }
    const postcodes = [...texts('postcode'), ...texts('address_line').map(postcodeInAddress)];
    for (const postcode of postcodes) {
      const unit = postcode === undefined ? undefined : normalisePostcode(postcode).unit;
      if (unit === undefined || next.postcodes.some((known) => normalisePostcode(known).unit === unit))
        continue;
      next.postcodes.push(unit);
      add('postcode', unit);
    }
    for (const address of texts('address_line')) {
      if (next.addresses.some((known) => known.toLowerCase() === address.toLowerCase())) continue;
      next.addresses.push(address);
      add('address', address);
    }

    const given = texts('given_name').join(' ');
    const family = texts('family_name').join(' ');
    const wholeName = given !== '' || family !== '' ? `${given} ${family}`.trim() : texts('full_name')[0];
    const familyName =
      wholeName === undefined
        ? undefined
        : normaliseName(family !== '' ? { givenNames: given, familyName: family } : { fullName: wholeName })
            ?.familyName;
    if (wholeName !== undefined && familyName !== undefined && !knownFamilies.has(familyName)) {
      knownFamilies.add(familyName);
      next.previousNames.push(wholeName);
      add('name', wholeName);
    }

    if (next.dateOfBirth === undefined) {
      const birth = texts('date_of_birth')[0];
      const date = birth === undefined ? undefined : normaliseDateOfBirth(birth, { referenceYear });
      if (date?.iso !== undefined && !date.isPlaceholder) {
        next.dateOfBirth = date.iso;
        add('date-of-birth', birth ?? date.iso);
      }
    }
    for (const ni of texts('ni_number')) {
      const stem = normaliseNiNumber(ni).stem;
      if (stem === undefined || next.niNumbers.some((known) => normaliseNiNumber(known).stem === stem))
        continue;
      next.niNumbers.push(ni);
      add('ni-number', ni);
    }
    for (const nhs of texts('nhs_number')) {
      const value = normaliseNhsNumber(nhs).value;
      if (value === undefined || next.nhsNumbers.some((known) => normaliseNhsNumber(known).value === value))
        continue;
      next.nhsNumbers.push(nhs);
      add('nhs-number', nhs);
    }
    for (const found of values.filter((value) => value.identifies === 'reference')) {
      const reference = { scheme: found.referenceKind ?? 'reference', value: String(found.value).trim() };
      const normalised = normaliseReference(reference);
      if (normalised.value === undefined) continue;
      const known = next.references.some((other) => {
        const existing = normaliseReference(other);
        return existing.scheme === normalised.scheme && existing.value === normalised.value;
      });
      if (known) continue;
      next.references.push(reference);
      add('reference', reference.value);
    }
  }
  return { identity: next, added };
}
