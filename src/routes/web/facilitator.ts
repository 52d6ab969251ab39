/** What a community page needs for its facilitator menu: nothing for anyone else, so they never see it. */
import type { Db } from '../../../db/client';
import { manages, type ViewerRole } from '../../domain/access';
import { latestRoll } from '../../domain/roll-neighbours';
import type { FacilitatorLinks } from '../../../web/src/components/FacilitatorMenu';

export async function facilitatorLinks(db: Db, community: { id: number; slug: string }, role: ViewerRole): Promise<FacilitatorLinks | null> {
  if (!manages(role)) return null;
  return { slug: community.slug, latestRoll: await latestRoll(db, community.id) };
}
