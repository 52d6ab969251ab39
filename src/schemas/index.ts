/**
 * Request schemas: validated by the routes, described in /api/openapi.json, and shared with web/.
 * Limits here are product rules (an answer is a two-minute thing: 500 characters at most).
 */
import { z } from 'zod';
import { reportReasons } from './report-reasons';
import { FIRST_DAY, isSupportedDay, isValidTimeZone, LAST_DAY } from '../domain/time';
import { COMMUNITY_DESCRIPTION_MAX } from './limits';

export { COMMUNITY_DESCRIPTION_MAX };

export const levels = ['easy', 'hard'] as const;
export const visibilities = ['facilitators', 'community', 'public'] as const;
export const kudosKinds = ['applause', 'learned', 'relate'] as const;
export const cadences = ['daily', 'weekdays'] as const;
export const roles = ['member', 'facilitator'] as const;

/** The dates requests may carry, for forms (the editor's date input) as much as for validation. */
export { FIRST_DAY, LAST_DAY };
/** Bounded: a far-future date once sent the scheduler into an endless walk over days (issue 21). */
const day = z.string().refine(isSupportedDay, `must be a real date written YYYY-MM-DD, from ${FIRST_DAY} to ${LAST_DAY}`);
const displayName = z.string().trim().min(1).max(60);

export const idParam = z.object({ id: z.coerce.number().int().positive() });
/** An answer: its sequential id, or the public id (32 hex digits) an anonymous answer shows to others. */
export const answerIdParam = z.object({
  id: z.union([z.string().regex(/^[0-9a-f]{32}$/), z.coerce.number().int().positive()]),
});
/** Image ids are 128 random bits in base64url (22 characters); nothing else reaches the image store. */
const imageId = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'is not an image id from POST /api/images');
export const imageIdParam = z.object({ id: imageId });
export const slugParam = z.object({ slug: z.string().min(1).max(40) });

/** A path on this site to come back to ("/c/x?prompt=1#answer"): never another site, so never an open redirect. */
export const isLocalPath = (value: string) =>
  value.startsWith('/') && !value.startsWith('//') && !/[\\\u0000-\u001f]/.test(value);
export const localPathField = z.string().max(500).refine(isLocalPath, 'must be a path on this site, starting with one /');
export const langs = ['en', 'fr'] as const;

export const emailLinkBody = z.object({
  email: z.email().max(254),
  /** Where the link brings the member back to once signed in. */
  next: localPathField.optional(),
  /** The language of the mail and of the page the link opens (default: the request's language). */
  lang: z.enum(langs).optional(),
});
export const confirmBody = z.object({ token: z.string().min(1).max(200), name: displayName.optional() });
export const updateMeBody = z
  .object({
    name: displayName.optional(),
    showOnLeaderboards: z.boolean().optional(),
    nudges: z.boolean().optional(),
    /** Allow a public profile page (/u/:id): name, badges, rhythm and public named answers. */
    publicProfile: z.boolean().optional(),
  })
  .refine(
    (v) => v.name !== undefined || v.showOnLeaderboards !== undefined || v.nudges !== undefined || v.publicProfile !== undefined,
    'give name, showOnLeaderboards, nudges or publicProfile',
  );

export const createCommunityBody = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, 'use 1-40 lowercase letters, digits and inner hyphens'),
  name: z.string().trim().min(1, 'give the community a name').max(80, 'has 80 characters at most'),
  /** Shown in the directory: who the community is for, in a sentence or two. */
  description: z.string().trim().max(COMMUNITY_DESCRIPTION_MAX, `has ${COMMUNITY_DESCRIPTION_MAX} characters at most`).default(''),
  timeZone: z.string({ error: 'must be an IANA time zone such as Europe/Paris' }).refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Paris'),
  /** The local hour a community's day begins (prompts open then): 0 is midnight. */
  dayStartHour: z
    .number({ error: 'must be a whole hour from 0 to 23' })
    .int('must be a whole hour from 0 to 23')
    .min(0, 'must be a whole hour from 0 to 23')
    .max(23, 'must be a whole hour from 0 to 23')
    .default(0),
  visibility: z.enum(['public', 'private'], { error: 'must be public or private' }),
});
export const joinBody = z.object({ inviteCode: z.string().min(1).max(64).optional() });
export const setRoleBody = z.object({ role: z.enum(roles) });
export const memberParam = z.object({ slug: z.string().min(1).max(40), userId: z.coerce.number().int().positive() });

const points = z.number().int().min(0).max(100);
export const promptInput = z.object({
  easy: z.string().trim().min(1).max(500),
  hard: z.string().trim().min(1).max(500),
  easyPoints: points.default(1),
  hardPoints: points.default(3),
});
export const createSeriesBody = z.object({
  title: z.string().trim().min(1).max(120),
  description: z.string().trim().max(2000).default(''),
  startDate: day,
  cadence: z.enum(cadences),
  prompts: z.array(promptInput).min(1).max(366),
});

export const submissionBody = z
  .object({
    level: z.enum(levels),
    /** Optional when an image is attached (a sketch or a photo alone is a whole answer); 1-500 characters when given. */
    body: z.string().trim().min(1).max(500).optional(),
    link: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .max(2000)
      .optional(),
    visibility: z.enum(visibilities).default('community'),
    anonymous: z.boolean().default(false),
    /** An image uploaded with POST /api/images and not attached yet. */
    imageId: imageId.optional(),
  })
  .refine((v) => v.body !== undefined || v.imageId !== undefined, {
    path: ['body'],
    message: 'give a text, an image (imageId), or both',
  })
  // The refinement, said in JSON Schema for /api/openapi.json.
  .meta({ anyOf: [{ required: ['body'] }, { required: ['imageId'] }] });
export const kudosBody = z.object({ kind: z.enum(kudosKinds) });

export const galleryQuery = z.object({
  level: z.enum(levels).optional(),
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(24),
});
/** A page of the directory: `cursor` is the `nextCursor` of the page before. */
export const directoryQuery = z.object({
  cursor: z.string().max(600).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const leaderboardQuery = z
  .object({
    period: z.enum(['week', 'all', 'series', 'rhythm']).default('week'),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    /** With period=series: the series whose prompts' points count. */
    seriesId: z.coerce.number().int().positive().optional(),
  })
  .refine((q) => q.period !== 'series' || q.seriesId !== undefined, {
    path: ['seriesId'],
    message: 'is required with period=series',
  });

/** Recognition: weekly rhythm, rest weeks, the confidence ladder and nudges. */
export const rhythmGoalBody = z.object({ goal: z.number().int().min(1).max(7) });
/** Any day of the week to rest; the week is the community-local Monday-to-Sunday week holding it. */
export const restWeekBody = z.object({ weekOf: day });
export const restWeekParam = z.object({ slug: z.string().min(1).max(40), weekOf: day });
export const tokenQuery = z.object({ token: z.string().min(1).max(200) });

/** Recognition: badges, spotlights, notifications and the weekly shout-out roll. */
export const spotlightBody = z.object({ note: z.string().trim().max(280).optional() });
// Moderation (issue 12).
export { reportReasons } from './report-reasons';
export const reportBody = z.object({
  reason: z.enum(reportReasons),
  /** Optional words for the facilitators; an empty field is no note. */
  note: z.string().trim().max(500).optional().transform((v) => v || undefined),
});
export const moderationActions = ['hide', 'restore', 'remove', 'dismiss'] as const;
export const moderationActionParam = z.object({
  id: z.union([z.string().regex(/^[0-9a-f]{32}$/), z.coerce.number().int().positive()]),
  action: z.enum(moderationActions),
});
export const spotlightQueueQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });
export const badgeParam = z.object({
  slug: z.string().min(1).max(40),
  badgeId: z.string().regex(/^[a-z0-9-]{1,40}$/, 'is not a badge id from GET /api/badges'),
});
export const weekParam = z.object({
  slug: z.string().min(1).max(40),
  isoWeek: z.string().regex(/^\d{4}-W\d{2}$/, 'must be an ISO week such as 2026-W10'),
});
export const notificationsQuery = z.object({
  unread: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/**
 * An author's changes to a posted answer: who can see it (wider or narrower), and "claim it" (anonymous →
 * named). `anonymous: true` is accepted only while the answer is still anonymous: a named answer was seen
 * with its name, so it cannot become anonymous again (422 already_named).
 */
export const answerSettingsBody = z
  .object({ visibility: z.enum(visibilities).optional(), anonymous: z.boolean().optional() })
  .refine((v) => v.visibility !== undefined || v.anonymous !== undefined, 'give visibility or anonymous');

/** Series templates (GET /api/templates): which one, and in which language. */
export const templateParam = z.object({ id: z.string().regex(/^[a-z0-9-]{1,60}$/, 'is not a template id from GET /api/templates') });
export const templateQuery = z.object({ lang: z.enum(langs).optional() });
/**
 * DELETE /api/me: `confirm` must be "delete my account" or the member's own email (checked in the domain,
 * which knows the email), so a stray request cannot erase an account.
 */
export const eraseAccountBody = z.object({ confirm: z.string().min(1).max(320) });
/** Issue 11: the mail a member wants, per community (PATCH /api/me/mail-preferences). */
export const mailModes = ['daily', 'weekly', 'off'] as const;
export const mailPreferenceInput = z.object({
  slug: z.string().min(1).max(40),
  mode: z.enum(mailModes).optional(),
  /** The local hour (in the community's time zone) the mail goes out. */
  hour: z.number().int().min(0).max(23).optional(),
  /** Pause this community's mail for 1–8 weeks from now; 0 ends a pause. */
  pauseWeeks: z.number().int().min(0).max(8).optional(),
});
export const mailPreferencesBody = z
  .object({
    /** The language the mail is written in. */
    lang: z.enum(langs).optional(),
    communities: z.array(mailPreferenceInput).max(200).optional(),
  })
  .refine((v) => v.lang !== undefined || (v.communities?.length ?? 0) > 0, 'give lang or at least one community');
export type MailPreferencesBody = z.infer<typeof mailPreferencesBody>;
export const mailTokenParam = z.object({ token: z.string().min(1).max(400) });
