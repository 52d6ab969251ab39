/**
 * Starting a series from a template: the picker, then the series editor filled with the template's prompts.
 * Nothing is created here: the editor posts to /c/:slug/series/new, through the same validation as the API.
 * Visitors are sent to sign in (before any lookup, so that says nothing about the community); a private
 * community is 404 to everyone but its facilitators; a public one is 403 to its members and visitors.
 */
import { Hono, type Context } from 'hono';
import { communityForViewer, type Community } from '../../domain/communities/access';
import { manages } from '../../domain/communities/access';
import { DomainError } from '../../domain/errors';
import { listTemplates, templateIn, type TemplateLang } from '../../domain/templates';
import { localDay } from '../../domain/time';
import type { AppEnv } from '../../middleware/env';
import { translator } from '../../../web/src/i18n';
import { renderNotFound, renderPage, viewerLang } from './render';

type Gate = { community: Community } | Response;

async function facilitatorGate(c: Context<AppEnv>): Promise<Gate> {
  const caller = c.get('caller');
  if (!caller) return c.redirect(`/sign-in?next=${encodeURIComponent(new URL(c.req.url).pathname)}`, 303);
  try {
    const { community, role } = await communityForViewer(c.get('db'), c.req.param('slug') ?? '', caller);
    if (manages(role)) return { community };
    if (community.visibility === 'private') return renderNotFound(c);
    const t = translator(viewerLang(c));
    const props = { community: { slug: community.slug, name: community.name }, state: 'forbidden' as const, templateLang: viewerLang(c), templates: [] };
    return renderPage(c, 'TemplatePicker', props, { title: t('templates.title'), status: 403 });
  } catch (err) {
    if (err instanceof DomainError && err.code === 'not_found') return renderNotFound(c);
    throw err;
  }
}

/** The templates' language: asked for in the URL, else the page's. */
const templateLang = (c: Context<AppEnv>): TemplateLang => {
  const asked = c.req.query('lang');
  return asked === 'en' || asked === 'fr' ? asked : viewerLang(c);
};

export const templatePageRoutes = new Hono<AppEnv>()
  .get('/c/:slug/series/templates', async (c) => {
    const gate = await facilitatorGate(c);
    if (gate instanceof Response) return gate;
    const lang = templateLang(c);
    const t = translator(viewerLang(c));
    const templates = listTemplates(lang).map(({ id, title, description, promptCount, cadence }) => ({ id, title, description, promptCount, cadence }));
    const community = { slug: gate.community.slug, name: gate.community.name };
    return renderPage(c, 'TemplatePicker', { community, state: 'list', templateLang: lang, templates }, { title: t('templates.title') });
  })
  .get('/c/:slug/series/templates/:id', async (c) => {
    const gate = await facilitatorGate(c);
    if (gate instanceof Response) return gate;
    const { community } = gate;
    let template: ReturnType<typeof templateIn>;
    try {
      template = templateIn(c.req.param('id'), templateLang(c));
    } catch (err) {
      if (err instanceof DomainError && err.code === 'not_found') return renderNotFound(c);
      throw err;
    }
    const today = localDay(c.get('now'), community.timeZone, community.dayStartHour);
    const draft = {
      title: template.title,
      description: template.description,
      // Today, as for a blank series: the preview shows at once when each prompt would open.
      startDate: today,
      cadence: template.cadence,
      prompts: template.prompts.map((p) => ({ easy: p.easy, hard: p.hard, easyPoints: String(p.easyPoints), hardPoints: String(p.hardPoints) })),
    };
    const t = translator(viewerLang(c));
    return renderPage(
      c,
      'SeriesEditor',
      { community: { slug: community.slug, name: community.name }, today, draft, issues: [], created: null },
      { title: t('series.title') },
    );
  });
