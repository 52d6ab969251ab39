/**
 * One answer by id (its permalink page) and which kudos a member already gave, under the same visibility
 * rule as the gallery (./visibility.ts) and the same anonymity rule (authors revealed to own facilitators only).
 */
import { and, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { communities, images, kudos, prompts, submissions, users } from '../../../db/schema';
import { roleIn } from '../communities/access';
import { canSee } from './visibility';
import { hourOf } from './hour';
import type { AnswerRef } from './ids';
import { notFound } from '../errors';
import { isOwnFacilitator, type GalleryItem } from './gallery';
import { imageUrl } from '../images/images';
import { kudosCounts, type KudosKind } from './kudos';
import { kudosKinds } from '../../schemas';
import type { Caller } from '../identity/sessions';

/**
 * The answer with its prompt and community, shaped like a gallery item; 404 when the viewer may not see
 * it (a private community's outsider, or an answer above the viewer's visibility), so existence is not confirmed.
 * As in the gallery, an anonymous answer is named by its public id and shows only its hour, except to its
 * community's facilitators; its sequential id finds it only for those who may know its author.
 * `submissionId` is the sequential id, for the page's own lookups: it is not part of the answer shown.
 */
export async function getAnswer(db: Db, ref: AnswerRef, caller: Caller | null) {
  const [row] = await db
    .select({
      answer: {
        id: submissions.id,
        userId: submissions.userId,
        level: submissions.level,
        body: submissions.body,
        link: submissions.link,
        visibility: submissions.visibility,
        moderation: submissions.moderation,
        anonymous: submissions.anonymous,
        createdAt: submissions.createdAt,
        publicId: submissions.publicId,
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
    .where(typeof ref === 'string' ? eq(submissions.publicId, ref) : eq(submissions.id, ref));
  if (!row) throw notFound('Answer');
  const callerId = caller?.id ?? null;
  const role = await roleIn(db, row.community.id, caller);
  if (!canSee({ role, callerId }, row.answer, row.community.visibility)) throw notFound('Answer');

  const a = row.answer;
  const revealsAuthors = role === 'facilitator' && (await isOwnFacilitator(db, row.community.id, caller!));
  const bySequentialId = typeof ref === 'number';
  if (a.anonymous && bySequentialId && a.userId !== callerId && role !== 'facilitator') throw notFound('Answer');
  const coarse = a.anonymous && !revealsAuthors;
  const counts = await kudosCounts(db, [a.id]);
  const answer: GalleryItem = {
    id: a.anonymous && a.publicId ? a.publicId : a.id,
    level: a.level,
    body: a.body,
    link: a.link,
    author: !a.anonymous || revealsAuthors ? { name: row.name } : null,
    ...(a.anonymous && revealsAuthors ? { anonymous: true as const } : {}),
    createdAt: new Date(coarse ? hourOf(a.createdAt) : a.createdAt).toISOString(),
    kudos: counts.get(a.id)!,
    ...(a.userId === callerId ? { mine: true as const } : {}),
    // Only those who may still read a hidden answer get here: its author and the facilitators.
    ...(a.moderation === 'hidden' ? { hidden: true as const } : {}),
    image: row.image ? { url: imageUrl(row.image.id), width: row.image.width, height: row.image.height } : null,
  };
  const p = row.prompt;
  return {
    answer,
    submissionId: a.id,
    prompt: { id: p.id, easy: { text: p.easyText, points: p.easyPoints }, hard: { text: p.hardText, points: p.hardPoints } },
    community: { slug: row.community.slug, name: row.community.name },
    role,
  };
}

/**
 * The kinds of kudos `caller` gave to each of these answers, keyed by the ids as given (sequential or
 * public, as the gallery shows them); answers without any are left out.
 */
export async function kudosGivenBy(db: Db, callerId: number, refs: AnswerRef[]): Promise<Record<string, KudosKind[]>> {
  const given: Record<string, KudosKind[]> = {};
  const ids = refs.filter((r): r is number => typeof r === 'number');
  const publicIds = refs.filter((r): r is string => typeof r === 'string');
  if (refs.length === 0) return given;
  const rows = await db
    .select({ id: kudos.submissionId, publicId: submissions.publicId, kind: kudos.kind })
    .from(kudos)
    .innerJoin(submissions, eq(submissions.id, kudos.submissionId))
    .where(and(eq(kudos.userId, callerId), or(inArray(kudos.submissionId, ids), inArray(submissions.publicId, publicIds))));
  for (const r of rows) {
    const key = r.publicId !== null && publicIds.includes(r.publicId) ? r.publicId : String(r.id);
    // Kinds retired from the set stay in the table but are no longer shown (as in kudosCounts).
    if ((kudosKinds as readonly string[]).includes(r.kind)) (given[key] ??= []).push(r.kind as KudosKind);
  }
  return given;
}
