import type { ComplaintChannel, ComplaintStatus } from './complaint-input.ts';

/** A complaint to the organisation about how it handled someone's personal data (DPA 2018 s.164A). */
export interface Complaint {
  /** `CMP-2026-0001`. */
  reference: string;
  /** The day it arrived; the 30 days to acknowledge it begin the day after. */
  receivedOn: string;
  channel: ComplaintChannel;
  complainant: Complainant;
  /** What the complaint is about, in the complainant's words. */
  about: string;
  /** The rights request it concerns, if any. */
  relatedRequest: string | null;
  /** The last day to acknowledge it; null only when the bank holidays held did not reach that far. */
  acknowledgeBy: string | null;
  acknowledgedOn: string | null;
  /** What the complainant was told when it was closed. */
  outcome: string | null;
  outcomeOn: string | null;
  status: ComplaintStatus;
  createdAt: string;
  updatedAt: string;
}

export interface Complainant {
  name: string;
  email: string;
  /** E.164, such as `+447700900982`. */
  phone: string | null;
}

/** `CMP-2026-0001`: the year the complaint arrived and its number within that year. */
export function formatComplaintReference(year: number, number: number): string {
  return `CMP-${year}-${String(number).padStart(4, '0')}`;
}

/** References are matched whatever their case or surrounding spaces (`cmp-2026-0001 `). */
export function normaliseComplaintReference(reference: string): string {
  return reference.trim().toUpperCase();
}
