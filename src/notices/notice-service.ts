import type { AuditService } from '../audit/audit-service.ts';
import type { RegisterService } from '../register/register-service.ts';
import type { Dependencies } from '../services.ts';

// Filled in by the notices feature.
export function createNoticeService(_deps: Dependencies & { audit: AuditService; register: RegisterService }) {
  return {};
}

export type NoticeService = ReturnType<typeof createNoticeService>;
