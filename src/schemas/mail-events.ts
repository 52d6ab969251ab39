/** The mail provider's delivery events (POST /api/mail/events): a plain shape, or Resend's. */
import { z } from 'zod';

/** `{ type: 'bounce' | 'complaint' | 'delivered', email }`. */
const plainEvent = z.object({
  type: z.enum(['bounce', 'complaint', 'delivered']),
  email: z.string().trim().pipe(z.email().max(254)),
});

/** Resend's `{ type: 'email.bounced' | 'email.complained' | …, data: { to: [...] } }`; other email.* events are ignored. */
const resendEvent = z.object({
  type: z.string().regex(/^email\.[a-z_]+$/, 'must be an email.* event'),
  data: z.object({ to: z.array(z.email().max(254)).max(50) }),
});

export const mailEventBody = z.union([plainEvent, resendEvent]);
export type MailEvent = z.infer<typeof mailEventBody>;
