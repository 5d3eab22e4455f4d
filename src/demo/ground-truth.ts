/**
 * What the generator knows and the systems do not: which records belong to which real person, and
 * which hard cases each person takes part in, so that matching can be scored against it.
 */

/** The hard cases, each a named kind in the ground truth. */
export const HARD_CASES = [
  /** Members of a household sharing surname, address and landline. */
  'household',
  /** Same surname, address and date of birth; different given names. */
  'twins',
  /** Parent and child with the same name (Sr/Jr) at one address; different dates of birth. */
  'parent-child-same-name',
  /** Same name, different people, living elsewhere. */
  'namesake',
  /** A surname changed on marriage: the old one in one system, the new in another. */
  'name-change',
  'typo',
  'nickname',
  'dob-day-month-swapped',
  /** 1900-01-01 (or 01/01/1900) where the date of birth was not known. */
  'placeholder-dob',
  /** No space, lower case or a double space. */
  'postcode-variant',
  /** +44, 0044, (0)..., brackets, no spaces. */
  'phone-variant',
  /** Capitals, or a Gmail address with its dots moved. */
  'email-variant',
  /** One email address used by two people of a household. */
  'shared-email',
  /** An earlier address still held by one system. */
  'moved',
] as const;

export type HardCase = (typeof HARD_CASES)[number];

export type SystemId = 'housing' | 'crm' | 'casenotes' | 'spreadsheets';
export const SYSTEM_IDS: readonly SystemId[] = ['housing', 'crm', 'casenotes', 'spreadsheets'];

/** One row that belongs to the person, named as an annotation names it: system, table and key. */
export interface GroundTruthRecord {
  system: SystemId;
  table: string;
  key: Record<string, string | number>;
  /** The hard cases this record shows (a nickname, a swapped date...). */
  variants?: HardCase[];
  /** The row is about someone else and mentions this person in free text. */
  mentioned?: true;
}

export type RelationKind = 'partner' | 'twin' | 'parent' | 'child' | 'namesake' | 'household-member';

export interface CanonicalIdentity {
  title: string | null;
  given_name: string;
  middle_names: string | null;
  family_name: string;
  previous_family_name: string | null;
  suffix: 'Sr' | 'Jr' | null;
  sex: 'female' | 'male';
  date_of_birth: string;
  email: string | null;
  phone: string | null;
  landline: string | null;
  address: string;
  postcode: string;
  previous_address: string | null;
  previous_postcode: string | null;
  ni_number: string | null;
  nhs_number: string | null;
}

/** One line of `ground-truth.jsonl`. */
export interface GroundTruthLine {
  id: string;
  household: string;
  identity: CanonicalIdentity;
  kinds: HardCase[];
  relations: { kind: RelationKind; with: string }[];
  records: GroundTruthRecord[];
}
