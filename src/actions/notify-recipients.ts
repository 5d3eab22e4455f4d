import type { Recipient, Register } from '../register/register-schema.ts';

/**
 * UK GDPR Art 19: a controller must tell each recipient to whom the data was disclosed of any
 * rectification, erasure or restriction, unless that proves impossible or involves
 * disproportionate effort, and tell the person who they are if asked. The recipients are those the
 * register names for the activities whose tables were changed.
 */
export interface RecipientToNotify {
  id: string;
  name: string;
  kind: Recipient['kind'];
  /** The activities (register ids) whose changed data it received. */
  activities: string[];
}

export function recipientsToNotify(
  register: Register | undefined,
  activityIds: readonly string[],
): RecipientToNotify[] {
  if (register === undefined) return [];
  const byId = new Map<string, RecipientToNotify>();
  for (const activity of register.activities) {
    if (!activityIds.includes(activity.id)) continue;
    for (const id of activity.recipients) {
      const recipient = register.recipients.find((r) => r.id === id);
      const entry = byId.get(id) ?? {
        id,
        name: recipient?.name ?? id,
        kind: recipient?.kind ?? 'controller',
        activities: [],
      };
      entry.activities.push(activity.id);
      byId.set(id, entry);
    }
  }
  return [...byId.values()];
}
