/**
 * A community's today page, and the answer form's plain POST for browsers without JavaScript: it answers
 * through the same domain functions as the API, then redirects (303) back with the result in the query, or
 * shows the page again with the member's text kept and the errors next to their fields.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { communityForViewer } from '../../domain/communities/access';
import { celebrationProgress } from '../../domain/celebration/progress';
import { DomainError } from '../../domain/errors';
import { MAX_IMAGE_BYTES, uploadImage } from '../../domain/images/images';
import { submitAnswer } from '../../domain/answers/submissions';
import { answeredLevels, todayInCommunity } from '../../domain/series/today';
import { soonSessions } from '../../domain/live/sessions';
import { livePromptsNow } from '../../domain/live/session-prompt';
import type { AppEnv } from '../../middleware/env';
import { enforce } from '../../middleware/rate-limit';
import { RateLimitedError } from '../../domain/limits/enforce';
import { levels, submissionBody, visibilities } from '../../schemas';
import { translator } from '../../../web/src/i18n';
import { answerErrors, type AnswerErrors } from '../../../web/src/lib/answer-errors';
import type { AnswerDraft, Level } from '../../../web/src/lib/answer-types';
import type { TodayProps } from '../../../web/src/pages/Today';
import { facilitatorLinks } from './facilitator';
import { communityFeeds, renderPage, viewerLang } from './render';

/** A photo plus the form's text fields and multipart envelope. */
const MAX_FORM_BYTES = MAX_IMAGE_BYTES + 64 * 1024;

type Extra = Partial<Pick<TodayProps, 'focusId' | 'level' | 'posted' | 'joined' | 'created' | 'draft' | 'errors'>> & {
  status?: 200 | 400 | 413 | 429;
};

/** Shaped like an image id; replaced by the uploaded photo's real id before anything is written. */
const PHOTO_STAND_IN = 'p'.repeat(22);

const positiveInt = (s: string | undefined) => {
  const n = Number(s);
  return Number.isInteger(n) && n > 0 ? n : null;
};
const isLevel = (s: unknown): s is Level => (levels as readonly unknown[]).includes(s);

export function renderNotFound(c: Context<AppEnv>) {
  return renderPage(c, 'NotFound', {}, { title: translator(viewerLang(c))('error.notFoundTitle'), status: 404 });
}

async function todayPage(c: Context<AppEnv>, slug: string, extra: Extra = {}) {
  const { db, caller, now } = c.var;
  const { community, role } = await communityForViewer(db, slug, caller);
  const [daily, live] = await Promise.all([todayInCommunity(db, community, now), livePromptsNow(db, community, now)]);
  // A live session's prompt is answered here while the session is on, after the day's own (issue 15).
  const today = { ...daily, prompts: [...daily.prompts, ...live] };
  const all = [...today.prompts, ...today.open];
  const answered = caller ? await answeredLevels(db, caller.id, all.map((p) => p.id)) : new Map<number, Level[]>();
  const view = <P extends { id: number }>(p: P) => ({ ...p, answered: answered.get(p.id) ?? [] });
  const focusId = all.some((p) => p.id === extra.focusId) ? extra.focusId! : (today.prompts[0]?.id ?? null);
  const props: TodayProps = {
    community: { slug: community.slug, name: community.name },
    date: today.date,
    access: role !== 'visitor' || (caller && community.visibility === 'public') ? 'answer' : caller ? 'join' : 'signIn',
    joinsWithAnswer: role === 'visitor' && caller !== null && community.visibility === 'public',
    viewerName: caller?.name || null,
    prompts: today.prompts.map(view),
    open: today.open.map(view),
    focusId,
    level: extra.level ?? null,
    posted: extra.posted ?? null,
    // The celebration says what the answer did to the week and where the ladder stands (members only).
    progress: extra.posted && caller && role !== 'visitor' ? await celebrationProgress(db, { slug: community.slug, caller }, now) : null,
    joined: extra.joined ?? false,
    // Just started from /communities/new: its facilitator is shown where to begin.
    created: (extra.created ?? false) && role === 'facilitator',
    draft: extra.draft ?? null,
    errors: extra.errors ?? null,
    facilitator: await facilitatorLinks(db, community, role),
    live: await soonSessions(db, community, role, now),
    archived: community.archivedAt !== null,
  };
  const t = translator(viewerLang(c));
  const title = t('today.title', { community: community.name });
  const description = t('meta.today', { community: community.name });
  return renderPage(c, 'Today', props, { title, description, status: extra.status ?? 200, feeds: communityFeeds(community) });
}

/** What the form sent, as the form shows it again (unknown values fall back to the defaults). */
function draftOf(form: Record<string, unknown>): AnswerDraft {
  const str = (k: string) => (typeof form[k] === 'string' ? (form[k] as string) : '');
  const visibility = str('visibility');
  return {
    level: isLevel(str('level')) ? (str('level') as Level) : 'easy',
    body: str('body').slice(0, 2000),
    link: str('link').slice(0, 2000),
    visibility: (visibilities as readonly string[]).includes(visibility) ? (visibility as AnswerDraft['visibility']) : 'community',
    anonymous: str('anonymous') === 'true',
  };
}

const errorLike = (err: DomainError) => ({ code: err.code, issues: err.extra.issues });

export const todayRoutes = new Hono<AppEnv>()
  .get('/c/:slug', async (c) => {
    const q = c.req.query();
    const postedLevel = q.posted;
    const points = Number(q.points);
    return todayPage(c, c.req.param('slug'), {
      focusId: positiveInt(q.prompt) ?? undefined,
      level: isLevel(q.level) ? q.level : null,
      posted:
        isLevel(postedLevel) && Number.isInteger(points) && positiveInt(q.prompt)
          ? { promptId: positiveInt(q.prompt)!, level: postedLevel, points, onTime: q.onTime === '1' }
          : null,
      joined: q.joined === '1',
      created: q.created === '1',
    });
  })
  .post(
    '/c/:slug/answer',
    bodyLimit({
      maxSize: MAX_FORM_BYTES,
      onError: (c) => todayPage(c as Context<AppEnv>, c.req.param('slug') ?? '', { errors: { image: 'form.error.image' }, status: 413 }),
    }),
    async (c) => {
      const slug = c.req.param('slug');
      const { db, caller, now } = c.var;
      if (!caller) return c.redirect(`/sign-in?next=${encodeURIComponent(`/c/${slug}#answer`)}`, 303);
      const form = await c.req.parseBody();
      const draft = draftOf(form);
      const promptId = positiveInt(typeof form.promptId === 'string' ? form.promptId : undefined);
      // A rate limit answers 429 with Retry-After, as the API does; the form keeps the draft either way.
      const again = async (errors: AnswerErrors, cause?: unknown) => {
        const limited = cause instanceof RateLimitedError ? cause : null;
        const res = await todayPage(c, slug, { focusId: promptId ?? undefined, level: draft.level, draft, errors, status: limited ? 429 : 400 });
        if (limited) res.headers.set('Retry-After', String(limited.retryAfterSeconds));
        return res;
      };
      if (!promptId) return again({ general: 'error.notFound' });

      const photo = form.photo instanceof File && form.photo.size > 0 ? form.photo : null;
      // The photo is uploaded only once the rest is valid; until then a stand-in id lets the schema apply its
      // "text or an image" rule exactly as the API does.
      const parsed = submissionBody.safeParse({
        level: form.level,
        body: draft.body.trim() || undefined,
        link: draft.link.trim() || undefined,
        visibility: form.visibility ?? undefined,
        anonymous: draft.anonymous,
        imageId: photo ? PHOTO_STAND_IN : undefined,
      });
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({ path: String(i.path[0] ?? 'body') }));
        return again(answerErrors({ code: 'invalid_input', issues }, 'submit'));
      }

      try {
        let imageId: string | undefined;
        // The same limits as the API's routes: answers per member, and uploads when a photo comes along.
        await enforce(c, 'answers', caller.id);
        if (photo) {
          try {
            await enforce(c, 'uploads', caller.id);
            const bytes = new Uint8Array(await photo.arrayBuffer());
            imageId = (await uploadImage(db, c.get('deps').images, { caller, bytes, field: 'photo' }, now)).id;
          } catch (err) {
            if (err instanceof DomainError) return again(answerErrors(errorLike(err), 'upload'), err);
            throw err;
          }
        }
        const result = await submitAnswer(db, { ...parsed.data, promptId, caller, imageId }, now);
        const query = new URLSearchParams({
          prompt: String(promptId),
          posted: parsed.data.level,
          points: String(result.points),
          onTime: result.onTime ? '1' : '0',
        });
        return c.redirect(`/c/${encodeURIComponent(slug)}?${query}#answer`, 303);
      } catch (err) {
        if (err instanceof DomainError) return again(answerErrors(errorLike(err), 'submit'), err);
        throw err;
      }
    },
  );
