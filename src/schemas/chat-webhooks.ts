/** A community's chat webhooks (facilitators): the add body and the remove path. */
import { z } from 'zod';

export const chatWebhookBody = z.object({
  /** https on a public host; checked further by src/domain/chat/webhook-url.ts. */
  url: z.string().trim().min(1).max(2048),
  format: z.enum(['slack', 'teams', 'discord']),
});

export const chatWebhookParam = z.object({ slug: z.string().min(1).max(40), id: z.coerce.number().int().positive() });
