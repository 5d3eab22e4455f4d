import { normaliseEmail, normaliseName, normalisePhone } from '../matching/index.ts';
import type { Person } from './request-input.ts';

/**
 * Keys for finding other requests about the same person, as the basis for an extension ("a number
 * of requests", UK GDPR Art 12(3)) or a finding of excessiveness (Art 12(5)). A shared email or
 * phone number is strong evidence; a shared name alone is shown as such, for a person to judge,
 * because namesakes are common. The keys come from the identity-matching normalisers, so a request
 * and the organisation's records are read the same way.
 */
export interface PersonKeys {
  name: string;
  email?: string | undefined;
  phone?: string | undefined;
}

export type MatchBasis = 'email' | 'phone' | 'name';

export function personKeys(person: Person): PersonKeys {
  return {
    name: nameKey(person.name),
    // The mailbox: Gmail's ignored dots and +tags do not make another person.
    email: person.email === undefined ? undefined : normaliseEmail(person.email).mailbox,
    phone: person.phone === undefined ? undefined : normalisePhone(person.phone).e164,
  };
}

/** `Dr. Siân  O'Brien` → `sian obrien`: titles, case, accents and punctuation do not tell people apart. */
function nameKey(name: string): string {
  const normalised = normaliseName({ fullName: name });
  if (!normalised) return '';
  return [...normalised.givenNames, normalised.familyName ?? ''].join(' ').trim();
}

/** What two people's keys have in common, strongest first; empty when nothing matches. */
export function matchBasis(a: PersonKeys, b: PersonKeys): MatchBasis[] {
  const basis: MatchBasis[] = [];
  if (a.email !== undefined && a.email === b.email) basis.push('email');
  if (a.phone !== undefined && a.phone === b.phone) basis.push('phone');
  if (a.name !== '' && a.name === b.name) basis.push('name');
  return basis;
}
