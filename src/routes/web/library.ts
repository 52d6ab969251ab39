/**
 * The library page, /library (signed in), and its copy form: the same copyEntry as POST /api/library/:id/copy,
 * then a redirect to the new series' page. A refused copy re-renders the library saying why.
 */
import { Hono, type Context } from 'hono';
import { DomainError } from '../../domain/errors';
import { copyEntry, facilitatedCommunities, listLibrary } from '../../domain/series/library';
import type { Caller } from '../../domain/identity/sessions';
import type { AppEnv } from '../../middleware/env';
import { copyBody } from '../../schemas/series-transfer';
import { translator } from '../../../web/src/i18n';
import type { LibraryProps } from '../../../web/src/pages/Library';
import { formBodyLimit, renderPage, viewerLang } from './render';

async function libraryPage(c: Context<AppEnv>, caller: Caller, error: LibraryProps['error'] = null, status: 200 | 400 = 200) {
  const db = c.get('db');
  const props: LibraryProps = {
    entries: (await listLibrary(db)).entries,
    communities: await facilitatedCommunities(db, caller),
    // The start date offered first; each community's own "today" may differ by a day, which the date field shows.
    today: c.get('now').toISOString().slice(0, 10),
    error,
  };
  return renderPage(c, 'Library', props, { title: translator(viewerLang(c))('library.title'), status });
}

export const libraryPageRoutes = new Hono<AppEnv>()
  .get('/library', async (c) => {
    const caller = c.get('caller');
    if (!caller) return c.redirect(`/sign-in?next=${encodeURIComponent('/library')}`, 303);
    return libraryPage(c, caller);
  })
  .post('/library/:id{[0-9]+}/copy', formBodyLimit(1024), async (c) => {
    const caller = c.get('caller');
    if (!caller) return c.redirect(`/sign-in?next=${encodeURIComponent('/library')}`, 303);
    const entryId = Number(c.req.param('id'));
    const form = await c.req.parseBody();
    const parsed = copyBody.safeParse({ community: form.community, startDate: form.startDate });
    if (!parsed.success) {
      const key = parsed.error.issues.some((i) => i.path[0] === 'startDate') ? 'library.error.startDate' : 'library.error.community';
      return libraryPage(c, caller, { entryId, key }, 400);
    }
    try {
      const series = await copyEntry(c.get('db'), caller, entryId, parsed.data, c.get('now'));
      return c.redirect(`/c/${encodeURIComponent(parsed.data.community)}/s/${series.id}?notice=copied`, 303);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      // The entry itself missing is the ordinary 404 page; a community the caller cannot copy into is explained.
      if (err.code === 'not_found' && err.message.startsWith('Library entry')) throw err;
      if (err.code === 'invalid_input') return libraryPage(c, caller, { entryId, key: 'library.error.startDate' }, 400);
      if (err.code === 'forbidden' || err.code === 'not_found') return libraryPage(c, caller, { entryId, key: 'library.error.community' }, 400);
      throw err;
    }
  });
