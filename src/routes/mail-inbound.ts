/**
 * Answer by replying (issue 11): the provider's inbound-mail webhook posts a reply to the daily email here,
 * signed like its delivery events (MAIL_WEBHOOK_SECRET). The reply becomes the member's answer, seen by the
 * community's facilitators only (the daily email says so; the member can share it wider from the gallery).
 * Exists only with MAIL_REPLY_ADDRESS set.
 *
 * A provider retrying the same reply gets 409 already_answered the second time: one answer per option, so a
 * retry can never count twice.
 */
import { Hono } from 'hono';
import { DomainError } from '../domain/errors';
import { inboundAnswer } from '../domain/mail/inbound';
import { submitAnswer } from '../domain/answers/submissions';
import type { AppEnv } from '../middleware/env';
import { enforce } from '../middleware/rate-limit';
import { submissionBody } from '../schemas';
import { inboundMailBody } from '../schemas/mail-inbound';
import { signedWebhookBody } from './signed-webhook';

export const mailInboundRoutes = new Hono<AppEnv>().post('/mail/inbound', async (c) => {
  const { db, now, deps } = c.var;
  const replyAddress = deps.config.mailReplyAddress;
  const mail = await signedWebhookBody(c, inboundMailBody, replyAddress !== undefined);
  const { caller, prompt, community, answer } = await inboundAnswer(db, replyAddress!, mail, now);
  const parsed = submissionBody.safeParse({ level: answer.level, body: answer.body, visibility: 'facilitators', anonymous: false });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path[0] === 'body' ? 'text' : i.path.join('.'), message: i.message }));
    throw new DomainError('invalid_input', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
  }
  // The same limit as the answer form and the API: a reply address must not answer faster than its member could.
  await enforce(c, 'answers', caller.id);
  const created = await submitAnswer(db, { ...parsed.data, promptId: prompt.id, caller }, now);
  return c.json({ id: created.id, level: parsed.data.level, points: created.points, community: community.slug }, 201);
});
