import type { ApiApp } from '../http/types.ts';
import type { Services } from '../services.ts';
import { registerComplaintPages } from './complaint-routes.ts';
import { registerHomePages } from './home-routes.ts';
import { registerRequestLinkPages } from './request-link-routes.ts';
import { registerRequestPages } from './request-routes.ts';

/**
 * The public privacy centre (`/privacy/…`): no sign-in. The organisation's privacy notices, making
 * a request about your data, following it through the link emailed, and making a complaint.
 */
export function registerPrivacyCentrePages(web: ApiApp, services: Services): void {
  registerHomePages(web, services);
  registerRequestPages(web, services);
  registerRequestLinkPages(web, services);
  registerComplaintPages(web, services);
}
