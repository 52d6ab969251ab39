/**
 * What a read of recognition may know of the queue: whether a change still waits for its refresh. Reads never
 * drain (src/domain/recognition/drain.ts is for the background drain and the tick alone, .dependency-cruiser.cjs).
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { recognitionQueue } from '../../../db/schema';

/**
 * Whether a change of this member's (in this community, or in any without `communityId`) still waits for its
 * refresh: what a read shows as "on its way" instead of refreshing it itself. One look at an indexed row.
 */
export async function recognitionPending(db: Db, scope: { userId: number; communityId?: number }): Promise<boolean> {
  const [row] = await db
    .select({ userId: recognitionQueue.userId })
    .from(recognitionQueue)
    .where(
      and(
        eq(recognitionQueue.userId, scope.userId),
        scope.communityId === undefined ? undefined : eq(recognitionQueue.communityId, scope.communityId),
      ),
    )
    .limit(1);
  return row !== undefined;
}
