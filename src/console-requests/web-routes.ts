import type { ApiApp } from '../http/types.ts';
import type { Services } from '../services.ts';
import { registerComplaintPages } from './complaint-routes.ts';
import { registerDashboard } from './dashboard-routes.ts';
import { registerDiscoveryPages } from './discovery-routes.ts';
import { registerRequestList } from './list-routes.ts';
import { registerNewRequest } from './new-request-routes.ts';
import { registerRecordsPages } from './records-routes.ts';
import { registerRequestPage } from './request-page-routes.ts';
import { registerReportPages } from './report-routes.ts';

/**
 * The caseworkers' part of the staff console: the dashboard, requests (list, logging, the request
 * page and its actions, the search of the organisation's systems and the records found),
 * complaints and the reports. Registered in `WEB_FEATURES` (src/web/web-plugin.ts).
 */
export function registerRequestPages(web: ApiApp, services: Services): void {
  registerDashboard(web, services);
  registerRequestList(web, services);
  registerNewRequest(web, services);
  registerRequestPage(web, services);
  registerDiscoveryPages(web, services);
  registerRecordsPages(web, services);
  registerComplaintPages(web, services);
  registerReportPages(web, services);
}
