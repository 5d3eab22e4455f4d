import { z } from 'zod';
import { MAIL_STATUSES } from './mail-message.ts';

/** What a caller may ask to send, checked before anything is stored. */
export const outgoingMail = z.strictObject({
  to: z.email('must be an email address, such as name@example.org'),
  subject: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(200, 'must be 200 characters or fewer')
    // A line break in a subject would start a new mail header.
    .refine((s) => !/[\r\n]/.test(s), 'must be on one line'),
  text: z.string().refine((s) => s.trim() !== '', 'must not be empty'),
  html: z.string().optional(),
  purpose: z
    .string()
    .regex(
      /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)*$/,
      'must look like request.confirm-email',
    ),
});

export const mailListFilter = z.strictObject({
  status: z.enum(MAIL_STATUSES).optional(),
  limit: z.number().int().min(1, 'must be at least 1').max(500, 'must be 500 or fewer').default(50),
});
export type MailListFilter = z.input<typeof mailListFilter>;
