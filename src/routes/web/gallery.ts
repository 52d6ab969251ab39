/**
 * A prompt's gallery page: the first page of answers is in the HTML. ?level= filters and ?cursor= pages
 * exactly like the API (same domain function, same limit), so the page works before and without JavaScript.
 */
import { Hono } from 'hono';
import { kudosGivenBy } from '../../domain/answers/permalink';
import { listGallery } from '../../domain/answers/gallery';
import { manages } from '../../domain/communities/access';
import { DomainError } from '../../domain/errors';
import { promptForViewer } from '../../domain/answers/submissions';
import type { AppEnv } from '../../middleware/env';
import { galleryQuery } from '../../schemas';
import { translator } from '../../../web/src/i18n';
import { facilitatorLinks } from './facilitator';
import { communityFeeds, renderNotFound, renderPage, viewerLang } from './render';

/** The API's default page size, so a cursor from either one continues the other. */
const { limit: PAGE_SIZE } = galleryQuery.parse({});

const short = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export const galleryPageRoutes = new Hono<AppEnv>().get('/c/:slug/p/:promptId{[0-9]{1,15}}', async (c) => {
  const { db, caller, now } = c.var;
  const promptId = Number(c.req.param('promptId'));
  const query = galleryQuery.safeParse(c.req.query());
  // A hand-edited query is not an error page: an unknown level shows all, a bad cursor the first page.
  const level = query.success ? query.data.level : undefined;
  const cursor = query.success ? query.data.cursor : undefined;

  const found = await promptForViewer(db, promptId, caller);
  const { prompt, community, role } = found;
  if (community.slug !== c.req.param('slug')) return renderNotFound(c);
  // A prompt's text is news until its day: only facilitators (who wrote it) see it early, as in getSeries.
  if (prompt.openedAt === null && !manages(role)) return renderNotFound(c);

  const list = (after: string | undefined) => listGallery(db, { promptId, caller, level, cursor: after, limit: PAGE_SIZE });
  let page;
  let paged = cursor !== undefined;
  try {
    page = await list(cursor);
  } catch (err) {
    if (!(err instanceof DomainError && err.code === 'invalid_input')) throw err;
    page = await list(undefined);
    paged = false;
  }
  const given = caller ? await kudosGivenBy(db, caller.id, page.items.map((i) => i.id)) : {};
  const t = translator(viewerLang(c));
  return renderPage(
    c,
    'Gallery',
    {
      community: { slug: community.slug, name: community.name },
      prompt: {
        id: prompt.id,
        easy: { text: prompt.easyText, points: prompt.easyPoints },
        hard: { text: prompt.hardText, points: prompt.hardPoints },
      },
      level: level ?? null,
      paged,
      page,
      given,
      access: caller === null ? 'signedOut' : role === 'visitor' ? 'visitor' : 'member',
      now: now.toISOString(),
      facilitator: await facilitatorLinks(db, community, role),
    },
    {
      title: t('gallery.title', { prompt: short(prompt.easyText) }),
      description: t('meta.gallery', { prompt: short(prompt.easyText), community: community.name }),
      feeds: communityFeeds(community),
    },
  );
});
