/**
 * The pages behind a reminder's links (issue 11), for anyone holding the link and no cookie needed.
 * Unsubscribe (RFC 8058): GET shows a button and changes nothing (mail scanners open links); POST turns the
 * mail off and answers 200 with a page, never a redirect; a forged or unknown token is a 404 page.
 * Answer: GET opens the one prompt the link is for (and counts as opening the mail), POST answers it as the
 * link's member; neither signs anybody in. An expired or forged link is a clear page suggesting sign-in.
 * Answers through links count against the member's `answers` limit like the answer form's (429 page past it).
 */
import { Hono, type Context } from 'hono';
import { translator } from '../../../web/src/i18n';
import type { MailLinkProps } from '../../../web/src/pages/MailLink';
import { DomainError } from '../../domain/errors';
import { RateLimitedError } from '../../domain/limits/enforce';
import { answerTarget, unsubscribeTarget } from '../../domain/reach/mail-links';
import { recordOpen, unsubscribe } from '../../domain/reach/mail-preferences';
import { submitAnswer } from '../../domain/answers/submissions';
import type { AppEnv } from '../../middleware/env';
import { enforce } from '../../middleware/rate-limit';
import { submissionBody } from '../../schemas';
import { formBodyLimit, renderPage, viewerLang } from './render';

function page(c: Context<AppEnv>, props: MailLinkProps, status: 200 | 400 | 404 | 429 = 200) {
  const t = translator(viewerLang(c));
  const title = {
    invalid: t('mailLink.invalid.title'),
    unsubscribe: t('mailLink.unsubscribe.title'),
    unsubscribed: t('mailLink.unsubscribe.title'),
    answer: t('mailLink.answer.title'),
    answered: t('mailLink.answer.title'),
  }[props.state];
  const res = renderPage(c, 'MailLink', props, { title, status });
  // The token is the whole credential: keep the page out of caches and the link out of Referer headers.
  res.headers.set('Cache-Control', 'no-store');
  res.headers.set('Referrer-Policy', 'no-referrer');
  return res;
}

const invalid = (c: Context<AppEnv>) => page(c, { state: 'invalid' }, 404);

export const mailLinkRoutes = new Hono<AppEnv>()
  .get('/mail/unsubscribe/:token', async (c) => {
    const target = await unsubscribeTarget(c.get('db'), c.req.param('token'), c.get('now'));
    if (!target) return invalid(c);
    return page(c, { state: 'unsubscribe', token: c.req.param('token'), communities: target.names });
  })
  .post('/mail/unsubscribe/:token', formBodyLimit(1024), async (c) => {
    const { db, now } = c.var;
    const target = await unsubscribeTarget(db, c.req.param('token'), now);
    if (!target) return invalid(c);
    const names = await unsubscribe(db, { userId: target.userId, communityIds: target.communityIds }, now);
    return page(c, { state: 'unsubscribed', communities: names });
  })
  .get('/mail/answer/:token', async (c) => {
    const { db, now } = c.var;
    const target = await answerTarget(db, c.req.param('token'), now);
    if (!target) return invalid(c);
    await recordOpen(db, { userId: target.caller.id, communityId: target.community.id });
    return page(c, {
      state: 'answer',
      token: c.req.param('token'),
      name: target.caller.name,
      community: target.community,
      prompt: target.prompt,
      problem: null,
      body: '',
    });
  })
  .post('/mail/answer/:token', formBodyLimit(4096), async (c) => {
    const { db, now } = c.var;
    const token = c.req.param('token');
    const target = await answerTarget(db, token, now);
    if (!target) return invalid(c);
    const form = await c.req.parseBody();
    const body = typeof form.body === 'string' ? form.body : '';
    const again = (problem: string, status: 400 | 429 = 400) =>
      page(c, { state: 'answer', token, name: target.caller.name, community: target.community, prompt: target.prompt, problem, body }, status);
    const parsed = submissionBody.safeParse({
      level: form.level,
      body: body.trim() || undefined,
      visibility: form.visibility ?? 'community',
      anonymous: form.anonymous === 'on',
    });
    if (!parsed.success) return again(parsed.error.issues.map((i) => `${i.path.join('.') || 'form'}: ${i.message}`).join('; '));
    try {
      // The same limit as the answer form and the API: a leaked link must not answer faster than its member could.
      await enforce(c, 'answers', target.caller.id);
      await submitAnswer(db, { ...parsed.data, promptId: target.prompt.id, caller: target.caller }, now);
    } catch (err) {
      if (err instanceof RateLimitedError) {
        const res = again(err.message, 429);
        res.headers.set('Retry-After', String(err.retryAfterSeconds));
        return res;
      }
      if (err instanceof DomainError) return again(err.message);
      throw err;
    }
    return page(c, { state: 'answered', community: target.community });
  });
