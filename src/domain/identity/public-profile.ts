/**
 * A member's public profile (/u/:id, GET /api/users/:id/profile), only for members who allowed it: for
 * anyone else it does not exist (404, the same as an unknown id). It shows what a visitor could already
 * find, gathered in one place, and nothing that leads to an anonymous answer:
 * - public communities only (a private community's membership is never shown);
 * - answers anyone may read (../answers/visibility.ts: public, not hidden), named, in a public community (never anonymous, community or facilitators ones);
 * - the rhythm from named answers only, so no anonymous answer ever moves it;
 * - badges as others see them (badges/views.ts hides what rests on an anonymous answer).
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { communities, memberships, prompts, submissions, users } from '../../../db/schema';
import { seenByAnyone } from '../answers/visibility';
import { badgesShownToOthers } from '../badges/views';
import { notFound } from '../errors';
import { memberRhythm } from '../recognition/rhythm-member';
import type { Caller } from './sessions';

/** A profile is an overview: the newest public answers. */
const MAX_ANSWERS = 50;

/** The profile of user `userId` as `viewer` (anyone, signed in or not) sees it; 404 unless they allowed it. */
export async function publicProfile(db: Db, userId: number, viewer: Caller | null, now: Date) {
  const [user] = await db
    .select({ id: users.id, name: users.name, allowed: users.publicProfile })
    .from(users)
    .where(eq(users.id, userId));
  if (!user?.allowed) throw notFound('Profile');

  const joined = await db
    .select({ community: communities })
    .from(memberships)
    .innerJoin(communities, eq(communities.id, memberships.communityId))
    .where(and(eq(memberships.userId, userId), eq(communities.visibility, 'public')))
    .orderBy(communities.name);

  const answers = await db
    .select({
      id: submissions.id,
      level: submissions.level,
      body: submissions.body,
      createdAt: submissions.createdAt,
      promptId: prompts.id,
      easyText: prompts.easyText,
      hardText: prompts.hardText,
      slug: communities.slug,
      communityName: communities.name,
    })
    .from(submissions)
    .innerJoin(prompts, eq(prompts.id, submissions.promptId))
    .innerJoin(communities, eq(communities.id, submissions.communityId))
    .where(
      and(
        eq(submissions.userId, userId),
        eq(submissions.anonymous, false),
        seenByAnyone(),
        eq(communities.visibility, 'public'),
      ),
    )
    .orderBy(desc(submissions.createdAt), desc(submissions.id))
    .limit(MAX_ANSWERS);

  const shown = [];
  for (const { community } of joined) {
    const badges = await badgesShownToOthers(db, { communityId: community.id, userId }, viewer, now);
    const { currentRun, longestRun } = await memberRhythm(db, community, userId, now, true);
    const answered = answers.some((a) => a.slug === community.slug);
    // A community with nothing to show is left out: membership alone says nothing worth publishing.
    if (badges.length === 0 && longestRun === 0 && !answered) continue;
    shown.push({ slug: community.slug, name: community.name, badges, rhythm: { currentRun, longestRun } });
  }

  return {
    id: user.id,
    name: user.name,
    communities: shown,
    answers: answers.map((a) => ({
      id: a.id,
      level: a.level,
      body: a.body,
      createdAt: new Date(a.createdAt).toISOString(),
      prompt: { id: a.promptId, text: a.level === 'easy' ? a.easyText : a.hardText },
      community: { slug: a.slug, name: a.communityName },
    })),
  };
}
