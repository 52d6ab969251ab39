/**
 * Live sessions and help prompts as pages (issue 15): /c/:slug/live (sessions, scheduling, credits, help
 * prompts), /c/:slug/live/:id (one session and its answers), its .ics, and /c/:slug/help/:id. Forms post here
 * and go through the same domain functions as the API, then redirect (POST, then GET) with what happened.
 * A session or help prompt of another community, or of one hidden from the viewer, is the ordinary 404 page.
 */
import { Hono, type Context } from 'hono';
import { communityForViewer, requireFacilitator } from '../../domain/communities/access';
import { askForHelp, decideHelp, helpForViewer, helpInCommunity, helpPrompt, removeHelpReply, replyToHelp } from '../../domain/credits/help-prompts';
import { myCredits } from '../../domain/credits/ledger';
import { HELP_PROMPT_COST } from '../../domain/credits/reasons';
import { DomainError, notFound } from '../../domain/errors';
import { sessionPagePath } from '../../domain/live/feed';
import { sessionsCalendar } from '../../domain/live/ics';
import { sessionAnswers } from '../../domain/live/session-answers';
import { cancelSession, communitySessions, scheduleSession, sessionForViewer } from '../../domain/live/sessions';
import type { AppEnv } from '../../middleware/env';
import type { Caller } from '../../domain/identity/sessions';
import { enforce } from '../../middleware/rate-limit';
import { helpReplyBody, helpRequestBody, liveSessionBody } from '../../schemas/live';
import { reportBody } from '../../schemas';
import { helpReplyActions, moderateHelpReply, reportHelpReply } from '../../domain/moderation/help-replies';
import { translator } from '../../../web/src/i18n';
import { formBodyLimit, renderPage, viewerLang } from './render';

const positiveId = (s: string) => {
  const n = Number(s);
  if (!Number.isSafeInteger(n) || n <= 0) throw notFound('Page');
  return n;
};

/** A form's fields with the empty ones left out (an empty optional field is no value), numbers as numbers. */
function formFields(form: Record<string, unknown>, numbers: string[] = []) {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(form)) {
    if (typeof v !== 'string' || v.trim() === '') continue;
    out[k] = numbers.includes(k) ? Number(v) : v;
  }
  return out;
}

/** What a refused form says, by the domain's code. */
const formError = (err: unknown): string | null => {
  if (!(err instanceof DomainError)) return null;
  const byCode: Partial<Record<string, string>> = {
    invalid_input: 'invalid',
    credits_insufficient: 'credits',
    rate_limited: 'limit',
    already_decided: 'decided',
    already_answered: 'answered',
    help_not_open: 'invalid',
    own_help_prompt: 'invalid',
  };
  return byCode[err.code] ?? null;
};

async function hubPage(c: Context<AppEnv>, slug: string) {
  const { db, caller, now } = c.var;
  const { community, role } = await communityForViewer(db, slug, caller);
  const [sessions, help, credits] = await Promise.all([
    communitySessions(db, community, role, now),
    helpInCommunity(db, community.id, role, caller),
    caller && role !== 'visitor' ? myCredits(db, caller, slug) : Promise.resolve(null),
  ]);
  const t = translator(viewerLang(c));
  const props = {
    community: { slug: community.slug, name: community.name },
    sessions,
    help,
    credits,
    cost: HELP_PROMPT_COST,
    facilitator: role === 'facilitator',
    done: c.req.query('done') ?? null,
    error: c.req.query('error') ?? null,
  };
  return renderPage(c, 'LiveSessions', props, { title: t('live.title', { community: community.name }) });
}

/** Runs a form's write, then back to `to` with ?done=1 (or `done`), or with ?error=… when the domain refused it. */
async function afterForm(c: Context<AppEnv>, to: string, write: () => Promise<unknown>, done = 'done=1') {
  try {
    await write();
  } catch (err) {
    const code = formError(err);
    if (!code) throw err;
    return c.redirect(`${to}?error=${code}`, 303);
  }
  return c.redirect(`${to}?${done}`, 303);
}

/** The help prompt of the page's path, read by the caller: 404 (the ordinary page) when hidden or of another community. */
async function helpOnPage(c: Context<AppEnv>, caller: Caller) {
  const { row, community } = await helpForViewer(c.var.db, positiveId(c.req.param('id')!), caller);
  if (community.slug !== c.req.param('slug')) throw notFound('Help prompt');
  return row;
}

const signedIn = (c: Context<AppEnv>) => {
  const caller = c.get('caller');
  if (!caller) throw notFound('Page');
  return caller;
};

export const livePageRoutes = new Hono<AppEnv>()
  .get('/c/:slug/live', (c) => hubPage(c, c.req.param('slug')))
  .post('/c/:slug/live', formBodyLimit(8192), async (c) => {
    const slug = c.req.param('slug');
    const caller = signedIn(c);
    const { role } = await communityForViewer(c.var.db, slug, caller);
    requireFacilitator(role);
    const body = liveSessionBody.safeParse(formFields(await c.req.parseBody(), ['durationMinutes']));
    const to = `/c/${encodeURIComponent(slug)}/live`;
    if (!body.success) return c.redirect(`${to}?error=invalid`, 303);
    return afterForm(c, to, () => scheduleSession(c.var.db, { ...body.data, caller, slug }, c.var.now));
  })
  .get('/c/:slug/live/:id', async (c) => {
    const { db, caller, now } = c.var;
    const found = await sessionForViewer(db, positiveId(c.req.param('id')), caller, now);
    if (found.community.slug !== c.req.param('slug')) throw notFound('Live session');
    const answers = await sessionAnswers(db, found.session, { role: found.role, callerId: caller?.id ?? null });
    const props = {
      community: { slug: found.community.slug, name: found.community.name },
      page: { session: found.view, answers },
      canCancel: found.role === 'facilitator' && found.view.state === 'upcoming',
    };
    return renderPage(c, 'LiveSession', props, { title: found.view.title });
  })
  .get('/c/:slug/live/:id/session.ics', async (c) => {
    const { db, caller, now } = c.var;
    const { session, view, community, role } = await sessionForViewer(db, positiveId(c.req.param('id')), caller, now);
    if (community.slug !== c.req.param('slug')) throw notFound('Live session');
    const baseUrl = c.var.deps.config.publicUrl ?? new URL(c.req.url).origin;
    const event = { session, hostName: view.host.name, url: `${baseUrl}${sessionPagePath(community.slug, session.id)}`, withCallUrl: role !== 'visitor' };
    const body = sessionsCalendar(session.title, [event], new URL(baseUrl).hostname);
    c.header('Cache-Control', 'private, no-cache');
    c.header('Content-Disposition', `attachment; filename="session-${session.id}.ics"`);
    return c.body(body, 200, { 'Content-Type': 'text/calendar; charset=utf-8' });
  })
  .post('/c/:slug/live/:id/cancel', async (c) => {
    const slug = c.req.param('slug');
    const id = positiveId(c.req.param('id'));
    return afterForm(c, `/c/${encodeURIComponent(slug)}/live`, () => cancelSession(c.var.db, { caller: signedIn(c), id }, c.var.now));
  })
  .post('/c/:slug/help', formBodyLimit(4096), async (c) => {
    const slug = c.req.param('slug');
    const caller = signedIn(c);
    const to = `/c/${encodeURIComponent(slug)}/live`;
    const body = helpRequestBody.safeParse(formFields(await c.req.parseBody()));
    await communityForViewer(c.var.db, slug, caller);
    if (!body.success) return c.redirect(`${to}?error=invalid`, 303);
    return afterForm(c, to, async () => {
      await enforce(c, 'helpPosts', caller.id);
      return askForHelp(c.var.db, { caller, slug, question: body.data.question }, c.var.now);
    });
  })
  .post('/c/:slug/help/:id/decision', formBodyLimit(1024), async (c) => {
    const slug = c.req.param('slug');
    const id = positiveId(c.req.param('id'));
    const form = await c.req.parseBody();
    const decision = form.decision === 'approve' ? 'approve' : form.decision === 'decline' ? 'decline' : null;
    const to = `/c/${encodeURIComponent(slug)}/live`;
    if (!decision) return c.redirect(`${to}?error=invalid`, 303);
    return afterForm(c, to, () => decideHelp(c.var.db, { caller: signedIn(c), id, decision }, c.var.now));
  })
  .get('/c/:slug/help/:id', async (c) => {
    const { db, caller } = c.var;
    const page = await helpPrompt(db, caller, positiveId(c.req.param('id')));
    if (page.community.slug !== c.req.param('slug')) throw notFound('Help prompt');
    const { role } = await communityForViewer(db, page.community.slug, caller);
    const canReply = role !== 'visitor' && caller !== null && caller.id !== page.prompt.asker.id && page.prompt.status === 'approved';
    const error = (['invalid', 'answered', 'limit'] as const).find((e) => e === c.req.query('error')) ?? null;
    const reported = Number(c.req.query('reported')) || null;
    const canReport = role !== 'visitor' && caller !== null;
    const props = { page, canReply, canReport, reported, canModerate: role === 'facilitator', done: c.req.query('done') === '1', removed: c.req.query('removed') === '1', error };
    return renderPage(c, 'HelpPrompt', props, { title: page.prompt.question.slice(0, 80) });
  })
  .post('/c/:slug/help/:id/replies/:replyId/remove', async (c) => {
    const to = `/c/${encodeURIComponent(c.req.param('slug'))}/help/${positiveId(c.req.param('id'))}`;
    const id = positiveId(c.req.param('replyId'));
    return afterForm(c, to, () => removeHelpReply(c.var.db, { caller: signedIn(c), id }), 'removed=1');
  })
  // Reporting an answer to a help prompt, and hiding, restoring or dismissing its reports (issue 15).
  .post('/c/:slug/help/:id/replies/:replyId/report', formBodyLimit(4096), async (c) => {
    const caller = signedIn(c);
    const helpReplyId = positiveId(c.req.param('replyId'));
    const to = `/c/${encodeURIComponent(c.req.param('slug'))}/help/${(await helpOnPage(c, caller)).id}`;
    const body = reportBody.safeParse(formFields(await c.req.parseBody()));
    if (!body.success) return c.redirect(`${to}?error=invalid`, 303);
    return afterForm(
      c,
      to,
      async () => {
        await enforce(c, 'reports', caller.id);
        return reportHelpReply(c.var.db, { helpReplyId, caller, ...body.data }, c.var.now);
      },
      `reported=${helpReplyId}`,
    );
  })
  .post('/c/:slug/help/:id/replies/:replyId/moderation', formBodyLimit(1024), async (c) => {
    const caller = signedIn(c);
    const helpReplyId = positiveId(c.req.param('replyId'));
    const to = `/c/${encodeURIComponent(c.req.param('slug'))}/help/${(await helpOnPage(c, caller)).id}`;
    const form = await c.req.parseBody();
    const action = helpReplyActions.find((a) => a === form.action);
    if (!action) return c.redirect(`${to}?error=invalid`, 303);
    return afterForm(c, to, () => moderateHelpReply(c.var.db, { helpReplyId, caller, action }, c.var.now), 'removed=1');
  })
  .post('/c/:slug/help/:id/replies', formBodyLimit(4096), async (c) => {
    const slug = c.req.param('slug');
    const id = positiveId(c.req.param('id'));
    const caller = signedIn(c);
    const to = `/c/${encodeURIComponent(slug)}/help/${id}`;
    const body = helpReplyBody.safeParse(formFields(await c.req.parseBody()));
    if (!body.success) return c.redirect(`${to}?error=invalid`, 303);
    return afterForm(c, to, async () => {
      await enforce(c, 'helpPosts', caller.id);
      return replyToHelp(c.var.db, { caller, id, body: body.data.body }, c.var.now);
    });
  });
