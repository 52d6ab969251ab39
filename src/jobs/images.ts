/**
 * Sweeps uploads never attached to an answer (the member closed the page, or changed their mind) once
 * they are a day old: their rows, then their stored bytes.
 */
import { and, inArray, isNull, lt } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { images } from '../../db/schema';
import type { ImageStore } from '../storage';

/** Long enough for a slow answer, a lost connection and a retry the next morning. */
export const UNATTACHED_IMAGE_TTL_MS = 24 * 3_600_000;

/** Per run, so one tick stays short; a backlog drains over the following minutes. */
const BATCH = 90; // D1 binds at most 100 parameters per statement.

export async function sweepImages(db: Db, store: ImageStore, now: Date): Promise<number> {
  const cutoff = now.getTime() - UNATTACHED_IMAGE_TTL_MS;
  const stale = await db
    .select({ id: images.id })
    .from(images)
    .where(and(isNull(images.communityId), lt(images.createdAt, cutoff)))
    .limit(BATCH);
  if (stale.length === 0) return 0;
  // Conditional again: an image attached since the lookup keeps its row, and so its bytes.
  const deleted = await db
    .delete(images)
    .where(and(inArray(images.id, stale.map((s) => s.id)), isNull(images.communityId)))
    .returning({ id: images.id });
  for (const { id } of deleted) await store.delete(id);
  return deleted.length;
}
