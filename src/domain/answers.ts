/**
 * One answer by id (its permalink page) and which kudos a member already gave, under the same visibility
 * rule as the gallery (`canSee`) and the same anonymity rule (authors revealed to own facilitators only).
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { communities, images, kudos, prompts, submissions, users } from '../../db/schema';
import { roleIn } from './access';
import { notFound } from './errors';
import { isOwnFacilitator, type GalleryItem } from './gallery';
import { imageUrl } from './images';
import { kudosCounts, type KudosKind } from './kudos';
import { kudosKinds } from '../schemas';
import type { Caller } from './sessions';
import { canSee } from './submissions';

/**
 * The answer with its prompt and community, shaped like a gallery item; 404 when the viewer may not see
 * it (a private community's outsider, or an answer above the viewer's visibility), so existence is not confirmed.
 */
export async function getAnswer(db: Db, id: number, caller: Caller | null) {
  const [row] = await db
    .select({
      answer: {
        id: submissions.id,
        userId: submissions.userId,
        level: submissions.level,
        body: submissions.body,
        link: submissions.link,
        visibility: submissions.visibility,
        anonymous: submissions.anonymous,
        createdAt: submissions.createdAt,
      },
      name: users.name,
      prompt: {
        id: prompts.id,
        easyText: prompts.easyText,
        hardText: prompts.hardText,
        easyPoints: prompts.easyPoints,
        hardPoints: prompts.hardPoints,
      },
      community: { id: communities.id, slug: communities.slug, name: communities.name, visibility: communities.visibility },
      image: { id: images.id, width: images.width, height: images.height },
    })
    .from(submissions)
    .innerJoin(users, eq(users.id, submissions.userId))
    .innerJoin(prompts, eq(prompts.id, submissions.promptId))
    .innerJoin(communities, eq(communities.id, submissions.communityId))
    .leftJoin(images, eq(images.id, submissions.imageId))
    .where(eq(submissions.id, id));
  if (!row) throw notFound('Answer');
  const callerId = caller?.id ?? null;
  const role = await roleIn(db, row.community.id, caller);
  if (!canSee(role, callerId, row.answer, row.community.visibility)) throw notFound('Answer');

  const a = row.answer;
  const revealsAuthors = role === 'facilitator' && (await isOwnFacilitator(db, row.community.id, caller!));
  const counts = await kudosCounts(db, [a.id]);
  const answer: GalleryItem = {
    id: a.id,
    level: a.level,
    body: a.body,
    link: a.link,
    author: !a.anonymous || revealsAuthors ? { name: row.name } : null,
    ...(a.anonymous && revealsAuthors ? { anonymous: true as const } : {}),
    createdAt: new Date(a.createdAt).toISOString(),
    kudos: counts.get(a.id)!,
    ...(a.userId === callerId ? { mine: true as const } : {}),
    image: row.image ? { url: imageUrl(row.image.id), width: row.image.width, height: row.image.height } : null,
  };
  const p = row.prompt;
  return {
    answer,
    prompt: { id: p.id, easy: { text: p.easyText, points: p.easyPoints }, hard: { text: p.hardText, points: p.hardPoints } },
    community: { slug: row.community.slug, name: row.community.name },
    role,
  };
}

/** The kinds of kudos `caller` gave to each of these answers (answers without any are left out). */
export async function kudosGivenBy(db: Db, callerId: number, submissionIds: number[]): Promise<Record<number, KudosKind[]>> {
  const given: Record<number, KudosKind[]> = {};
  if (submissionIds.length === 0) return given;
  const rows = await db
    .select({ submissionId: kudos.submissionId, kind: kudos.kind })
    .from(kudos)
    .where(and(eq(kudos.userId, callerId), inArray(kudos.submissionId, submissionIds)));
  for (const r of rows) {
    // Kinds retired from the set stay in the table but are no longer shown (as in kudosCounts).
    if ((kudosKinds as readonly string[]).includes(r.kind)) (given[r.submissionId] ??= []).push(r.kind as KudosKind);
  }
  return given;
}
