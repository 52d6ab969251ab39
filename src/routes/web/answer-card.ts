/**
 * An answer's Open Graph card (`og:image` of its permalink): a PNG drawn from the answer on Node, the static
 * card where the home has no renderer (Workers). Same rule as the permalink: 404 unless the viewer may see the
 * answer, and built only from the public shape, so an anonymous answer's card never names its author.
 */
import { Hono } from 'hono';
import { parseAnswerRef } from '../../domain/answers/ids';
import { getAnswer } from '../../domain/answers/permalink';
import { answerCardSvg } from '../../domain/share-card/answer-card';
import type { AppEnv } from '../../middleware/env';
import { clientIp, enforce } from '../../middleware/rate-limit';
import { translator } from '../../../web/src/i18n';
import { shownName } from '../../../web/src/lib/names';
import { viewerLang } from './render';
import { ANSWER_REF } from './answer';
import { staticCardPng } from './static-card';

export const answerCardRoutes = new Hono<AppEnv>()
  // Every other page's preview image: the brand card, the same for everyone, so shared caches may keep it.
  .get('/card.png', (c) => c.body(staticCardPng(), 200, { 'Content-Type': 'image/png', 'Cache-Control': 'public, max-age=86400' }))
  .get(`/a/:id${ANSWER_REF}/card.png`, async (c) => {
  const { db, caller, deps } = c.var;
  const ref = parseAnswerRef(c.req.param('id'));
  if (ref === null) return c.notFound();
  // Throws not_found for an answer the viewer may not see: the pages' 404.
  const { answer, prompt, community } = await getAnswer(db, ref, caller);
  // Like the pages, never in a shared cache (the answer may be private); the viewer's own may keep it a while.
  const headers = { 'Content-Type': 'image/png', 'Cache-Control': 'private, max-age=300', Vary: 'Cookie, Accept-Language' };
  if (!deps.cardPng) return c.body(staticCardPng(), 200, headers);
  // Only drawing costs: counted per IP (429 with Retry-After past the limit), after the visibility check.
  const ip = clientIp(c);
  if (ip !== undefined) await enforce(c, 'cardsPerIp', ip);
  const t = translator(viewerLang(c));
  // Named only when the answer is not anonymous: a facilitator's view carries the author of anonymous answers too.
  const byline = answer.author && !answer.anonymous ? t('card.by', { name: shownName(answer.author.name, t) }) : t('gallery.anonymous');
  const svg = answerCardSvg({
    community: community.name,
    prompt: prompt[answer.level].text,
    level: answer.level,
    levelLabel: t(answer.level === 'hard' ? 'level.hard' : 'level.easy'),
    body: answer.body,
    byline,
    hasPicture: answer.image !== null,
    pictureLabel: t('card.picture'),
  });
  return c.body(deps.cardPng(svg), 200, headers);
});
