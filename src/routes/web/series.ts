/**
 * The facilitator's series editor page (404 for everyone else). Without JavaScript its buttons post the
 * whole form here: an edit (add, remove, move) re-renders the draft; "create" validates with the API's own
 * schema, creates, and redirects (so a reload never creates twice).
 */
import { Hono, type Context } from 'hono';
import { communityForViewer } from '../../domain/access';
import { DomainError } from '../../domain/errors';
import { createSeries, getSeries } from '../../domain/series';
import type { Caller } from '../../domain/sessions';
import { localDay } from '../../domain/time';
import type { AppEnv } from '../../middleware/env';
import { createSeriesBody } from '../../schemas';
import { translator } from '../../../web/src/i18n';
import { applyOp, draftBody, emptyPrompt, parseOp, type Draft } from '../../../web/src/lib/series-draft';
import { formBodyLimit, renderNotFound, renderPage, viewerLang } from './render';

/** The community and its local day, when the caller facilitates it; null means 404. */
async function facilitated(c: Context<AppEnv>) {
  try {
    const caller = c.get('caller');
    const { community, role } = await communityForViewer(c.get('db'), c.req.param('slug') ?? '', caller);
    if (role !== 'facilitator' || !caller) return null;
    return { community, caller, today: localDay(c.get('now'), community.timeZone, community.dayStartHour) };
  } catch (err) {
    if (err instanceof DomainError && err.code === 'not_found') return null;
    throw err;
  }
}

type Found = NonNullable<Awaited<ReturnType<typeof facilitated>>>;

function editorPage(
  c: Context<AppEnv>,
  { community, today }: Found,
  draft: Draft,
  more: { issues?: string[]; created?: { id: number; opensOn: string } | null; status?: 200 | 400 } = {},
) {
  const t = translator(viewerLang(c));
  return renderPage(
    c,
    'SeriesEditor',
    {
      community: { slug: community.slug, name: community.name },
      today,
      draft,
      issues: more.issues ?? [],
      created: more.created ?? null,
    },
    { title: t('series.title'), status: more.status ?? 200 },
  );
}

const strings = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) => (typeof v === 'string' ? v : ''));

/** The draft a posted form holds; the prompt fields repeat once per prompt, in order. */
function draftFromForm(form: Record<string, unknown>): Draft {
  const [easy, hard, easyPoints, hardPoints] = (['easy', 'hard', 'easyPoints', 'hardPoints'] as const).map((k) => strings(form[k]));
  const count = Math.max(easy!.length, hard!.length, 1);
  return {
    title: strings(form.title)[0] ?? '',
    description: strings(form.description)[0] ?? '',
    startDate: strings(form.startDate)[0] ?? '',
    cadence: strings(form.cadence)[0] === 'weekdays' ? 'weekdays' : 'daily',
    prompts: Array.from({ length: count }, (_, i) => ({
      easy: easy![i] ?? '',
      hard: hard![i] ?? '',
      easyPoints: easyPoints![i] ?? '',
      hardPoints: hardPoints![i] ?? '',
    })),
  };
}

async function createdSeries(c: Context<AppEnv>, caller: Caller, id: number) {
  try {
    const series = await getSeries(c.get('db'), caller, id);
    return { id: series.id, opensOn: series.prompts[0]?.opensOn ?? series.startDate };
  } catch (err) {
    if (err instanceof DomainError && err.code === 'not_found') return null;
    throw err;
  }
}

export const seriesPageRoutes = new Hono<AppEnv>()
  .get('/c/:slug/series/new', async (c) => {
    const found = await facilitated(c);
    if (!found) return renderNotFound(c);
    const createdId = Number(c.req.query('created'));
    const created = Number.isSafeInteger(createdId) && createdId > 0 ? await createdSeries(c, found.caller, createdId) : null;
    // Starting today: the preview begins on the day the today page shows, and the first prompt opens at once.
    const draft: Draft = { title: '', description: '', startDate: found.today, cadence: 'daily', prompts: [emptyPrompt()] };
    return editorPage(c, found, draft, { created });
  })
  // Prompts are at most 500 characters each and the API takes 64 KB of JSON; form encoding triples accents.
  .post('/c/:slug/series/new', formBodyLimit(256 * 1024), async (c) => {
    const found = await facilitated(c);
    if (!found) return renderNotFound(c);
    const form = await c.req.parseBody({ all: true });
    const draft = draftFromForm(form);
    const op = parseOp(strings(form.op)[0]);
    if (op) return editorPage(c, found, { ...draft, prompts: applyOp(draft.prompts, op, emptyPrompt) });

    const parsed = createSeriesBody.safeParse(draftBody(draft));
    if (!parsed.success) {
      return editorPage(c, found, draft, { issues: parsed.error.issues.map((i) => i.path.join('.')), status: 400 });
    }
    try {
      const series = await createSeries(c.get('db'), found.caller, found.community.slug, parsed.data, c.get('now'));
      return c.redirect(`/c/${encodeURIComponent(found.community.slug)}/series/new?created=${series.id}`, 303);
    } catch (err) {
      if (err instanceof DomainError && err.extra.issues?.length) {
        return editorPage(c, found, draft, { issues: err.extra.issues.map((i) => i.path), status: 400 });
      }
      throw err;
    }
  });
