import type { Generated, Selectable } from 'kysely';

/** One imported version of the register. Versions are only ever added, never changed. */
export interface RegisterVersionTable {
  id: Generated<number>;
  /** 1, 2, 3...: what notices and requests cite. */
  version: number;
  /** The joined register (built-in data categories included) as JSON. */
  content: string;
  /** SHA-256 of the canonical JSON of the register (keys sorted at every level). */
  content_hash: string;
  /** The folder it was imported from. */
  source: string;
  imported_at: string;
  imported_by: string;
  /** The warnings validation gave, as a JSON list of problems. */
  warnings: string;
}

/** The storage rows this feature owns (snake_case, as in SQL). */
export interface RegisterTables {
  register_versions: RegisterVersionTable;
}

export type RegisterVersionRow = Selectable<RegisterVersionTable>;
