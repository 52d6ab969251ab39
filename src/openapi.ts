/**
 * The OpenAPI 3.1 document, generated from the same zod schemas the routes validate with (zod 4's own
 * `z.toJSONSchema`, JSON Schema 2020-12, which is OpenAPI 3.1's dialect). ROUTES is the one place a route
 * is documented; tests/api/openapi.test.ts fails when the app serves a route this table does not list.
 */
import { z, type ZodObject } from 'zod';
import { errorStatus } from './domain/errors';
import * as s from './schemas';

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
}

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
  { method: 'post', path: '/api/auth/email-link', summary: 'Email a sign-in link (same answer for every address)', tag: 'auth', body: 'EmailLinkBody', status: 202, auth: 'none' },
  { method: 'get', path: '/auth/confirm', summary: 'The page a sign-in link opens: a Continue button, never a sign-in', tag: 'auth', query: s.tokenQuery, status: 200, auth: 'none', html: true },
  { method: 'post', path: '/auth/confirm', summary: 'The Continue button: redeem the link, set the cookie, redirect to the link\'s next page (a same-site path) or /', tag: 'auth', body: 'ConfirmBody', form: true, status: 303, auth: 'none' },
  { method: 'post', path: '/api/auth/confirm', summary: 'Redeem a sign-in link; sets the session cookie', tag: 'auth', body: 'ConfirmBody', status: 200, auth: 'none' },
  { method: 'post', path: '/api/auth/sign-out', summary: 'End the session', tag: 'auth', status: 200 },
  { method: 'get', path: '/api/me', summary: 'The signed-in caller', tag: 'me', status: 200, auth: 'required' },
  { method: 'patch', path: '/api/me', summary: 'Change display name, leaderboard listing, nudges or public profile', tag: 'me', body: 'UpdateMeBody', status: 200, auth: 'required' },
  { method: 'get', path: '/api/communities', summary: 'Public communities and the private ones the caller belongs to', tag: 'communities', status: 200 },
  { method: 'post', path: '/api/communities', summary: 'Create a community; the creator becomes its facilitator', tag: 'communities', body: 'CreateCommunityBody', status: 201, auth: 'required' },
  { method: 'get', path: '/api/communities/:slug', summary: 'A community and the caller’s role in it', tag: 'communities', params: s.slugParam, status: 200 },
  { method: 'post', path: '/api/communities/:slug/join', summary: 'Join (private communities need an invite code)', tag: 'communities', params: s.slugParam, body: 'JoinBody', status: 200, auth: 'required' },
  { method: 'post', path: '/api/communities/:slug/invites', summary: 'Create an invite code (facilitators)', tag: 'communities', params: s.slugParam, status: 201, auth: 'required' },
  { method: 'patch', path: '/api/communities/:slug/members/:userId', summary: 'Change a member’s role (facilitators)', tag: 'communities', params: s.memberParam, body: 'SetRoleBody', status: 200, auth: 'required' },
  { method: 'get', path: '/api/communities/:slug/today', summary: 'Prompts opened today, and earlier ones still open', tag: 'prompts', params: s.slugParam, status: 200 },
  { method: 'post', path: '/api/communities/:slug/series', summary: 'Create a series and its prompts (facilitators)', tag: 'series', params: s.slugParam, body: 'CreateSeriesBody', status: 201, auth: 'required' },
  { method: 'get', path: '/api/series/:id', summary: 'A series and its prompts', tag: 'series', params: s.idParam, status: 200 },
  { method: 'post', path: '/api/series/:id/pause', summary: 'Pause a series (facilitators)', tag: 'series', params: s.idParam, status: 200, auth: 'required' },
  { method: 'post', path: '/api/series/:id/resume', summary: 'Resume a paused series (facilitators)', tag: 'series', params: s.idParam, status: 200, auth: 'required' },
  { method: 'post', path: '/api/prompts/:id/submissions', summary: 'Answer a prompt at one level', tag: 'prompts', params: s.idParam, body: 'SubmissionBody', status: 201, auth: 'required' },
  { method: 'get', path: '/api/prompts/:id/gallery', summary: 'Answers the caller may see, newest first', tag: 'prompts', params: s.idParam, query: s.galleryQuery, status: 200 },
  { method: 'delete', path: '/api/submissions/:id', summary: 'Delete your answer and reverse its points', tag: 'prompts', params: s.answerIdParam, status: 200, auth: 'required' },
  { method: 'patch', path: '/api/submissions/:id', summary: 'Your answer: change who sees it (wider or narrower), or claim it (anonymous: false; a named answer never becomes anonymous: 422). Points stay where they were earned', tag: 'prompts', params: s.answerIdParam, body: 'AnswerSettingsBody', status: 200, auth: 'required' },
  { method: 'get', path: '/api/submissions/:id/share', summary: 'Your answer as ready-to-paste share text (plain text and Markdown: the prompt, the answer, the permalink)', tag: 'prompts', params: s.answerIdParam, status: 200, auth: 'required' },
  { method: 'get', path: '/api/users/:id/profile', summary: 'A member’s public profile (name, badges, rhythm, public named answers), only if they allowed it', tag: 'me', params: s.idParam, status: 200 },
  { method: 'post', path: '/api/submissions/:id/kudos', summary: 'Encourage an answer (once per kind)', tag: 'prompts', params: s.answerIdParam, body: 'KudosBody', status: 200, auth: 'required' },
  { method: 'post', path: '/api/images', summary: 'Upload an answer image; attach it with imageId when answering (unattached ones expire after a day)', tag: 'images', upload: true, status: 201, auth: 'required' },
  { method: 'get', path: '/api/images/:id', summary: 'An answer image, visible to whoever may see its answer (the uploader, before it is attached)', tag: 'images', params: s.imageIdParam, image: true, status: 200 },
  { method: 'get', path: '/api/badges', summary: 'The badge catalogue: id, name, description, tier and how each is earned', tag: 'badges', status: 200 },
  { method: 'get', path: '/api/communities/:slug/badges/me', summary: 'Your badges in a community, with their evidence (yours alone, anonymous answers included)', tag: 'badges', params: s.slugParam, status: 200, auth: 'required' },
  { method: 'get', path: '/api/communities/:slug/badges/me/:badgeId/credential', summary: 'One of your badges as a signed Open Badges 3.0 credential (JSON-LD download)', tag: 'badges', params: s.badgeParam, status: 200, auth: 'required', ldjson: true },
  { method: 'get', path: '/api/series/:id/credential', summary: 'A series you completed as a signed Open Badges 3.0 credential (JSON-LD download)', tag: 'badges', params: s.idParam, status: 200, auth: 'required', ldjson: true },
  { method: 'post', path: '/api/submissions/:id/spotlight', summary: 'Spotlight an answer, with an optional note (facilitators); the member is told', tag: 'spotlight', params: s.answerIdParam, body: 'SpotlightBody', status: 200, auth: 'required' },
  { method: 'delete', path: '/api/submissions/:id/spotlight', summary: 'Take a spotlight back (facilitators)', tag: 'spotlight', params: s.answerIdParam, status: 200, auth: 'required' },
  { method: 'post', path: '/api/communities/:slug/feed-token', summary: 'New secret feed URLs (prompts.atom, gallery.atom, calendar.ics) for the caller; the old ones stop working (members)', tag: 'communities', params: s.slugParam, status: 201, auth: 'required' },
  { method: 'get', path: '/api/communities/:slug/spotlight-queue', summary: 'Recent answers to spotlight, first-time and rarely spotlighted members first (facilitators)', tag: 'spotlight', params: s.slugParam, query: s.spotlightQueueQuery, status: 200, auth: 'required' },
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
  { method: 'get', path: '/api/communities/:slug/ladder/funnel', summary: 'Members per ladder stage, named answers only (facilitators)', tag: 'recognition', params: s.slugParam, status: 200, auth: 'required' },
  { method: 'get', path: '/api/communities/:slug/analytics', summary: 'Community analytics from the daily snapshot (complete local days to yesterday): members, active, contribution rate, funnel, mix, answers per prompt, drop-off, rhythm, 12-week trend; groups under 5 not broken down (facilitators; 404 private, 403 public)', tag: 'communities', params: s.slugParam, status: 200, auth: 'required' },
  { method: 'get', path: '/api/communities/:slug/analytics.csv', summary: 'The same analytics as CSV: section,key,metric,value (facilitators)', tag: 'communities', params: s.slugParam, status: 200, auth: 'required', csv: true },
  { method: 'get', path: '/c/:slug/analytics', summary: 'The analytics page: SVG charts with their numbers as tables, and the CSV link (facilitators)', tag: 'pages', params: s.slugParam, status: 200, auth: 'required', html: true },
  { method: 'post', path: '/api/communities/:slug/members/:userId/main-space', summary: 'Mark a member as contributing in the main space (facilitators)', tag: 'recognition', params: s.memberParam, status: 200, auth: 'required' },
  { method: 'get', path: '/api/me/nudges', summary: 'Your pending next-step nudges, and whether nudges are on', tag: 'me', status: 200, auth: 'required' },
  { method: 'post', path: '/api/me/nudges/:id/dismiss', summary: 'Dismiss a nudge for good', tag: 'me', params: s.idParam, status: 200, auth: 'required' },
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

/** `post /api/prompts/:id/submissions` → `postPromptsIdSubmissions`; stable, so generated clients keep their names. */
function operationId(r: RouteDoc): string {
  const words = r.path.replace(/^\/api\//, '/').split(/[^A-Za-z0-9]+/).filter(Boolean);
  const name = (words.length ? words : ['home']).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  return `${r.method}${r.path.startsWith('/api/') ? '' : 'Page'}${name}`;
}

function operation(r: RouteDoc) {
  const isApiPost = r.method === 'post' && r.path.startsWith('/api/') && r.auth !== 'none';
  const signedIn = [{ sessionCookie: [] }, { bearerToken: [] }];
  return {
    summary: r.summary,
    tags: [r.tag],
    operationId: operationId(r),
    security: r.auth === 'none' ? [] : r.auth === 'required' ? signedIn : [{}, ...signedIn],
    parameters: [...parameters('path', r.params), ...parameters('query', r.query), ...(isApiPost ? [idempotencyKey] : [])],
    ...(r.upload && { requestBody: uploadBody }),
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
                    : r.csv
                      ? { 'text/csv': { schema: { type: 'string' } } }
                      : { 'application/json': { schema: {} } },
            },
      default: { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    },
  };
}

export function buildOpenApi(serverUrl?: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES) (paths[openapiPath(r.path)] ??= {})[r.method] = operation(r);
  const schemas: Record<string, unknown> = { Error: errorSchema };
  for (const [name, schema] of Object.entries(bodies)) schemas[name] = jsonSchema(schema);
  return {
    openapi: '3.1.1',
    info: {
      title: 'Kindling API',
      version: '0.1.0',
      description: 'Daily two-minute micro-challenges for communities of practice. Errors share one shape: Error.',
    },
    ...(serverUrl && { servers: [{ url: serverUrl }] }),
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
