import type { Dependencies } from '../services.ts';

// Filled in by the audit trail feature.
export function createAuditService(_deps: Dependencies) {
  return {};
}

export type AuditService = ReturnType<typeof createAuditService>;
