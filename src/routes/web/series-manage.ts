/**
 * The series page, /c/:slug/series/:id (facilitators; 404 for everyone else), and its form posts: edit or
 * move a prompt, pause, resume, publish to the library. Each post calls the same domain function as the API
 * and redirects back with a notice; a refused change re-renders the page with the reason.
 */
import { Hono, type Context } from 'hono';
import { DomainError } from '../../domain/errors';
import { getSeries, pauseSeries, resumeSeries, seriesForFacilitator } from '../../domain/series/series';
import { editPrompt, promptEditLog, reorderPrompts } from '../../domain/series/editing';
import { entryOfSeries, publishSeries } from '../../domain/series/library';
import type { AppEnv } from '../../middleware/env';
import { editPromptBody } from '../../schemas/series-transfer';
import type { SeriesNotice, SeriesPageProps } from '../../../web/src/pages/SeriesPage';
import { formBodyLimit, renderNotFound, renderPage } from './render';

const NOTICES: SeriesNotice[] = ['saved', 'moved', 'published', 'paused', 'resumed', 'imported', 'copied'];

/** The series when it belongs to this page's community and the caller facilitates it; null means 404. */
async function managed(c: Context<AppEnv>) {
  const caller = c.get('caller');
  const id = Number(c.req.param('id'));
  if (!caller || !Number.isSafeInteger(id) || id <= 0) return null;
  try {
    const { community } = await seriesForFacilitator(c.get('db'), caller, id);
    if (community.slug !== c.req.param('slug')) return null;
    return { caller, community, id, base: `/c/${encodeURIComponent(community.slug)}/s/${id}` };
  } catch (err) {
    if (err instanceof DomainError && (err.code === 'not_found' || err.code === 'forbidden')) return null;
    throw err;
  }
}
type Managed = NonNullable<Awaited<ReturnType<typeof managed>>>;

async function seriesPage(c: Context<AppEnv>, m: Managed, more: Pick<SeriesPageProps, 'notice' | 'error'>, status: 200 | 400 | 409 = 200) {
  const db = c.get('db');
  const series = await getSeries(db, m.caller, m.id);
  const props: SeriesPageProps = {
    community: { slug: m.community.slug, name: m.community.name, private: m.community.visibility === 'private' },
    series,
    edits: (await promptEditLog(db, m.caller, m.id)).edits,
    published: await entryOfSeries(db, m.id),
    ...more,
  };
  return renderPage(c, 'SeriesPage', props, { title: series.title, status });
}

/** A refusal the page explains: the status and the message key, by domain error code. */
function refusal(err: unknown, promptId: number | null): { status: 400 | 409; error: NonNullable<SeriesPageProps['error']> } | null {
  if (!(err instanceof DomainError)) return null;
  if (err.code === 'prompt_opened') return { status: 409, error: { promptId, key: 'seriesPage.error.opened' } };
  if (err.code === 'series_not_running' || err.code === 'series_not_paused') return { status: 409, error: { promptId, key: 'seriesPage.error.state' } };
  if (err.code === 'invalid_input' && err.extra.issues?.[0]?.path === 'sharePrivate') return { status: 400, error: { promptId, key: 'seriesPage.error.private' } };
  if (err.code === 'invalid_input') return { status: 400, error: { promptId, key: 'seriesPage.error.invalid' } };
  return null;
}

/** Runs a change; on success redirects with `notice`, on a refusal re-renders the page saying why. */
async function change(c: Context<AppEnv>, m: Managed, notice: SeriesNotice, promptId: number | null, run: () => Promise<unknown>) {
  try {
    await run();
  } catch (err) {
    const refused = refusal(err, promptId);
    if (!refused) throw err;
    return seriesPage(c, m, { notice: null, error: refused.error }, refused.status);
  }
  return c.redirect(`${m.base}?notice=${notice}${promptId ? `#prompt-${promptId}-easy` : ''}`, 303);
}

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
const number = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : undefined);

export const seriesManageRoutes = new Hono<AppEnv>()
  .get('/c/:slug/s/:id{[0-9]+}', async (c) => {
    const m = await managed(c);
    if (!m) return renderNotFound(c);
    const notice = c.req.query('notice') as SeriesNotice | undefined;
    return seriesPage(c, m, { notice: notice && NOTICES.includes(notice) ? notice : null, error: null });
  })
  // Two prompts of 500 characters and two numbers, form-encoded (accents take up to 9 bytes each).
  .post('/c/:slug/s/:id{[0-9]+}/prompts/:promptId{[0-9]+}', formBodyLimit(16 * 1024), async (c) => {
    const m = await managed(c);
    if (!m) return renderNotFound(c);
    const promptId = Number(c.req.param('promptId'));
    const series = await getSeries(c.get('db'), m.caller, m.id);
    if (!series.prompts.some((p) => p.id === promptId)) return renderNotFound(c);
    const form = await c.req.parseBody();
    const parsed = editPromptBody.safeParse({ easy: text(form.easy), hard: text(form.hard), easyPoints: number(form.easyPoints), hardPoints: number(form.hardPoints) });
    if (!parsed.success) return seriesPage(c, m, { notice: null, error: { promptId, key: 'seriesPage.error.invalid' } }, 400);
    return change(c, m, 'saved', promptId, () => editPrompt(c.get('db'), m.caller, promptId, parsed.data, c.get('now')));
  })
  .post('/c/:slug/s/:id{[0-9]+}/move', formBodyLimit(1024), async (c) => {
    const m = await managed(c);
    if (!m) return renderNotFound(c);
    const form = await c.req.parseBody();
    const promptId = Number(form.promptId);
    const series = await getSeries(c.get('db'), m.caller, m.id);
    const order = series.prompts.filter((p) => !p.opened).map((p) => p.id);
    const i = order.indexOf(promptId);
    const j = form.dir === 'up' ? i - 1 : i + 1;
    if (i === -1 || j < 0 || j >= order.length) return c.redirect(m.base, 303); // nothing to move (stale page)
    [order[i], order[j]] = [order[j]!, order[i]!];
    return change(c, m, 'moved', null, () => reorderPrompts(c.get('db'), m.caller, m.id, order));
  })
  .post('/c/:slug/s/:id{[0-9]+}/pause', formBodyLimit(1024), async (c) => {
    const m = await managed(c);
    if (!m) return renderNotFound(c);
    return change(c, m, 'paused', null, () => pauseSeries(c.get('db'), m.caller, m.id));
  })
  .post('/c/:slug/s/:id{[0-9]+}/resume', formBodyLimit(1024), async (c) => {
    const m = await managed(c);
    if (!m) return renderNotFound(c);
    return change(c, m, 'resumed', null, () => resumeSeries(c.get('db'), m.caller, m.id, c.get('now')));
  })
  .post('/c/:slug/s/:id{[0-9]+}/publish', formBodyLimit(1024), async (c) => {
    const m = await managed(c);
    if (!m) return renderNotFound(c);
    const form = await c.req.parseBody();
    return change(c, m, 'published', null, () => publishSeries(c.get('db'), m.caller, m.id, { sharePrivate: form.sharePrivate === 'true' }, c.get('now')));
  });
