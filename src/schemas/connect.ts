/** Request schemas of connect (issue 15): "ask me about" settings, the helpers search, encouragement notes. */
import { z } from 'zod';
import { MAX_OWN_TOPICS, MAX_TOPIC_LENGTH } from '../domain/connect/ask-me-about';
import { MAX_NOTE_LENGTH, NOTE_STARTERS } from '../domain/connect/note-rules';

/** The text of a note or a reply: at most MAX_NOTE_LENGTH characters once trimmed (counted as code points). */
const noteText = z
  .string()
  .trim()
  .min(1)
  .refine((v) => [...v].length <= MAX_NOTE_LENGTH, `must be at most ${MAX_NOTE_LENGTH} characters`);

export const connectSettingsBody = z
  .object({
    askOptIn: z.boolean().optional(),
    // Topics are cleaned (duplicates, spaces) by the domain; here only their size is bounded.
    topics: z.array(z.string().max(MAX_TOPIC_LENGTH * 2)).max(MAX_OWN_TOPICS * 2).optional(),
    notesOff: z.boolean().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'give askOptIn, topics or notesOff');
export type ConnectSettingsBody = z.infer<typeof connectSettingsBody>;

export const helpersQuery = z.object({ q: z.string().max(MAX_TOPIC_LENGTH).optional() });

export const noteBody = z.object({ starter: z.enum(NOTE_STARTERS), text: noteText }).strict();
export const noteReplyBody = z.object({ text: noteText }).strict();

export const noteModerationParam = z.object({ id: z.coerce.number().int().positive(), action: z.enum(['hide', 'restore']) });
export { NOTE_STARTERS } from '../domain/connect/note-rules';
