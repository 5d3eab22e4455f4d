import type { AuditService } from '../audit/audit-service.ts';
import type { HolidayService } from '../holidays/holiday-service.ts';
import type { RegisterService } from '../register/register-service.ts';
import type { Dependencies } from '../services.ts';

// Filled in by the rights requests feature.
export function createRightsRequestService(
  _deps: Dependencies & { audit: AuditService; holidays: HolidayService; register: RegisterService },
) {
  return {};
}

export type RightsRequestService = ReturnType<typeof createRightsRequestService>;
