import type { Migration } from 'kysely';
import * as auditTrail from './0001-audit-trail.ts';
import * as register from './0002-register.ts';
import * as notices from './0003-notices.ts';
import * as holidays from './0004-holidays.ts';
import * as rightsRequests from './0005-rights-requests.ts';
import * as sessions from './0006-sessions.ts';
import * as users from './0007-users.ts';
import * as mailAndComplaints from './0008-mail-and-complaints.ts';
import * as publicRequests from './0009-public-requests.ts';
import * as discovery from './0010-discovery.ts';
import * as actions from './0011-actions.ts';

/** Every migration, by name; names sort in the order they apply. Never edit one that has shipped. */
export const migrations: Record<string, Migration> = {
  '0001-audit-trail': auditTrail,
  '0002-register': register,
  '0003-notices': notices,
  '0004-holidays': holidays,
  '0005-rights-requests': rightsRequests,
  '0006-sessions': sessions,
  '0007-users': users,
  '0008-mail-and-complaints': mailAndComplaints,
  '0009-public-requests': publicRequests,
  '0010-discovery': discovery,
  '0011-actions': actions,
};
