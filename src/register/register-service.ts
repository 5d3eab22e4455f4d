import type { AuditService } from '../audit/audit-service.ts';
import type { Dependencies } from '../services.ts';

// Filled in by the register feature.
export function createRegisterService(_deps: Dependencies & { audit: AuditService }) {
  return {
    /** Imports the register in `dir` as the first version when the store holds none. */
    importExampleIfEmpty: (_dir: string): Promise<{ imported: boolean }> => Promise.resolve({ imported: false }),
  };
}

export type RegisterService = ReturnType<typeof createRegisterService>;
