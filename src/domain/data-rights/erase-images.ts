/**
 * After an erasure has committed: the stored bytes of the member's images, then their rows (unattached by
 * then). If this stops halfway, the rows left are unattached and dated 0, so the tick's sweep
 * (src/jobs/images.ts) deletes them and their bytes on its next run.
 */
import { and, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { images } from '../../../db/schema';
import type { ImageStore } from '../../storage';

/** D1 binds at most 100 parameters per statement. */
const IDS_PER_STATEMENT = 90;

/** Deletes these images' bytes from the store and their unattached rows from the database. */
export async function eraseStoredImages(db: Db, store: ImageStore, imageIds: string[]): Promise<void> {
  for (let i = 0; i < imageIds.length; i += IDS_PER_STATEMENT) {
    const ids = imageIds.slice(i, i + IDS_PER_STATEMENT);
    for (const id of ids) await store.delete(id);
    await db.delete(images).where(and(inArray(images.id, ids), isNull(images.communityId)));
  }
}
