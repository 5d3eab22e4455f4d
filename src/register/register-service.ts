import fs from 'node:fs/promises';
import { z } from 'zod';
import type { AuditService } from '../audit/audit-service.ts';
import { AppError, type Problem } from '../errors/app-error.ts';
import type { Dependencies } from '../services.ts';
import { contentHash } from './content-hash.ts';
import { loadRegister } from './load-register.ts';
import { register as registerSchema, type Register } from './register-schema.ts';
import {
  findLatestVersion,
  findVersion,
  insertVersion,
  isUniqueViolation,
  listVersionSummaries,
  type RegisterVersionSummaryRow,
} from './register-repository.ts';
import type { RegisterVersionRow } from './tables.ts';

/** A stored version of the register, without its content. */
export interface RegisterVersion {
  version: number;
  contentHash: string;
  /** The folder it was imported from. */
  source: string;
  importedAt: string;
  importedBy: string;
  /** The warnings validation gave when it was imported. */
  warnings: Problem[];
}

/** A stored version with the register it holds. */
export interface StoredRegister extends RegisterVersion {
  register: Register;
}

export interface ImportResult {
  version: number;
  contentHash: string;
  /** True when the register was the same as the current version, so no version was added. */
  unchanged: boolean;
  warnings: Problem[];
}

const storedWarnings = z.array(
  z.object({
    where: z.string(),
    message: z.string(),
    hint: z.string().optional(),
    severity: z.enum(['error', 'warning']).optional(),
  }),
);

/**
 * The register of processing as stored versions. Importing validates a folder of register files
 * and stores it as the next version, in one transaction with its audit entry; a register
 * identical to the current version adds no version (nothing changed, so nothing that cites the
 * current version goes out of date).
 */
export function createRegisterService(deps: Dependencies & { audit: AuditService }) {
  const { store, now, audit } = deps;

  async function importDir(
    dir: string,
    actor: string,
    onlyIfEmpty: boolean,
  ): Promise<ImportResult & { imported: boolean }> {
    const loaded = await loadRegister(dir);
    const register = loaded.register;
    if (register === undefined) {
      const errors = loaded.problems.filter((p) => p.severity !== 'warning').length;
      throw new AppError(
        'invalid_register',
        `The register in ${dir} has ${plural(errors, 'error')}; nothing was imported`,
        { problems: loaded.problems },
      );
    }
    const hash = contentHash(register);
    const warnings = loaded.problems.filter((p) => p.severity === 'warning');
    try {
      return await store.db.transaction().execute(async (trx) => {
        const latest = await findLatestVersion(trx);
        if (latest !== undefined && (onlyIfEmpty || latest.content_hash === hash))
          return {
            version: latest.version,
            contentHash: latest.content_hash,
            unchanged: latest.content_hash === hash,
            warnings,
            imported: false,
          };
        const version = (latest?.version ?? 0) + 1;
        await insertVersion(trx, {
          version,
          content: JSON.stringify(register),
          content_hash: hash,
          source: dir,
          imported_at: now().toISOString(),
          imported_by: actor,
          warnings: JSON.stringify(warnings),
        });
        await audit.record(trx, {
          actor,
          action: 'register.imported',
          entityType: 'register',
          entityId: String(version),
          before: latest === undefined ? undefined : (JSON.parse(latest.content) as unknown),
          after: register,
        });
        return { version, contentHash: hash, unchanged: false, warnings, imported: true };
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError(
          'conflict',
          'Another import stored a version at the same moment; run the import again',
          {
            cause: error,
          },
        );
      throw error;
    }
  }

  async function findVersionNumbered(version: number): Promise<StoredRegister | undefined> {
    const row = await findVersion(store.db, version);
    return row === undefined ? undefined : toStoredRegister(row);
  }

  return {
    /**
     * Validates the register files in `dir` and stores them as the next version. Throws
     * `invalid_register` with every problem (and stores nothing) when any is an error.
     */
    async importFromDir(dir: string, actor: string): Promise<ImportResult> {
      const { imported: _imported, ...result } = await importDir(dir, actor, false);
      return result;
    },

    /**
     * Imports the register in `dir` as the first version when the store holds none (used on first
     * start). A missing folder imports nothing and says why, so the server still starts; an
     * invalid register throws, since the example shipped with Custodian must be valid.
     */
    async importExampleIfEmpty(
      dir: string,
    ): Promise<{ imported: boolean; version?: number; reason?: string }> {
      if ((await findLatestVersion(store.db)) !== undefined)
        return { imported: false, reason: 'the store already holds a register' };
      if (!(await isFolder(dir))) return { imported: false, reason: `there is no register folder at ${dir}` };
      try {
        const result = await importDir(dir, 'system', true);
        return { imported: result.imported, version: result.version };
      } catch (error) {
        // Another instance starting at the same moment imported it first.
        if (error instanceof AppError && error.code === 'conflict')
          return { imported: false, reason: 'another instance imported it first' };
        throw error;
      }
    },

    /** The current (latest) version, or undefined when none has been imported. */
    async findCurrent(): Promise<StoredRegister | undefined> {
      const row = await findLatestVersion(store.db);
      return row === undefined ? undefined : toStoredRegister(row);
    },

    /** The current register; throws `not_found` telling how to import one when there is none. */
    async getCurrentRegister(): Promise<Register> {
      const row = await findLatestVersion(store.db);
      if (row === undefined) throw noRegister();
      return toStoredRegister(row).register;
    },

    /** Every version, newest first. */
    async listVersions(): Promise<RegisterVersion[]> {
      return (await listVersionSummaries(store.db)).map(toVersion);
    },

    findVersion: findVersionNumbered,

    async getVersion(version: number): Promise<StoredRegister> {
      const stored = await findVersionNumbered(version);
      if (stored === undefined)
        throw new AppError('not_found', `Register version ${String(version)} was not found`);
      return stored;
    },
  };
}

export type RegisterService = ReturnType<typeof createRegisterService>;

/** The error every reader of the register gets before one is imported. */
export function noRegister(): AppError {
  return new AppError(
    'not_found',
    'No register has been imported yet: run `custodian register import DIR` with the folder of register files',
  );
}

function toVersion(row: RegisterVersionSummaryRow): RegisterVersion {
  return {
    version: row.version,
    contentHash: row.content_hash,
    source: row.source,
    importedAt: row.imported_at,
    importedBy: row.imported_by,
    warnings: storedWarnings.parse(JSON.parse(row.warnings)),
  };
}

function toStoredRegister(row: RegisterVersionRow): StoredRegister {
  // Parsing again fills in defaults added to the schema since the version was stored.
  const parsed = registerSchema.safeParse(JSON.parse(row.content));
  if (!parsed.success)
    throw new AppError(
      'internal',
      `Register version ${String(row.version)} no longer matches the register schema; import the register again`,
      { cause: parsed.error },
    );
  return { ...toVersion(row), register: parsed.data };
}

async function isFolder(dir: string): Promise<boolean> {
  try {
    return (await fs.stat(dir)).isDirectory();
  } catch {
    return false;
  }
}

function plural(n: number, noun: string): string {
  return `${String(n)} ${noun}${n === 1 ? '' : 's'}`;
}
