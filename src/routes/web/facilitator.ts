/** What a community page needs for its facilitator menu: nothing for anyone else, so they never see it. */
import type { Db } from '../../../db/client';
import type { ViewerRole } from '../../domain/communities/access';
import { latestRoll } from '../../domain/recognition/roll-neighbours';
import { manages } from '../../domain/communities/access';
import type { FacilitatorLinks } from '../../../web/src/components/FacilitatorMenu';

export async function facilitatorLinks(db: Db, community: { id: number; slug: string }, role: ViewerRole): Promise<FacilitatorLinks | null> {
  if (!manages(role)) return null;
  return { slug: community.slug, latestRoll: await latestRoll(db, community.id) };
}
