/** Who may fetch an answer image: the gallery's visibility rule, applied to the answer that holds it. */
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { communities, images, submissions } from '../../../db/schema';
import { roleIn } from '../communities/access';
import { canSee } from '../answers/visibility';
import { notFound } from '../errors';
import type { Caller } from '../identity/sessions';

/**
 * Who may fetch an image: an attached one follows its answer's visibility (`canSee`, as in the gallery);
 * an unattached one is its uploader's alone. Anything else is 404, so existence is not confirmed.
 * `shared` is true when visitors may see it (a public answer in a public community): cacheable by anyone.
 * `metadataStripped` is false for an image stored before uploads were stripped and not yet cleaned.
 */
export async function imageForViewer(db: Db, input: { imageId: string; caller: Caller | null }) {
  const [row] = await db
    .select({
      contentType: images.contentType,
      metadataStripped: images.metadataStripped,
      ownerId: images.ownerId,
      answer: {
        userId: submissions.userId,
        visibility: submissions.visibility,
        moderation: submissions.moderation,
        communityId: submissions.communityId,
      },
      communityVisibility: communities.visibility,
    })
    .from(images)
    .leftJoin(submissions, eq(submissions.imageId, images.id))
    .leftJoin(communities, eq(communities.id, submissions.communityId))
    .where(eq(images.id, input.imageId));
  if (!row) throw notFound('Image');
  const callerId = input.caller?.id ?? null;
  if (!row.answer || !row.communityVisibility) {
    if (row.ownerId !== callerId) throw notFound('Image');
    return { contentType: row.contentType, metadataStripped: row.metadataStripped, shared: false };
  }
  const role = await roleIn(db, row.answer.communityId, input.caller);
  if (!canSee({ role, callerId }, row.answer, row.communityVisibility)) throw notFound('Image');
  return {
    contentType: row.contentType,
    metadataStripped: row.metadataStripped,
    shared: canSee({ role: 'visitor', callerId: null }, row.answer, row.communityVisibility),
  };
}
