import type { AuditTables } from '../audit/tables.ts';
import type { HolidayTables } from '../holidays/tables.ts';
import type { NoticeTables } from '../notices/tables.ts';
import type { RegisterTables } from '../register/tables.ts';
import type { RightsRequestTables } from '../rights-requests/tables.ts';

/** The whole store, composed from the tables each feature owns. */
export interface Database
  extends AuditTables, RegisterTables, NoticeTables, HolidayTables, RightsRequestTables {}
