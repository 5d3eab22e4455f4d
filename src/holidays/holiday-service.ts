import type { AuditService } from '../audit/audit-service.ts';
import type { Dependencies } from '../services.ts';

// Filled in by the bank holidays feature.
export function createHolidayService(_deps: Dependencies & { audit: AuditService }) {
  return {};
}

export type HolidayService = ReturnType<typeof createHolidayService>;
