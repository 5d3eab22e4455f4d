import type { ActionTables } from '../actions/tables.ts';
import type { AuditTables } from '../audit/tables.ts';
import type { ComplaintTables } from '../complaints/tables.ts';
import type { DiscoveryTables } from '../discovery/tables.ts';
import type { MailTables } from '../mail/tables.ts';
import type { HolidayTables } from '../holidays/tables.ts';
import type { NoticeTables } from '../notices/tables.ts';
import type { RegisterTables } from '../register/tables.ts';
import type { PublicRequestTables } from '../public-requests/tables.ts';
import type { RightsRequestTables } from '../rights-requests/tables.ts';
import type { UserTables } from '../users/tables.ts';
import type { SessionTables } from '../web/tables.ts';

/** The whole store, composed from the tables each feature owns. */
export interface Database
  extends
    AuditTables,
    RegisterTables,
    NoticeTables,
    HolidayTables,
    RightsRequestTables,
    SessionTables,
    MailTables,
    ComplaintTables,
    UserTables,
    PublicRequestTables,
    DiscoveryTables,
    ActionTables {}
