import type { Config } from './config/config.ts';
import type { Store } from './db/database.ts';
import { createActionService } from './actions/action-service.ts';
import { createAuditService } from './audit/audit-service.ts';
import { createComplaintService } from './complaints/complaint-service.ts';
import { createDiscoveryService } from './discovery/discovery-service.ts';
import { createHolidayService } from './holidays/holiday-service.ts';
import { createMailService } from './mail/mail-service.ts';
import { createNoticeService } from './notices/notice-service.ts';
import { createRegisterService } from './register/register-service.ts';
import { createPublicRequestService } from './public-requests/public-request-service.ts';
import { createRightsRequestService } from './rights-requests/rights-request-service.ts';
import { createClockService } from './statutory-clock/clock-service.ts';
import { createSystemsService } from './systems/systems-service.ts';
import { createUserService } from './users/user-service.ts';
import { createSessionService } from './web/session-service.ts';

/** The edges every service may need; tests pass their own (a fixed clock, a test store). */
export interface Dependencies {
  readonly config: Config;
  readonly store: Store;
  /** The current instant; tests fix it. */
  readonly now: () => Date;
}

/** The composition root: every service, wired once. Routes, jobs and CLI commands call only these. */
export function createServices(deps: Dependencies) {
  const audit = createAuditService(deps);
  const register = createRegisterService({ ...deps, audit });
  const notices = createNoticeService({ ...deps, audit, register });
  const holidays = createHolidayService({ ...deps, audit });
  const clock = createClockService({ holidays, now: deps.now });
  const rightsRequests = createRightsRequestService({ ...deps, audit, holidays, register });
  const publicRequests = createPublicRequestService({ ...deps, audit, rightsRequests });
  const mail = createMailService({ ...deps, audit });
  const complaints = createComplaintService({ ...deps, audit, clock, register, rightsRequests });
  const sessions = createSessionService(deps);
  const users = createUserService({ ...deps, audit });
  const systems = createSystemsService({ ...deps, register });
  const discovery = createDiscoveryService({ ...deps, audit, rightsRequests, systems });
  const actions = createActionService({
    ...deps,
    audit,
    register,
    rightsRequests,
    systems,
    users,
    discovery,
  });
  return {
    config: deps.config,
    store: deps.store,
    now: deps.now,
    audit,
    register,
    notices,
    holidays,
    clock,
    rightsRequests,
    publicRequests,
    mail,
    complaints,
    sessions,
    users,
    systems,
    discovery,
    actions,
  };
}

export type Services = ReturnType<typeof createServices>;
