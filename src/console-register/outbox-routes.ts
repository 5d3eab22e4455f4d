import { z } from 'zod';
import type { ApiApp } from '../http/types.ts';
import { MAIL_STATUSES, type MailStatus } from '../mail/mail-message.ts';
import type { Services } from '../services.ts';
import { requireCapability } from '../web/web-plugin.ts';
import { idParam } from './page-support.ts';

const VIEWS = 'console-register/views';
export const OUTBOX_PAGES = { list: `${VIEWS}/outbox.njk`, message: `${VIEWS}/outbox-message.njk` } as const;

/** How many of the newest messages the outbox shows. */
export const OUTBOX_SIZE = 100;

export const MAIL_STATUS_LABELS: Record<MailStatus, { text: string; classes: string }> = {
  held: { text: 'Held', classes: 'govuk-tag--grey' },
  sent: { text: 'Sent', classes: 'govuk-tag--green' },
  failed: { text: 'Failed', classes: 'govuk-tag--red' },
};

const canRead = requireCapability('mail.read');

/** The mail Custodian recorded: held in the outbox, sent, or failed with the reason. */
export function registerOutboxPages(web: ApiApp, services: Services): void {
  web.get(
    '/console/outbox',
    {
      schema: {
        hide: true,
        querystring: z.object({ status: z.enum(MAIL_STATUSES).or(z.literal('')).optional() }),
      },
      preHandler: canRead,
    },
    async (request, reply) => {
      const status = request.query.status === '' ? undefined : request.query.status;
      const messages = await services.mail.list({ status, limit: OUTBOX_SIZE });
      return reply.page(OUTBOX_PAGES.list, {
        title: 'Outbox',
        transport: services.config.mail.transport,
        status,
        statusItems: [
          { value: '', text: 'Any' },
          ...MAIL_STATUSES.map((s) => ({ value: s, text: MAIL_STATUS_LABELS[s].text })),
        ].map((item) => ({ ...item, selected: item.value === (status ?? '') })),
        limit: OUTBOX_SIZE,
        messages: messages.map((m) => ({ ...m, statusLabel: MAIL_STATUS_LABELS[m.status] })),
      });
    },
  );

  web.get(
    '/console/outbox/:id',
    { schema: { hide: true, params: idParam('Message') }, preHandler: canRead },
    async (request, reply) => {
      const message = await services.mail.get(request.params.id);
      return reply.page(OUTBOX_PAGES.message, {
        title: message.subject,
        message: { ...message, statusLabel: MAIL_STATUS_LABELS[message.status] },
      });
    },
  );
}
