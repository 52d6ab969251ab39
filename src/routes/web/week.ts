/** A community's weekly shout-out roll page, from the same domain function as the API (404 before it exists). */
import { Hono } from 'hono';
import { communityForViewer } from '../../domain/communities/access';
import { DomainError } from '../../domain/errors';
import { neighbourRolls } from '../../domain/recognition/roll-neighbours';
import { readRoll } from '../../domain/recognition/shoutouts';
import type { AppEnv } from '../../middleware/env';
import { weekParam } from '../../schemas';
import { translator } from '../../../web/src/i18n';
import { renderNotFound, renderPage, viewerLang } from './render';

export const weekPageRoutes = new Hono<AppEnv>().get('/c/:slug/week/:isoWeek', async (c) => {
  const { db, caller, now } = c.var;
  const dataVersion = c.var.deps.dataVersion?.();
  const params = weekParam.safeParse(c.req.param());
  if (!params.success) return renderNotFound(c);
  let found;
  try {
    const { community } = await communityForViewer(db, params.data.slug, caller);
    const roll = await readRoll(db, { ...params.data, caller }, now, dataVersion);
    found = { community, roll };
  } catch (err) {
    // An unknown or private community, a week with no roll, or a week that does not exist (2026-W53).
    if (err instanceof DomainError && (err.code === 'not_found' || err.code === 'invalid_input')) return renderNotFound(c);
    throw err;
  }
  const { community, roll } = found;
  const t = translator(viewerLang(c));
  return renderPage(
    c,
    'WeekRoll',
    { community: { slug: community.slug, name: community.name }, roll, ...(await neighbourRolls(db, community.id, roll.weekOf)) },
    { title: t('week.title', { community: community.name }) },
  );
});
