import type { ApiApp } from '../http/types.ts';
import type { Services } from '../services.ts';
import { registerAuditPages } from './audit-routes.ts';
import { registerNoticePages } from './notice-routes.ts';
import { registerOutboxPages } from './outbox-routes.ts';
import { registerRegisterReadingPages } from './register-routes.ts';
import { registerRopaPages } from './ropa-routes.ts';
import { registerSystemsPages } from './systems-routes.ts';
import { registerUserPages } from './user-routes.ts';

/**
 * The DPO's and administrator's part of the staff console: the register of processing, its
 * privacy notices and Article 30 record, the connected systems, the audit trail, the outbox and staff accounts.
 */
export function registerRegisterPages(web: ApiApp, services: Services): void {
  registerRegisterReadingPages(web, services);
  registerNoticePages(web, services);
  registerRopaPages(web, services);
  registerSystemsPages(web, services);
  registerAuditPages(web, services);
  registerOutboxPages(web, services);
  registerUserPages(web, services);
}
