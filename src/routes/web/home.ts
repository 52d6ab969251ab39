/** The directory page and the language switch. */
import { Hono, type Context } from 'hono';
import { setCookie } from 'hono/cookie';
import { communityForViewer } from '../../domain/communities/access';
import { listDirectory } from '../../domain/directory/listing';
import { answeredLevels, todayInCommunity } from '../../domain/series/today';
import { pinnedShowcase } from '../../domain/stewards';
import type { AppEnv } from '../../middleware/env';
import { translator } from '../../../web/src/i18n';
import { LANG_COOKIE, renderPage, viewerLang } from './render';

/** A directory page is an overview; past this many communities, the API lists them all. */
const MAX_COMMUNITIES = 100;

/**
 * Today's first prompt of the liveliest public community, to answer right on the home page (its form posts
 * like the today page's). Null on a site without a public community or without a prompt open there today.
 */
async function featuredPrompt(c: Context<AppEnv>, listed: { slug: string; visibility: string; answersLast7Days: number }[]) {
  const { db, caller, now } = c.var;
  const liveliest = listed
    .filter((l) => l.visibility === 'public')
    .reduce<(typeof listed)[number] | undefined>((best, l) => (!best || l.answersLast7Days > best.answersLast7Days ? l : best), undefined);
  if (!liveliest) return null;
  const { community, role } = await communityForViewer(db, liveliest.slug, caller);
  const prompt = (await todayInCommunity(db, community, now)).prompts[0];
  if (!prompt) return null;
  const answered = caller ? ((await answeredLevels(db, caller.id, [prompt.id])).get(prompt.id) ?? []) : [];
  return {
    community: { slug: community.slug, name: community.name },
    prompt: { ...prompt, answered },
    access: caller ? ('answer' as const) : ('signIn' as const),
    // A signed-in visitor joins the public community with the first answer.
    joins: caller !== null && role === 'visitor',
    viewerName: caller?.name || null,
  };
}

export const homeRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    // listDirectory applies the visibility rule itself: public ones, plus private ones the caller belongs to.
    const listed = await listDirectory(c.get('db'), c.get('caller'), c.get('now'), MAX_COMMUNITIES);
    const communities = listed.map(({ timeZone: _, ...shown }) => shown);
    return renderPage(
      c,
      'Communities',
      { communities, showcase: await pinnedShowcase(c.get('db')), signedIn: c.get('caller') !== null, featured: await featuredPrompt(c, communities) },
      { title: translator(viewerLang(c))('communities.title') },
    );
  })
  .get('/lang/:lang{en|fr}', (c) => {
    setCookie(c, LANG_COOKIE, c.req.param('lang'), { path: '/', sameSite: 'Lax', maxAge: 365 * 24 * 3600 });
    const next = c.req.query('next') ?? '/';
    // Only local paths: never an open redirect.
    return c.redirect(next.startsWith('/') && !next.startsWith('//') ? next : '/', 303);
  });
