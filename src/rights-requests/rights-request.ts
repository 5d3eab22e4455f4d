import type { Right } from '../register/lawful-bases.ts';
import type { Channel, Person, Representative } from './request-input.ts';

/** A rights request as it was logged: who asked, for what, how and when, in their words. */
export interface RightsRequest {
  reference: string;
  rights: Right[];
  channel: Channel;
  /** The day it really arrived, which starts the clock (UK GDPR Art 12(3)). */
  receivedOn: string;
  /** Exactly as given. */
  wording: string;
  /** The person the data is about. */
  person: Person;
  /** Someone acting for the person, if they did not ask themselves. */
  representative?: Representative | undefined;
  loggedAt: string;
  loggedBy: string;
}

/** `RR-2026-000123`: the year the request arrived and its number within that year. */
export function formatReference(year: number, number: number): string {
  return `RR-${year}-${String(number).padStart(6, '0')}`;
}

/** References are matched whatever their case or surrounding spaces (`rr-2026-000123 `). */
export function normaliseReference(reference: string): string {
  return reference.trim().toUpperCase();
}
