/** A reply to the daily email, as the inbound-mail webhook hands it over (POST /api/mail/inbound). */
import { z } from 'zod';

const address = z.string().trim().min(3).max(320);

export const inboundMailBody = z.object({
  /** The sender, `a@b` or `Name <a@b>`. */
  from: address,
  /** The recipients, one or many; the reply address is among them. */
  to: z.union([address.transform((a) => [a]), z.array(address).min(1).max(50)]),
  /** The plain-text part, quotes and signature included: they are cut here, not by the provider. */
  text: z.string().max(100_000),
});
export type InboundMail = z.infer<typeof inboundMailBody>;
