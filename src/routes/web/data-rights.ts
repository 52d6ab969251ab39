/**
 * The account deletion pages, working without JavaScript: a confirm page (/me/delete) whose form posts here,
 * then a redirect to a page that says what was removed (the session cookie is cleared by then). The download
 * buttons link straight to the API's zips (GET, with the session cookie).
 */
import { Hono, type Context } from 'hono';
import { DomainError } from '../../domain/errors';
import type { AppEnv } from '../../middleware/env';
import { translator } from '../../../web/src/i18n';
import { eraseCaller } from '../data-rights';
import { formBodyLimit, renderPage, viewerLang } from './render';

function confirmPage(c: Context<AppEnv>, error: 'confirmInvalid' | 'lastFacilitator' | null) {
  const t = translator(viewerLang(c));
  return renderPage(c, 'DeleteAccount', { state: 'confirm', error }, { title: t('dataRights.delete.title'), status: error ? 400 : 200 });
}

/** A count from the done page's address; anything else reads as 0 (the page only echoes it). */
const count = (value: string | undefined) => (value && /^\d{1,7}$/.test(value) ? Number(value) : 0);

export const dataRightsPageRoutes = new Hono<AppEnv>()
  .get('/me/delete', (c) => (c.get('caller') ? confirmPage(c, null) : c.redirect('/sign-in', 303)))
  .post('/me/delete', formBodyLimit(1024), async (c) => {
    if (!c.get('caller')) return c.redirect('/sign-in', 303);
    const form = await c.req.parseBody();
    const confirm = typeof form.confirm === 'string' ? form.confirm : '';
    try {
      const s = await eraseCaller(c, confirm);
      const query = new URLSearchParams({
        named: String(s.namedAnswersDeleted),
        kept: String(s.anonymousAnswersKept),
        images: String(s.imagesDeleted),
        kudos: String(s.kudosGivenDeleted),
        communities: String(s.communitiesLeft),
      });
      return c.redirect(`/me/deleted?${query}`, 303);
    } catch (err) {
      if (err instanceof DomainError && err.code === 'invalid_input') return confirmPage(c, 'confirmInvalid');
      if (err instanceof DomainError && err.code === 'last_facilitator') return confirmPage(c, 'lastFacilitator');
      throw err;
    }
  })
  .get('/me/deleted', (c) => {
    const q = (name: string) => count(c.req.query(name));
    const counts = {
      namedAnswersDeleted: q('named'),
      anonymousAnswersKept: q('kept'),
      imagesDeleted: q('images'),
      kudosGivenDeleted: q('kudos'),
      communitiesLeft: q('communities'),
    };
    return renderPage(c, 'DeleteAccount', { state: 'done', counts }, { title: translator(viewerLang(c))('dataRights.deleted.title') });
  });
