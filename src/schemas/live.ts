/** Live sessions and helper credits (issue 15): request bodies and paths. */
import { z } from 'zod';
import { isSupportedDay } from '../domain/time';

export const sessionKinds = ['sprint', 'office_hour'] as const;

export const liveSessionBody = z.object({
  kind: z.enum(sessionKinds),
  title: z.string().trim().min(1).max(120),
  /**
   * What members are asked during the session; an office hour may go without. The easy text of the
   * session's own prompt, which takes answers only during the session.
   */
  prompt: z.string().trim().max(500).optional().transform((v) => v || undefined),
  /** Its hard text (default: the easy text); only with `prompt`. */
  hardPrompt: z.string().trim().max(500).optional().transform((v) => v || undefined),
  /** The local date and wall time in the community's time zone. */
  date: z.string().refine(isSupportedDay, 'must be a real date written YYYY-MM-DD'),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time written HH:MM'),
  /** Default: 10 minutes for a sprint (two minutes of answering, and gathering), 60 for an office hour. */
  durationMinutes: z.number().int().min(2).max(180).optional(),
  /** The host, a member of the community (default: the facilitator scheduling it). */
  hostId: z.number().int().positive().optional(),
  callUrl: z.url({ protocol: /^https$/, error: 'must be an https URL' }).max(2000).optional(),
}).refine((b) => b.hardPrompt === undefined || b.prompt !== undefined, { path: ['hardPrompt'], message: 'needs prompt (the easy text) too' });
export type LiveSessionBody = z.infer<typeof liveSessionBody>;

export const liveSessionParam = z.object({ id: z.coerce.number().int().positive() });

/** A member's own question to the community, paid with helper credits. */
export const helpRequestBody = z.object({ question: z.string().trim().min(1).max(500) });
export const helpDecisionBody = z.object({ decision: z.enum(['approve', 'decline']) });
export const helpReplyBody = z.object({ body: z.string().trim().min(1).max(500) });
export const helpRequestParam = z.object({ id: z.coerce.number().int().positive() });

/** Reporting or moderating an answer to a help prompt: its id, and the facilitators' action. */
export const helpReplyParam = z.object({ id: z.coerce.number().int().positive() });
export const helpReplyActionParam = z.object({ id: z.coerce.number().int().positive(), action: z.enum(['hide', 'restore', 'dismiss']) });
