import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Person } from './request-input.ts';

/**
 * Keys for finding other requests about the same person, as the basis for an extension ("a number
 * of requests", UK GDPR Art 12(3)) or a finding of excessiveness (Art 12(5)). A shared email or
 * phone number is strong evidence; a shared name alone is shown as such, for a person to judge,
 * because namesakes are common.
 */
export interface PersonKeys {
  name: string;
  email?: string | undefined;
  phone?: string | undefined;
}

export type MatchBasis = 'email' | 'phone' | 'name';

const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'rev', 'sir', 'dame']);

export function personKeys(person: Person): PersonKeys {
  return {
    name: normaliseName(person.name),
    email: person.email === undefined ? undefined : normaliseEmail(person.email),
    phone: person.phone === undefined ? undefined : normalisePhone(person.phone),
  };
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** UK numbers written any way (`07700 900123`, `+44 7700 900123`) become one key. */
export function normalisePhone(phone: string): string | undefined {
  const parsed = parsePhoneNumberFromString(phone, 'GB');
  if (parsed) return parsed.number;
  const digits = phone.replace(/\D/g, '');
  return digits === '' ? undefined : digits;
}

/** `Dr. Siân  O'Brien` → `sian o brien`: case, accents, titles and punctuation do not tell people apart. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((word, i, words) => !(i === 0 && words.length > 1 && TITLES.has(word)))
    .join(' ');
}

/** What two people's keys have in common, strongest first; empty when nothing matches. */
export function matchBasis(a: PersonKeys, b: PersonKeys): MatchBasis[] {
  const basis: MatchBasis[] = [];
  if (a.email !== undefined && a.email === b.email) basis.push('email');
  if (a.phone !== undefined && a.phone === b.phone) basis.push('phone');
  if (a.name !== '' && a.name === b.name) basis.push('name');
  return basis;
}
