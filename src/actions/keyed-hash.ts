import crypto from 'node:crypto';
import {
  normaliseEmail,
  normaliseNhsNumber,
  normaliseNiNumber,
  normalisePhone,
  normalisePostcode,
} from '../matching/index.ts';
import type { IdentifyingKind } from '../systems/annotation-schema.ts';

/**
 * Keyed hashes (HMAC-SHA256 with `CUSTODIAN_HASH_KEY`): a value that can still be matched, by
 * hashing a candidate the same way, but not read back. Values are normalised first, so that
 * `07700 900123` and `+447700900123` hash alike, and the kind is part of what is hashed, so that a
 * reference and a phone number with the same digits do not.
 */

/** How a hashed value is written into a system: recognisable, so that hashing again changes nothing. */
export const HASHED_PREFIX = 'hmac-sha256:';
const HASHED = /^hmac-sha256:[0-9a-f]{64}$/;

export function isHashed(value: unknown): boolean {
  return typeof value === 'string' && HASHED.test(value);
}

/** The form of a value that is hashed: normalised for its kind where Custodian knows how. */
export function hashInput(kind: IdentifyingKind | undefined, value: string): string {
  const trimmed = value.trim();
  switch (kind) {
    case 'email':
      return `email:${normaliseEmail(trimmed).mailbox ?? trimmed.toLowerCase()}`;
    case 'phone': {
      const phone = normalisePhone(trimmed);
      return `phone:${phone.e164 ?? phone.digits}`;
    }
    case 'ni_number':
      return `ni_number:${normaliseNiNumber(trimmed).value ?? trimmed.toUpperCase().replace(/\s+/g, '')}`;
    case 'nhs_number':
      return `nhs_number:${normaliseNhsNumber(trimmed).value ?? trimmed.replace(/\s+/g, '')}`;
    case 'postcode':
      return `postcode:${normalisePostcode(trimmed).unit ?? trimmed.toUpperCase().replace(/\s+/g, '')}`;
    case undefined:
      return `value:${trimmed}`;
    case 'given_name':
    case 'family_name':
    case 'full_name':
    case 'date_of_birth':
    case 'address_line':
    case 'reference':
      return `${kind}:${trimmed.toLowerCase().replace(/\s+/g, ' ')}`;
  }
}

/** The HMAC of a normalised value, as hex. */
export function keyedDigest(key: string, kind: IdentifyingKind | undefined, value: string): string {
  return crypto.createHmac('sha256', key).update(hashInput(kind, value), 'utf8').digest('hex');
}

/** What erasure's `hash` action writes in place of a value: `hmac-sha256:<hex>`. */
export function hashedValue(key: string, kind: IdentifyingKind | undefined, value: string): string {
  return `${HASHED_PREFIX}${keyedDigest(key, kind, value)}`;
}

/** The suppression list's entry for an email address or phone number; undefined when it cannot be read as one. */
export function suppressionHash(key: string, kind: 'email' | 'phone', value: string): string | undefined {
  if (kind === 'email') {
    if (normaliseEmail(value).mailbox === undefined) return undefined;
  } else if (normalisePhone(value).e164 === undefined) return undefined;
  return keyedDigest(key, kind, value);
}
