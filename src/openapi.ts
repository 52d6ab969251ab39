/**
 * The OpenAPI 3.1 document, generated from the same zod schemas the routes validate with (zod 4's own
 * `z.toJSONSchema`, JSON Schema 2020-12, which is OpenAPI 3.1's dialect). ROUTES is the one place a route
 * is documented; tests/api/openapi.test.ts fails when the app serves a route this table does not list.
 */
import { z, type ZodObject } from 'zod';
import { errorStatus, type ErrorCode } from './domain/errors';
import { LIMITS, type LimitName } from './domain/limits/table';
import * as s from './schemas';
import { chatWebhookBody, chatWebhookParam } from './schemas/chat-webhooks';
import { inboundMailBody } from './schemas/mail-inbound';
import * as connect from './schemas/connect';
import { mailEventBody } from './schemas/mail-events';
import * as files from './schemas/series-transfer';
import { acceptOfferBody, networkQuery, networkSettingsBody, noteBody as stewardNoteBody, offerBody, stewardBody } from './schemas/stewards';
import * as live from './schemas/live';

/** Request bodies by the name they get under components.schemas. */
const bodies = {
  EmailLinkBody: s.emailLinkBody,
  ConfirmBody: s.confirmBody,
  UpdateMeBody: s.updateMeBody,
  CreateCommunityBody: s.createCommunityBody,
  JoinBody: s.joinBody,
  SetRoleBody: s.setRoleBody,
  CreateSeriesBody: s.createSeriesBody,
  SubmissionBody: s.submissionBody,
  KudosBody: s.kudosBody,
  SpotlightBody: s.spotlightBody,
  RhythmGoalBody: s.rhythmGoalBody,
  RestWeekBody: s.restWeekBody,
  AnswerSettingsBody: s.answerSettingsBody,
  PublishBody: files.publishBody,
  CopyBody: files.copyBody,
  EditPromptBody: files.editPromptBody,
  ReorderBody: files.reorderBody,
  EraseAccountBody: s.eraseAccountBody,
  ReportBody: s.reportBody,
  MailEventBody: mailEventBody,
  InboundMailBody: inboundMailBody,
  ChatWebhookBody: chatWebhookBody,
  MailPreferencesBody: s.mailPreferencesBody,
  StewardBody: stewardBody,
  NetworkSettingsBody: networkSettingsBody,
  ConnectSettingsBody: connect.connectSettingsBody,
  NoteBody: connect.noteBody,
  NoteReplyBody: connect.noteReplyBody,
  LiveSessionBody: live.liveSessionBody,
  HelpPromptBody: live.helpRequestBody,
  HelpDecisionBody: live.helpDecisionBody,
  HelpReplyBody: live.helpReplyBody,
  StewardNoteBody: stewardNoteBody,
  OfferBody: offerBody,
  AcceptOfferBody: acceptOfferBody,
};

interface RouteDoc {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** Hono style (`:id`), exactly as the route file declares it. */
  path: string;
  summary: string;
  tag: string;
  params?: ZodObject;
  query?: ZodObject;
  body?: keyof typeof bodies;
  status: number;
  /** required: 401 without a session or token; optional: answers visitors too (the default); none: no caller. */
  auth?: 'required' | 'optional' | 'none';
  /** Answers with an HTML page instead of JSON. */
  html?: boolean;
  /** The body is an HTML form post, not JSON. */
  form?: boolean;
  /** The body is an image: raw bytes, or multipart/form-data with a `file` field. */
  upload?: boolean;
  /** Answers with image bytes instead of JSON. */
  image?: boolean;
  /** Answers with JSON-LD (application/ld+json), such as a signed credential. */
  ldjson?: boolean;
  /** Answers with CSV (text/csv). */
  csv?: boolean;
  /** The route's own error codes, beyond those every route of its kind answers (see errorCodes). */
  errors?: ErrorCode[];
  /** A series file: the body (POST) or the answer (GET) is JSON (`kindling-series`) or CSV. */
  seriesFile?: boolean;
  /** Answers with a zip download (application/zip). */
  zip?: boolean;
  /** The rate limits the route applies (src/domain/limits/table.ts): rate_limited, a 429 with Retry-After. */
  limits?: LimitName[];
}

/** The limits' numbers as this build ships them (RATE_LIMITS may change them). */
const describeLimits = (names: LimitName[]) =>
  names.map((n) => `${n}: ${LIMITS[n].max} per ${LIMITS[n].windowSeconds} s per ${LIMITS[n].by}`).join('; ');
const retryAfter = { 'Retry-After': { description: 'Seconds until the limit\'s window ends', schema: { type: 'integer', minimum: 1 } } };
const SERIES_FILE_TYPES = {
  'application/json': { schema: { type: 'object', description: '{"format":"kindling-series","version":1,"title","description","startDate","cadence","prompts":[{"day","easy","hard","easyPoints","hardPoints"}]}' } },
  'text/csv': { schema: { type: 'string', description: 'RFC 4180, a header then one prompt per row: day,easy,hard,easy_points,hard_points' } },
};

/** OpenAPI 3.1: raw bytes need no schema; the media types are what the route accepts or serves. */
const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'];
const uploadBody = {
  required: true,
  description: 'PNG, JPEG or WebP, at most 1 MiB and 4096×4096, recognised by its bytes (the declared type is not trusted)',
  content: {
    ...Object.fromEntries([...IMAGE_TYPES, 'application/octet-stream'].map((t) => [t, {}])),
    'multipart/form-data': {
      schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', contentMediaType: 'application/octet-stream' } } },
    },
  },
};

export const ROUTES: RouteDoc[] = [
  { method: 'get', path: '/', summary: 'Home page: the communities the caller can see and their open prompts', tag: 'pages', status: 200, html: true },
  { method: 'get', path: '/healthz', summary: 'Liveness: the process answers HTTP (touches nothing else)', tag: 'ops', status: 200, auth: 'none' },
  { method: 'get', path: '/readyz', summary: 'Readiness: the database answers too (503 when it does not)', tag: 'ops', status: 200, auth: 'none' },
  { method: 'get', path: '/api/openapi.json', summary: 'This document', tag: 'ops', status: 200, auth: 'none' },
  { method: 'post', path: '/api/auth/email-link', summary: 'Email a sign-in link (same answer for every address)', tag: 'auth', body: 'EmailLinkBody', status: 202, auth: 'none', limits: ['signInPerIp', 'signInPerAddress'] },
  { method: 'get', path: '/auth/confirm', summary: 'The page a sign-in link opens: a Continue button, never a sign-in', tag: 'auth', query: s.tokenQuery, status: 200, auth: 'none', html: true },
  { method: 'post', path: '/auth/confirm', summary: 'The Continue button: redeem the link, set the cookie, redirect to the link\'s next page (a same-site path) or /', tag: 'auth', body: 'ConfirmBody', form: true, status: 303, auth: 'none' },
  { method: 'post', path: '/api/auth/confirm', summary: 'Redeem a sign-in link; sets the session cookie', tag: 'auth', body: 'ConfirmBody', status: 200, auth: 'none', errors: ['link_invalid'] },
  { method: 'post', path: '/api/auth/sign-out', summary: 'End the session', tag: 'auth', status: 200 },
  { method: 'get', path: '/api/me', summary: 'The signed-in caller', tag: 'me', status: 200, auth: 'required' },
  { method: 'patch', path: '/api/me', summary: 'Change display name, leaderboard listing, nudges or public profile', tag: 'me', body: 'UpdateMeBody', status: 200, auth: 'required' },
  { method: 'get', path: '/api/communities', summary: 'Public communities and the private ones the caller belongs to, by name, a page at a time (`nextCursor` fetches the next)', tag: 'communities', query: s.directoryQuery, status: 200 },
  { method: 'post', path: '/api/communities', summary: 'Create a community; the creator becomes its facilitator', tag: 'communities', body: 'CreateCommunityBody', status: 201, auth: 'required', errors: ['slug_taken'] },
  { method: 'get', path: '/api/communities/:slug', summary: 'A community and the caller’s role in it', tag: 'communities', params: s.slugParam, status: 200 },
  { method: 'post', path: '/api/communities/:slug/join', summary: 'Join (private communities need an invite code)', tag: 'communities', params: s.slugParam, body: 'JoinBody', status: 200, auth: 'required', errors: ['community_archived'] },
  { method: 'post', path: '/api/communities/:slug/invites', summary: 'Create an invite code (facilitators)', tag: 'communities', params: s.slugParam, status: 201, auth: 'required', errors: ['forbidden'] },
  { method: 'patch', path: '/api/communities/:slug/members/:userId', summary: 'Change a member’s role (facilitators)', tag: 'communities', params: s.memberParam, body: 'SetRoleBody', status: 200, auth: 'required', errors: ['forbidden', 'last_facilitator'] },
  { method: 'get', path: '/api/communities/:slug/today', summary: 'Prompts opened today, and earlier ones still open', tag: 'prompts', params: s.slugParam, status: 200 },
  { method: 'get', path: '/api/templates', summary: 'The series templates Kindling ships, summarised (lang=en|fr, else Accept-Language)', tag: 'series', query: s.templateQuery, status: 200 },
  { method: 'get', path: '/api/templates/:id', summary: 'One series template with its prompts, ready for POST /api/communities/:slug/series', tag: 'series', params: s.templateParam, query: s.templateQuery, status: 200 },
  { method: 'post', path: '/api/communities/:slug/series', summary: 'Create a series and its prompts (facilitators)', tag: 'series', params: s.slugParam, body: 'CreateSeriesBody', status: 201, auth: 'required', errors: ['forbidden', 'community_archived'] },
  { method: 'get', path: '/api/series/:id', summary: 'A series and its prompts', tag: 'series', params: s.idParam, status: 200 },
  { method: 'post', path: '/api/series/:id/pause', summary: 'Pause a series (facilitators)', tag: 'series', params: s.idParam, status: 200, auth: 'required', errors: ['forbidden', 'series_not_running'] },
  { method: 'post', path: '/api/series/:id/resume', summary: 'Resume a paused series (facilitators)', tag: 'series', params: s.idParam, status: 200, auth: 'required', errors: ['forbidden', 'series_not_paused'] },
  { method: 'patch', path: '/api/prompts/:id', summary: 'Edit a prompt (facilitators): anything before it opens; after, typo fixes to its texts only (logged; otherwise 409 prompt_opened)', tag: 'series', params: s.idParam, body: 'EditPromptBody', status: 200, auth: 'required', errors: ['forbidden', 'prompt_opened'] },
  { method: 'patch', path: '/api/series/:id/order', summary: 'Reorder the prompts not yet opened (facilitators); they keep the days they had, in order', tag: 'series', params: s.idParam, body: 'ReorderBody', status: 200, auth: 'required', errors: ['forbidden', 'prompt_opened'] },
  { method: 'get', path: '/api/series/:id/edits', summary: 'The typo fixes made to opened prompts: who, when, before and after (facilitators)', tag: 'series', params: s.idParam, status: 200, auth: 'required', errors: ['forbidden'] },
  { method: 'get', path: '/api/series/:id/export', summary: 'Export a series as a file: JSON (versioned, imports back to the same series) or CSV (facilitators)', tag: 'series', params: s.idParam, query: files.exportQuery, status: 200, auth: 'required', seriesFile: true, errors: ['forbidden'] },
  { method: 'post', path: '/api/communities/:slug/series/import', summary: 'Import a JSON or CSV series file as a new series (facilitators); every error by row and column (422), nothing written unless all is valid; 5 MB or 10,000 rows and more: 413', tag: 'series', params: s.slugParam, query: files.importQuery, status: 201, auth: 'required', seriesFile: true, errors: ['forbidden', 'import_invalid', 'community_archived'] },
  { method: 'post', path: '/api/series/:id/publish', summary: 'Publish a series to the network library, or refresh its entry (facilitators; a private community’s only with sharePrivate)', tag: 'library', params: s.idParam, body: 'PublishBody', status: 201, auth: 'required', errors: ['forbidden'] },
  { method: 'get', path: '/api/library', summary: 'The network library: published series, their prompts, source community and publisher (signed in)', tag: 'library', status: 200, auth: 'required' },
  { method: 'post', path: '/api/library/:id/copy', summary: 'Copy a library entry into a community you facilitate, with a new start date; the copy is adapted from it', tag: 'library', params: s.idParam, body: 'CopyBody', status: 201, auth: 'required', errors: ['forbidden', 'community_archived'] },
  { method: 'post', path: '/api/prompts/:id/submissions', summary: 'Answer a prompt at one level (a live session’s prompt only during the session: 409 session_not_live before or after)', tag: 'prompts', params: s.idParam, body: 'SubmissionBody', status: 201, auth: 'required', errors: ['already_answered', 'prompt_not_open', 'session_not_live', 'image_unavailable', 'community_archived'], limits: ['answers'] },
  { method: 'get', path: '/api/prompts/:id/gallery', summary: 'Answers the caller may see, newest first', tag: 'prompts', params: s.idParam, query: s.galleryQuery, status: 200 },
  { method: 'delete', path: '/api/submissions/:id', summary: 'Delete your answer and reverse its points', tag: 'prompts', params: s.answerIdParam, status: 200, auth: 'required' },
  { method: 'patch', path: '/api/submissions/:id', summary: 'Your answer: change who sees it (wider or narrower), or claim it (anonymous: false; a named answer never becomes anonymous: 422). Points stay where they were earned', tag: 'prompts', params: s.answerIdParam, body: 'AnswerSettingsBody', status: 200, auth: 'required', errors: ['already_named'] },
  { method: 'get', path: '/api/submissions/:id/share', summary: 'Your answer as ready-to-paste share text (plain text and Markdown: the prompt, the answer, the permalink)', tag: 'prompts', params: s.answerIdParam, status: 200, auth: 'required' },
  { method: 'get', path: '/api/users/:id/profile', summary: 'A member’s public profile (name, badges, rhythm, public named answers), only if they allowed it', tag: 'me', params: s.idParam, status: 200 },
  { method: 'post', path: '/api/submissions/:id/kudos', summary: 'Encourage an answer (once per kind)', tag: 'prompts', params: s.answerIdParam, body: 'KudosBody', status: 200, auth: 'required', errors: ['forbidden', 'community_archived'], limits: ['kudos'] },
  { method: 'post', path: '/api/images', summary: 'Upload an answer image; attach it with imageId when answering (unattached ones expire after a day)', tag: 'images', upload: true, status: 201, auth: 'required', errors: ['image_invalid', 'unsupported_image', 'too_many_uploads', 'image_too_large'], limits: ['uploads'] },
  { method: 'get', path: '/api/images/:id', summary: 'An answer image, visible to whoever may see its answer (the uploader, before it is attached)', tag: 'images', params: s.imageIdParam, image: true, status: 200 },
  { method: 'get', path: '/api/badges', summary: 'The badge catalogue: id, name, description, tier and how each is earned', tag: 'badges', status: 200 },
  { method: 'get', path: '/api/communities/:slug/badges/me', summary: 'Your badges in a community, with their evidence (yours alone, anonymous answers included)', tag: 'badges', params: s.slugParam, status: 200, auth: 'required' },
  { method: 'get', path: '/api/communities/:slug/badges/me/:badgeId/credential', summary: 'One of your badges as a signed Open Badges 3.0 credential (JSON-LD download)', tag: 'badges', params: s.badgeParam, status: 200, auth: 'required', ldjson: true },
  { method: 'get', path: '/api/series/:id/credential', summary: 'A series you completed as a signed Open Badges 3.0 credential (JSON-LD download)', tag: 'badges', params: s.idParam, status: 200, auth: 'required', ldjson: true },
  { method: 'post', path: '/api/submissions/:id/spotlight', summary: 'Spotlight an answer, with an optional note (facilitators); the member is told', tag: 'spotlight', params: s.answerIdParam, body: 'SpotlightBody', status: 200, auth: 'required', errors: ['forbidden'] },
  { method: 'delete', path: '/api/submissions/:id/spotlight', summary: 'Take a spotlight back (facilitators)', tag: 'spotlight', params: s.answerIdParam, status: 200, auth: 'required', errors: ['forbidden'] },
  { method: 'post', path: '/api/communities/:slug/feed-token', summary: 'New secret feed URLs (prompts.atom, gallery.atom, calendar.ics) for the caller; the old ones stop working (members)', tag: 'communities', params: s.slugParam, status: 201, auth: 'required', errors: ['forbidden'] },
  { method: 'get', path: '/api/communities/:slug/spotlight-queue', summary: 'Recent answers to spotlight, first-time and rarely spotlighted members first (facilitators)', tag: 'spotlight', params: s.slugParam, query: s.spotlightQueueQuery, status: 200, auth: 'required', errors: ['forbidden'] },
  { method: 'get', path: '/api/me/notifications', summary: 'What you were told: spotlights and badges, newest first', tag: 'me', query: s.notificationsQuery, status: 200, auth: 'required' },
  { method: 'post', path: '/api/me/notifications/:id/read', summary: 'Mark a notification read', tag: 'me', params: s.idParam, status: 200, auth: 'required' },
  { method: 'get', path: '/api/communities/:slug/weeks/:isoWeek', summary: 'A week’s shout-out roll (written when the community’s week ends): new contributors, rhythm milestones, spotlights, most encouraged', tag: 'spotlight', params: s.weekParam, status: 200 },
  { method: 'get', path: '/api/communities/:slug/leaderboard', summary: 'Leaderboard: this week, all time, one series (period=series&seriesId=) or rhythm (weeks met in the current run)', tag: 'leaderboard', params: s.slugParam, query: s.leaderboardQuery, status: 200 },
  { method: 'get', path: '/api/communities/:slug/rhythm/me', summary: 'Your weekly rhythm: goal, current and longest run of weeks met, this week, rest weeks ahead', tag: 'recognition', params: s.slugParam, status: 200, auth: 'required' },
  { method: 'patch', path: '/api/communities/:slug/rhythm/me', summary: 'Set your answer-days-per-week goal (from this week on)', tag: 'recognition', params: s.slugParam, body: 'RhythmGoalBody', status: 200, auth: 'required' },
  { method: 'post', path: '/api/communities/:slug/rhythm/rest-weeks', summary: 'Declare a rest week ahead (at most 3 per calendar quarter)', tag: 'recognition', params: s.slugParam, body: 'RestWeekBody', status: 201, auth: 'required' },
  { method: 'delete', path: '/api/communities/:slug/rhythm/rest-weeks/:weekOf', summary: 'Take back a rest week that has not started', tag: 'recognition', params: s.restWeekParam, status: 200, auth: 'required' },
  { method: 'get', path: '/api/communities/:slug/ladder/me', summary: 'Your confidence-ladder stage and its history', tag: 'recognition', params: s.slugParam, status: 200, auth: 'required' },
  { method: 'post', path: '/api/communities/:slug/ladder/main-space', summary: 'Say you posted in the community’s main space', tag: 'recognition', params: s.slugParam, status: 200, auth: 'required' },
  { method: 'get', path: '/api/communities/:slug/ladder/funnel', summary: 'Members per ladder stage, named answers only (facilitators)', tag: 'recognition', params: s.slugParam, status: 200, auth: 'required', errors: ['forbidden'] },
  { method: 'get', path: '/api/communities/:slug/analytics', summary: 'Community analytics from the daily snapshot (complete local days to yesterday): members, active, contribution rate, funnel, mix, answers per prompt, drop-off, rhythm, 12-week trend; groups under 5 not broken down (facilitators; 404 private, 403 public)', tag: 'communities', params: s.slugParam, status: 200, auth: 'required', errors: ['forbidden'] },
  { method: 'get', path: '/api/communities/:slug/analytics.csv', summary: 'The same analytics as CSV: section,key,metric,value (facilitators)', tag: 'communities', params: s.slugParam, status: 200, auth: 'required', csv: true, errors: ['forbidden'] },
  { method: 'post', path: '/api/communities/:slug/members/:userId/main-space', summary: 'Mark a member as contributing in the main space (facilitators)', tag: 'recognition', params: s.memberParam, status: 200, auth: 'required', errors: ['forbidden'] },
  { method: 'get', path: '/api/me/nudges', summary: 'Your pending next-step nudges, and whether nudges are on', tag: 'me', status: 200, auth: 'required' },
  { method: 'post', path: '/api/mail/events', summary: 'The mail provider’s webhook: a bounce or complaint suppresses the address. Signed with MAIL_WEBHOOK_SECRET (Svix headers as Resend sends them, or X-Kindling-Signature: sha256=<hex HMAC of the body>); 404 when no secret is configured, 401 for a bad signature', tag: 'ops', body: 'MailEventBody', status: 200, auth: 'none' },
  { method: 'post', path: '/api/mail/inbound', summary: 'The provider’s inbound-mail webhook: a reply to the daily email (to reply+<token>@ the MAIL_REPLY_ADDRESS) becomes the member’s answer to that prompt, facilitators-only, quoted text and signature cut ("hard:" first answers the harder option). Signed like /api/mail/events; 404 when MAIL_REPLY_ADDRESS or the secret is not configured, or no valid unexpired reply token is among the recipients; 422 when sent from another address than the member’s; 409 for a retry', tag: 'ops', body: 'InboundMailBody', status: 201, auth: 'none', errors: ['not_found', 'reply_not_from_member', 'already_answered', 'prompt_not_open'], limits: ['answers'] },
  { method: 'get', path: '/api/communities/:slug/webhooks', summary: 'The community’s chat webhooks, URLs masked, with whether each is on and why it last failed (facilitators)', tag: 'communities', params: s.slugParam, status: 200, auth: 'required' },
  { method: 'post', path: '/api/communities/:slug/webhooks', summary: 'Add a Slack, Teams or Discord incoming-webhook URL (https, public host; facilitators): each prompt that opens is posted there. The URL is never fetched at request time', tag: 'communities', params: s.slugParam, body: 'ChatWebhookBody', status: 201, auth: 'required' },
  { method: 'delete', path: '/api/communities/:slug/webhooks/:id', summary: 'Remove a chat webhook and its queued posts (facilitators)', tag: 'communities', params: chatWebhookParam, status: 200, auth: 'required' },
  { method: 'post', path: '/api/me/nudges/:id/dismiss', summary: 'Dismiss a nudge for good', tag: 'me', params: s.idParam, status: 200, auth: 'required' },
  // Data rights (src/routes/data-rights.ts).
  { method: 'get', path: '/api/me/export', summary: 'Everything about you as a zip: kindling-export.json (profile, memberships, every answer including anonymous ones, kudos counts, points ledger, badges, rhythm, notifications, settings, which tokens exist) and images/<id>.<ext>', tag: 'me', status: 200, auth: 'required', zip: true },
  { method: 'delete', path: '/api/me', summary: 'Delete your account (confirm: "delete my account" or your email): sessions and tokens revoked, personal data, named answers and images removed, anonymous answers kept but de-linked. 409 last_facilitator while you alone lead a community with other members', tag: 'me', body: 'EraseAccountBody', status: 200, auth: 'required', errors: ['last_facilitator'] },
  { method: 'get', path: '/api/communities/:slug/export', summary: 'The community as a zip (facilitators): community.json (settings, series and prompts, answers with kudos counts, anonymous ones without author, members by name and role, no emails) and images of public answers', tag: 'communities', params: s.slugParam, status: 200, auth: 'required', zip: true, errors: ['forbidden'] },
  // Moderation (issue 12).
  { method: 'post', path: '/api/submissions/:id/reports', summary: 'Report an answer to the community’s facilitators (members; repeating an open report returns it with 200); the reporter is never shown', tag: 'moderation', params: s.answerIdParam, body: 'ReportBody', status: 201, auth: 'required', errors: ['forbidden', 'own_answer'], limits: ['reports'] },
  { method: 'post', path: '/api/submissions/:id/moderation/:action', summary: 'Hide, restore or remove an answer, or dismiss its reports (facilitators); logged; the same request twice changes nothing', tag: 'moderation', params: s.moderationActionParam, status: 200, auth: 'required', errors: ['forbidden', 'already_removed'] },
  { method: 'get', path: '/api/communities/:slug/moderation', summary: 'Reported answers, hidden answers and the moderation log (facilitators)', tag: 'moderation', params: s.slugParam, status: 200, auth: 'required', errors: ['forbidden'] },
  { method: 'delete', path: '/api/communities/:slug/members/:userId', summary: 'Remove a member from the community; their answers are hidden (facilitators)', tag: 'moderation', params: s.memberParam, status: 200, auth: 'required', errors: ['forbidden', 'not_removable'] },
  { method: 'get', path: '/api/me/mail-preferences', summary: 'Your mail: its language and, per community, daily prompt, weekly digest or nothing, the local hour, any pause, and whether daily mail was stepped down', tag: 'me', status: 200, auth: 'required' },
  { method: 'patch', path: '/api/me/mail-preferences', summary: 'Change your mail per community (mode, hour 0–23, pauseWeeks 1–8 or 0 to resume) and its language; one batch, 404 for a community you are not in', tag: 'me', body: 'MailPreferencesBody', status: 200, auth: 'required' },
  { method: 'get', path: '/mail/unsubscribe/:token', summary: 'The page a mailed unsubscribe link opens: a button, never a change (a clear page for an unknown token)', tag: 'mail', params: s.mailTokenParam, status: 200, auth: 'none', html: true },
  { method: 'post', path: '/mail/unsubscribe/:token', summary: 'One-click unsubscribe (RFC 8058): cookieless, 200 without a redirect; 404 for a forged token', tag: 'mail', params: s.mailTokenParam, status: 200, auth: 'none', html: true },
  { method: 'get', path: '/mail/answer/:token', summary: 'A mailed answer link: that one prompt, ready to answer as its member until the prompt’s day ends; never a session', tag: 'mail', params: s.mailTokenParam, status: 200, auth: 'none', html: true },
  { method: 'post', path: '/mail/answer/:token', summary: 'Post the answer from a mailed answer link (form), for that prompt only', tag: 'mail', params: s.mailTokenParam, form: true, status: 200, auth: 'none', html: true },
  // Stewards (issue 14): only stewards know these exist; everyone else, signed in or not, gets 404.
  { method: 'get', path: '/api/network', summary: 'The network dashboard (stewards; others 404): every community with members, 30-day contribution rate against the 1 % and 10 % lines, health (answers per active member) over 12 weeks, last answer, spotlight, series and moderation, going-quiet and showcase flags; from a daily snapshot; sort, order, filter (all, quiet, showcase), quietDays (default: your setting, else 14). Counts only, never an answer', tag: 'stewards', query: networkQuery, status: 200, auth: 'optional', errors: ['not_found'] },
  { method: 'get', path: '/api/network.csv', summary: 'The same dashboard as CSV, one row per community (stewards; others 404)', tag: 'stewards', query: networkQuery, status: 200, auth: 'optional', csv: true, errors: ['not_found'] },
  { method: 'patch', path: '/api/network/settings', summary: 'Your own going-quiet threshold (quietDays, 1–365), used when the dashboard is asked without one (stewards; others 404); logged', tag: 'stewards', body: 'NetworkSettingsBody', status: 200, auth: 'optional', errors: ['not_found'] },
  { method: 'post', path: '/api/stewards', summary: 'Make someone a steward by email (stewards; others 404): 201 when made (their account is created if needed), 200 when already one; logged with who and when', tag: 'stewards', body: 'StewardBody', status: 201, auth: 'optional', errors: ['not_found'] },
  { method: 'post', path: '/api/setup/steward', summary: 'Make the first steward with the deployment’s setup secret (Authorization: Bearer <STEWARD_SETUP_SECRET>): only while no steward exists (409 after); 404 when no secret is configured, 401 for a wrong one', tag: 'stewards', body: 'StewardBody', status: 201, auth: 'none', errors: ['not_found', 'steward_exists'] },
  // Connect (issue 15): "ask me about" and encouragement notes.
  { method: 'get', path: '/api/communities/:slug/connect/me', summary: 'Your "ask me about" settings here (opt-in, own topics, practice areas from your named answers), notes on or off, whom you blocked (members)', tag: 'connect', params: s.slugParam, status: 200, auth: 'required', errors: ['forbidden'] },
  { method: 'patch', path: '/api/communities/:slug/connect/me', summary: 'Opt in or out of being asked, set your own topics (cleaned: at most 5 of 60 characters), turn notes on your answers off or on (members)', tag: 'connect', params: s.slugParam, body: 'ConnectSettingsBody', status: 200, auth: 'required', errors: ['forbidden'] },
  { method: 'get', path: '/api/communities/:slug/helpers', summary: 'Who can help with what: members who opted in, with their topics and practice areas (named answers only), searchable with q (members)', tag: 'connect', params: s.slugParam, query: connect.helpersQuery, status: 200, auth: 'required', errors: ['forbidden'] },
  { method: 'get', path: '/api/submissions/:id/notes', summary: 'Encouragement notes on an answer as you may read them: the author every visible note, facilitators all, a sender their own (the sender of a note on an anonymous answer reads "the author", never a name)', tag: 'connect', params: s.answerIdParam, status: 200, auth: 'required' },
  { method: 'post', path: '/api/submissions/:id/notes', summary: 'Leave an encouragement note (a starter and up to 280 characters) on another member’s answer, read by its author only (and facilitators); one per answer; refused as notes_off when the author turned notes off or blocked you', tag: 'connect', params: s.answerIdParam, body: 'NoteBody', status: 201, auth: 'required', errors: ['forbidden', 'own_answer', 'notes_off', 'already_noted'], limits: ['notes'] },
  { method: 'post', path: '/api/notes/:id/replies', summary: 'Reply in a note’s exchange: the author first, then turns alternate, four messages at most', tag: 'connect', params: s.idParam, body: 'NoteReplyBody', status: 201, auth: 'required', errors: ['forbidden', 'reply_not_allowed'], limits: ['notes'] },
  { method: 'post', path: '/api/notes/:id/helpful', summary: 'The answer’s author marks a note helpful (once; it credits the note’s sender, never the author’s points)', tag: 'connect', params: s.idParam, status: 200, auth: 'required', errors: ['forbidden'] },
  { method: 'post', path: '/api/notes/:id/report', summary: 'The answer’s author reports a note to the community’s facilitators', tag: 'connect', params: s.idParam, status: 200, auth: 'required', errors: ['forbidden'], limits: ['reports'] },
  { method: 'post', path: '/api/notes/:id/moderation/:action', summary: 'Hide or restore a note (facilitators); a hidden note is read by facilitators and its sender only', tag: 'connect', params: connect.noteModerationParam, status: 200, auth: 'required', errors: ['forbidden'] },
  { method: 'post', path: '/api/notes/:id/block', summary: 'The answer’s author blocks the note’s sender from sending them notes in this community (the sender is not told)', tag: 'connect', params: s.idParam, status: 200, auth: 'required', errors: ['forbidden'] },
  { method: 'delete', path: '/api/communities/:slug/note-blocks/:userId', summary: 'Lift your block of a member (members)', tag: 'connect', params: s.memberParam, status: 200, auth: 'required', errors: ['forbidden'] },
  { method: 'get', path: '/api/communities/:slug/reported-notes', summary: 'Notes reported by the authors they were sent to (facilitators)', tag: 'connect', params: s.slugParam, status: 200, auth: 'required', errors: ['forbidden'] },
  // Live sessions and helper credits (issue 15).
  { method: 'get', path: '/api/communities/:slug/live-sessions', summary: 'The community’s live sessions not over yet (soonest first, with seconds left) and the latest ended ones; times in the community’s zone too; the call link for members only', tag: 'live', params: s.slugParam, status: 200 },
  { method: 'post', path: '/api/communities/:slug/live-sessions', summary: 'Schedule a two-minute sprint or an office hour at a local date and time of the community (facilitators); the host must be a member, the call link https. With `prompt` (easy text) and optionally `hardPrompt`, the session gets a prompt of its own (its `promptId`), answered through POST /api/prompts/:id/submissions only while the session is on', tag: 'live', params: s.slugParam, body: 'LiveSessionBody', status: 201, auth: 'required', errors: ['forbidden'] },
  { method: 'get', path: '/api/live-sessions/:id', summary: 'One live session and the answers to its own prompt (or, for a session without one, those posted in its community during it) that the caller may read, the host’s named answers marked', tag: 'live', params: live.liveSessionParam, status: 200 },
  { method: 'delete', path: '/api/live-sessions/:id', summary: 'Cancel a live session that has not started (facilitators)', tag: 'live', params: live.liveSessionParam, status: 200, auth: 'required', errors: ['forbidden', 'session_started'] },
  { method: 'get', path: '/api/communities/:slug/credits/me', summary: 'The caller’s helper credits in the community: balance (the sum of the ledger) and latest entries', tag: 'credits', params: s.slugParam, status: 200, auth: 'required' },
  { method: 'get', path: '/api/communities/:slug/help-prompts', summary: 'Featured help prompts (approved, newest first); facilitators also get those waiting for a decision', tag: 'credits', params: s.slugParam, status: 200 },
  { method: 'post', path: '/api/communities/:slug/help-prompts', summary: 'Ask the community a question of one’s own, paid with helper credits; it waits for a facilitator’s approval', tag: 'credits', params: s.slugParam, body: 'HelpPromptBody', status: 201, auth: 'required', errors: ['forbidden', 'credits_insufficient'], limits: ['helpPosts'] },
  { method: 'get', path: '/api/help-prompts/:id', summary: 'One help prompt and its answers (a pending or declined one: its asker and facilitators only)', tag: 'credits', params: live.helpRequestParam, status: 200 },
  { method: 'post', path: '/api/help-prompts/:id/decision', summary: 'Approve (feature) or decline a pending help prompt (facilitators); declining refunds its credits', tag: 'credits', params: live.helpRequestParam, body: 'HelpDecisionBody', status: 200, auth: 'required', errors: ['forbidden', 'already_decided'] },
  { method: 'post', path: '/api/help-prompts/:id/replies', summary: 'Answer an approved help prompt (members, not its asker, once each), earning a helper credit', tag: 'credits', params: live.helpRequestParam, body: 'HelpReplyBody', status: 201, auth: 'required', errors: ['forbidden', 'own_help_prompt', 'help_not_open', 'already_answered'], limits: ['helpPosts'] },
  { method: 'delete', path: '/api/help-replies/:id', summary: 'Remove an answer to a help prompt (facilitators: moderation); the credit it earned stays', tag: 'credits', params: live.helpRequestParam, status: 200, auth: 'required', errors: ['forbidden'] },
  { method: 'post', path: '/api/help-replies/:id/reports', summary: 'Report an answer to a help prompt to the community’s facilitators, as an answer is reported (members; repeating an open report returns it with 200); the reporter is never shown', tag: 'moderation', params: live.helpReplyParam, body: 'ReportBody', status: 201, auth: 'required', errors: ['forbidden', 'own_answer'], limits: ['reports'] },
  { method: 'post', path: '/api/help-replies/:id/moderation/:action', summary: 'Hide or restore an answer to a help prompt, or dismiss its reports (facilitators); logged; the same action twice changes nothing', tag: 'moderation', params: live.helpReplyActionParam, status: 200, auth: 'required', errors: ['forbidden'] },
  // Steward actions from the dashboard (issue 14): every one logged in steward_log; others 404.
  { method: 'get', path: '/api/network/log', summary: 'The steward log, newest first: who made whom a steward, changed a setting, archived, pinned, wrote to or offered a series to which community (names only, never a note’s text) (stewards; others 404)', tag: 'stewards', status: 200, auth: 'optional', errors: ['not_found'] },
  { method: 'post', path: '/api/network/communities/:slug/archive', summary: 'Archive a community that has stopped: read-only from now (answers, kudos, series and joins 409 community_archived), its gallery kept and visible; again changes nothing (stewards; others 404)', tag: 'stewards', params: s.slugParam, status: 200, auth: 'optional' },
  { method: 'delete', path: '/api/network/communities/:slug/archive', summary: 'Reopen an archived community (stewards; others 404)', tag: 'stewards', params: s.slugParam, status: 200, auth: 'optional' },
  { method: 'post', path: '/api/network/communities/:slug/showcase', summary: 'Pin a public community on the home page’s showcase strip (stewards; others 404; a private one 422 not_public)', tag: 'stewards', params: s.slugParam, status: 200, auth: 'optional', errors: ['not_public'] },
  { method: 'delete', path: '/api/network/communities/:slug/showcase', summary: 'Take a community off the showcase strip (stewards; others 404)', tag: 'stewards', params: s.slugParam, status: 200, auth: 'optional' },
  { method: 'post', path: '/api/network/communities/:slug/notes', summary: 'Write to a community’s facilitators: each is told in the app (a notification with the note) and by mail (stewards; others 404)', tag: 'stewards', params: s.slugParam, body: 'StewardNoteBody', status: 201, auth: 'optional', limits: ['stewardNotes'] },
  { method: 'post', path: '/api/network/communities/:slug/series-offers', summary: 'Offer a community a copy of a public community’s series (a draft, a snapshot of its prompts); its facilitators are told and accept or decline it (stewards; others 404)', tag: 'stewards', params: s.slugParam, body: 'OfferBody', status: 201, auth: 'optional', errors: ['not_public', 'same_community', 'community_archived'], limits: ['seriesOffers'] },
  { method: 'get', path: '/api/communities/:slug/series-offers', summary: 'The series stewards offered this community, newest first, pending or decided (facilitators and stewards)', tag: 'stewards', params: s.slugParam, status: 200, auth: 'required', errors: ['forbidden'] },
  { method: 'post', path: '/api/series-offers/:id/accept', summary: 'Accept an offered series with a start date: it becomes a scheduled series of the community (the community’s own facilitators; once: 409 offer_decided)', tag: 'stewards', params: s.idParam, body: 'AcceptOfferBody', status: 200, auth: 'required', errors: ['forbidden', 'offer_decided', 'community_archived'] },
  { method: 'post', path: '/api/series-offers/:id/decline', summary: 'Decline an offered series (the community’s own facilitators; once: 409 offer_decided)', tag: 'stewards', params: s.idParam, status: 200, auth: 'required', errors: ['forbidden', 'offer_decided'] },
];

/** Hono's `/x/:id` is OpenAPI's `/x/{id}`. */
export const openapiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** JSON Schema for a request as clients write it (`io: 'input'`: defaults make fields optional). */
function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;
  return rest;
}

function parameters(where: 'path' | 'query', schema: ZodObject | undefined) {
  if (!schema) return [];
  const js = jsonSchema(schema) as { properties?: Record<string, object>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, prop]) => ({
    name,
    in: where,
    required: where === 'path' || (js.required ?? []).includes(name),
    schema: prop,
  }));
}

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: Object.keys(errorStatus) },
        message: { type: 'string' },
        issues: {
          type: 'array',
          items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } },
        },
        existingId: { type: 'integer', description: 'With already_answered: the answer that already exists' },
      },
    },
  },
};

const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'Makes a retry safe: it gets the first response again (same key, other body: 422; still running: 409)',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
};

const isUnsafe = (r: RouteDoc) => r.method !== 'get';
const isPage = (r: RouteDoc) => Boolean(r.html || r.form);
const isApi = (r: RouteDoc) => r.path.startsWith('/api/');
/** Idempotency-Key is honoured on signed-in API POSTs (src/middleware/idempotency.ts). */
const takesIdempotencyKey = (r: RouteDoc) => r.method === 'post' && isApi(r) && r.auth !== 'none';

/**
 * Every error code an operation can answer with: those that follow from what it takes (parameters, a body,
 * a session, an Idempotency-Key) and its own. tests/api/openapi-errors.test.ts provokes each one.
 */
export function errorCodes(r: RouteDoc): ErrorCode[] {
  const codes = new Set<ErrorCode>();
  // A page answers bad input with a page of its own (see pageProblems), not with JSON.
  if ((r.params || r.query || r.body || r.upload) && !isPage(r)) codes.add('invalid_input');
  if (r.body && !r.form) codes.add('invalid_json');
  // Every route: a Bearer token that is not valid is refused before anything else (src/middleware/auth.ts).
  codes.add('unauthenticated');
  if (isUnsafe(r)) codes.add('cross_site');
  if (r.params && !isPage(r)) codes.add('not_found');
  if (isUnsafe(r) && isApi(r)) codes.add('payload_too_large');
  if (takesIdempotencyKey(r)) {
    codes.add('idempotency_in_progress');
    codes.add('idempotency_key_reused');
  }
  for (const code of r.errors ?? []) codes.add(code);
  if (r.limits) codes.add('rate_limited');
  return [...codes];
}

const WHY: Partial<Record<ErrorCode, string>> = {
  invalid_input: 'a parameter or field is not valid (issues name each one)',
  invalid_json: 'the body is not JSON',
  unauthenticated: 'no session or token where one is needed, or a Bearer token that is not valid',
  cross_site: 'a cookie-authenticated write sent from another site',
  not_found: 'it does not exist, or the caller may not know it does',
  payload_too_large: 'the body is larger than the route accepts',
  idempotency_in_progress: 'a request with this Idempotency-Key is still running',
  idempotency_key_reused: 'this Idempotency-Key was used for a different request',
  rate_limited: 'too many requests in the window; Retry-After says in how many seconds to try again',
  image_too_large: 'the image declares more than 4096 pixels on a side, or a frame larger than its canvas',
};

/** One response per status; its schema is Error with `code` narrowed to the codes this operation gives. */
function errorResponses(r: RouteDoc) {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodes(r)) byStatus.set(errorStatus[code], [...(byStatus.get(errorStatus[code]) ?? []), code]);
  return Object.fromEntries(
    [...byStatus].sort(([a], [b]) => a - b).map(([status, codes]) => [
      String(status),
      {
        description:
          codes.map((code) => (WHY[code] ? `${code}: ${WHY[code]}` : code)).join('; ') +
          (r.limits && codes.includes('rate_limited') ? ` (${describeLimits(r.limits)})` : ''),
        ...(r.limits && codes.includes('rate_limited') && { headers: retryAfter }),
        content: {
          'application/json': {
            schema: {
              allOf: [{ $ref: '#/components/schemas/Error' }],
              properties: { error: { properties: { code: { enum: codes } } } },
            },
          },
        },
      },
    ]),
  );
}

/**
 * A page that takes input explains a problem with it on a page: the sign-in link pages answer 400 (and 413
 * for a form); a page named by a token or id that is unknown, forged or expired answers 404.
 */
function pageProblems(r: RouteDoc) {
  if (!isPage(r)) return {};
  const page = { content: { 'text/html': { schema: { type: 'string' } } } };
  const missing = r.params ? { '404': { description: 'A page saying the link or page does not exist (or no longer works)', ...page } } : {};
  if (!(r.query || r.body)) return missing;
  return {
    ...missing,
    '400': { description: 'A page saying what is wrong (a sign-in link that is unknown, used or expired)', ...page },
    ...(r.form && { '413': { description: 'A page saying the form was too large', ...page } }),
  };
}

/** `post /api/prompts/:id/submissions` → `postPromptsIdSubmissions`; stable, so generated clients keep their names. */
function operationId(r: RouteDoc): string {
  const words = r.path.replace(/^\/api\//, '/').split(/[^A-Za-z0-9]+/).filter(Boolean);
  const name = (words.length ? words : ['home']).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  return `${r.method}${r.path.startsWith('/api/') ? '' : 'Page'}${name}`;
}

function operation(r: RouteDoc) {
  const signedIn = [{ sessionCookie: [] }, { bearerToken: [] }];
  return {
    summary: r.summary,
    tags: [r.tag],
    operationId: operationId(r),
    security: r.auth === 'none' ? [] : r.auth === 'required' ? signedIn : [{}, ...signedIn],
    parameters: [...parameters('path', r.params), ...parameters('query', r.query), ...(takesIdempotencyKey(r) ? [idempotencyKey] : [])],
    ...(r.upload && { requestBody: uploadBody }),
    ...(r.seriesFile && r.method === 'post' && {
      requestBody: { required: true, description: 'Smaller than 5 MB and fewer than 10,000 rows', content: SERIES_FILE_TYPES },
    }),
    ...(r.body && {
      requestBody: {
        required: true,
        content: { [r.form ? 'application/x-www-form-urlencoded' : 'application/json']: { schema: { $ref: `#/components/schemas/${r.body}` } } },
      },
    }),
    responses: {
      [String(r.status)]:
        r.status === 303
          ? { description: 'Redirect', headers: { Location: { schema: { type: 'string' } } } }
          : {
              description: 'Success',
              content: r.html
                ? { 'text/html': { schema: { type: 'string' } } }
                : r.image
                  ? Object.fromEntries(IMAGE_TYPES.map((t) => [t, {}]))
                  : r.ldjson
                    ? { 'application/ld+json': { schema: { type: 'object' } } }
                    : r.seriesFile && r.method === 'get'
                      ? SERIES_FILE_TYPES
                      : r.csv
                        ? { 'text/csv': { schema: { type: 'string' } } }
                        : r.zip
                          ? { 'application/zip': { schema: { type: 'string', contentMediaType: 'application/zip' } } }
                          : { 'application/json': { schema: {} } },
            },
      ...errorResponses(r),
      ...pageProblems(r),
      default: { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    },
  };
}

export function buildOpenApi(serverUrl = '/') {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES) (paths[openapiPath(r.path)] ??= {})[r.method] = operation(r);
  const schemas: Record<string, unknown> = { Error: errorSchema };
  for (const [name, schema] of Object.entries(bodies)) schemas[name] = jsonSchema(schema);
  return {
    openapi: '3.1.1',
    info: {
      title: 'Kindling API',
      version: '0.1.0',
      description:
        'Daily two-minute micro-challenges for communities of practice. Errors share one shape: Error. Any write may ' +
        'answer 503 `unavailable` with Retry-After when another process held the database locked past the busy ' +
        'timeout: nothing was written, and a retry with the same Idempotency-Key happens once.',
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'kindling_session', description: 'Set by POST /api/auth/confirm (named __Host-kindling_session over https)' },
        bearerToken: { type: 'http', scheme: 'bearer', description: 'A personal API token from `kindling token create`' },
      },
    },
  };
}
