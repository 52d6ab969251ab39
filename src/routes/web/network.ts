/**
 * The stewards' network dashboard, /network: the same figures as GET /api/network, sorted by links and
 * filtered by a GET form (no JavaScript), and the form that makes another steward (POST, then redirect).
 * Anyone but a steward gets the ordinary 404 page, as for a page that does not exist.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { makeSteward, networkFor, setQuietDays, stewardLogView } from '../../domain/stewards';
import type { AppEnv } from '../../middleware/env';
import { networkQuery, networkSettingsBody, stewardBody } from '../../schemas/stewards';
import { translator } from '../../../web/src/i18n';
import { formBodyLimit, renderNotFound, renderPage, viewerLang } from './render';

/**
 * Rows on one page of the dashboard: each row carries a 12-week table, so a network of a thousand communities
 * on one page took a quarter of a second to render and far longer to read. The CSV and the API keep every row.
 */
export const NETWORK_PAGE_SIZE = 50;
const pageNumber = z.coerce.number().int().min(1).max(100_000);

async function render(c: Context<AppEnv>, query: Record<string, string>, extra: { made?: boolean; error?: boolean; invalid?: boolean } = {}) {
  // A bad sort, filter or page in a hand-edited link falls back to the defaults rather than an error page.
  const parsed = networkQuery.safeParse(query);
  const q = parsed.success ? parsed.data : networkQuery.parse({});
  const full = await networkFor(c.get('db'), c.get('caller'), q, c.get('now'));
  const pages = Math.max(1, Math.ceil(full.communities.length / NETWORK_PAGE_SIZE));
  const asked = pageNumber.safeParse(query.page);
  const page = Math.min(asked.success ? asked.data : 1, pages);
  const network = { ...full, communities: full.communities.slice((page - 1) * NETWORK_PAGE_SIZE, page * NETWORK_PAGE_SIZE) };
  const t = translator(viewerLang(c));
  const log = await stewardLogView(c.get('db'));
  const paging = { page, pages, first: (page - 1) * NETWORK_PAGE_SIZE + 1, last: (page - 1) * NETWORK_PAGE_SIZE + network.communities.length, total: full.communities.length };
  return renderPage(c, 'Network', { network, paging, log, made: extra.made ?? false, error: extra.error ?? false }, { title: t('network.title'), status: extra.error || extra.invalid ? 400 : 200 });
}

export const networkPageRoutes = new Hono<AppEnv>()
  .get('/network', async (c) => {
    if (!c.get('caller')?.isSteward) return renderNotFound(c);
    return render(c, c.req.query(), { made: c.req.query('made') === '1' });
  })
  // The filter form's second button: keep its number of days as the steward's default, then show the dashboard.
  .post('/network/settings', formBodyLimit(4096), async (c) => {
    const caller = c.get('caller');
    if (!caller?.isSteward) return renderNotFound(c);
    const form = await c.req.parseBody();
    const body = networkSettingsBody.safeParse({ quietDays: Number(form.quietDays) });
    // The number field allows only 1–365, so only a hand-made post lands here: the page again, as a 400.
    if (!body.success) return render(c, {}, { invalid: true });
    await setQuietDays(c.get('db'), caller, body.data.quietDays, c.get('now'));
    const kept = networkQuery.safeParse({ sort: form.sort, order: form.order, filter: form.filter });
    const back: Record<string, string> = kept.success ? { sort: kept.data.sort, order: kept.data.order, filter: kept.data.filter } : {};
    return c.redirect(`/network?${new URLSearchParams(back)}`, 303);
  })
  .post('/network/stewards', formBodyLimit(4096), async (c) => {
    const caller = c.get('caller');
    if (!caller?.isSteward) return renderNotFound(c);
    const form = await c.req.parseBody();
    const body = stewardBody.safeParse({ email: form.email });
    if (!body.success) return render(c, {}, { error: true });
    await makeSteward(c.get('db'), caller, body.data.email, c.get('now'));
    return c.redirect('/network?made=1', 303);
  });
