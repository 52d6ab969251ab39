/**
 * The facilitator's series editor page (404 for everyone else). Without JavaScript its buttons post the
 * whole form here: an edit (add, remove, move) re-renders the draft; "create" validates with the API's own
 * schema, creates, and redirects (so a reload never creates twice).
 */
import { Hono, type Context } from 'hono';
import { communityForViewer } from '../../domain/communities/access';
import { manages } from '../../domain/communities/access';
import { DomainError, type Issue } from '../../domain/errors';
import { createSeries, getSeries } from '../../domain/series/series';
import type { Caller } from '../../domain/identity/sessions';
import { localDay } from '../../domain/time';
import type { AppEnv } from '../../middleware/env';
import { createSeriesBody } from '../../schemas';
import { translator, type MessageKey } from '../../../web/src/i18n';
import { applyOp, draftBody, emptyPrompt, parseOp, type Draft } from '../../../web/src/lib/series-draft';
import { formBodyLimit, renderNotFound, renderPage, viewerLang } from './render';
import { bodyLimit } from 'hono/body-limit';
import { IMPORT_BYTE_LIMIT } from '../../domain/series/series-file';
import { importSeries, type FileFormat } from '../../domain/series/transfer';
import { importQuery } from '../../schemas/series-transfer';
import { seriesOfCommunity } from '../../domain/series/listing';
import type { SeriesEditorProps } from '../../../web/src/pages/SeriesEditor';

/** The community and its local day, when the caller facilitates it; null means 404. */
async function facilitated(c: Context<AppEnv>) {
  try {
    const caller = c.get('caller');
    const { community, role } = await communityForViewer(c.get('db'), c.req.param('slug') ?? '', caller);
    if (!manages(role) || !caller) return null;
    return { community, caller, today: localDay(c.get('now'), community.timeZone, community.dayStartHour) };
  } catch (err) {
    if (err instanceof DomainError && err.code === 'not_found') return null;
    throw err;
  }
}

type Found = NonNullable<Awaited<ReturnType<typeof facilitated>>>;

async function editorPage(
  c: Context<AppEnv>,
  { community, today }: Found,
  draft: Draft,
  more: {
    issues?: string[];
    created?: { id: number; opensOn: string } | null;
    importError?: SeriesEditorProps['importError'];
    status?: 200 | 400 | 413 | 422;
  } = {},
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
      importError: more.importError ?? null,
      existing: await seriesOfCommunity(c.get('db'), community.id),
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
    return editorPage(c, found, blankDraft(found), { created });
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
  })
  // Import from a file: multipart, the file and optional settings; the same importSeries as the API.
  .post(
    '/c/:slug/series/import',
    // The file must be under 5 MB; the form's other fields get a little room beside it.
    bodyLimit({
      maxSize: IMPORT_BYTE_LIMIT + 16 * 1024,
      onError: async (c) => {
        const found = await facilitated(c as Context<AppEnv>);
        if (!found) return renderNotFound(c as Context<AppEnv>);
        return editorPage(c as Context<AppEnv>, found, blankDraft(found), { importError: { key: 'seriesImport.tooLarge', issues: [] }, status: 413 });
      },
    }),
    async (c) => {
      const found = await facilitated(c);
      if (!found) return renderNotFound(c);
      const form = await c.req.parseBody();
      const file = form.file;
      const format = file instanceof File ? formatOfFile(file) : null;
      // Empty fields are not given: for a JSON file they leave the file's own values.
      const given = (k: string) => (typeof form[k] === 'string' && form[k].trim() !== '' ? form[k] : undefined);
      const values = { title: given('title'), startDate: given('startDate'), cadence: given('cadence') };
      const refuse = (key: MessageKey | null, issues: Issue[], status: 400 | 413 | 422) =>
        editorPage(c, found, blankDraft(found), { importError: { key, issues, values }, status });
      if (!(file instanceof File) || !format) {
        return refuse('seriesImport.noFile', [], 400);
      }
      if (file.size >= IMPORT_BYTE_LIMIT) {
        return refuse('seriesImport.tooLarge', [], 413);
      }
      const settings = importQuery.safeParse({ title: given('title'), description: given('description'), startDate: given('startDate'), cadence: given('cadence') });
      if (!settings.success) {
        const issues = settings.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
        return refuse(null, issues, 400);
      }
      try {
        const series = await importSeries(c.get('db'), found.caller, found.community.slug, { format, text: await file.text() }, settings.data, c.get('now'));
        return c.redirect(`/c/${encodeURIComponent(found.community.slug)}/s/${series.id}?notice=imported`, 303);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        if (err.code === 'payload_too_large') {
          return refuse('seriesImport.tooLarge', [], 413);
        }
        if (err.extra.issues?.length) {
          return refuse(null, err.extra.issues, err.code === 'import_invalid' ? 422 : 400);
        }
        throw err;
      }
    },
  );

/** JSON or CSV, by the file's name or else its declared type. */
function formatOfFile(file: File): FileFormat | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.json') || file.type === 'application/json') return 'json';
  if (name.endsWith('.csv') || file.type === 'text/csv') return 'csv';
  return null;
}

const blankDraft = (found: Found): Draft => ({ title: '', description: '', startDate: found.today, cadence: 'daily', prompts: [emptyPrompt()] });
