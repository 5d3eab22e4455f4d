import type { ApiApp } from '../http/types.ts';
import type { Services } from '../services.ts';

// Filled in by the feature: its routes under /api/v1/, each with a zod schema.
export function registerAuditRoutes(_app: ApiApp, _services: Services): void {}
