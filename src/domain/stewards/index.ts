/** The stewards' side (issue 14): the network dashboard (daily figures per community), steward roles. */
import type { Db } from '../../../db/client';
import type { NetworkQuery } from '../../schemas/stewards';
import type { Caller } from '../identity/sessions';
import { requireSteward } from './roles';
import { quietDaysOf } from './settings';
import { networkSnapshot } from './snapshot';
import { networkView } from './view';

export { communityForSteward, setArchived, setShowcasePinned } from './community-actions';
export { stewardCommunityPage } from './community-page';
export { networkCsv } from './csv';
export { stewardLogView } from './log';
export { sendNote } from './notes';
export { acceptOffer, declineOffer, offerSeries, offersOf, type SeriesOffer } from './offers';
export { pinnedShowcase } from './showcase';
export { makeSteward, requireSteward, sameSecret, setupFirstSteward } from './roles';
export { setQuietDays } from './settings';
export { refreshDueNetwork } from './snapshot';
export type { NetworkRow, NetworkView } from './view';

/**
 * GET /api/network: every community's figures for a steward; anyone else 404. The going-quiet threshold is
 * the query's, else the steward's own setting, else DEFAULT_QUIET_DAYS.
 */
export async function networkFor(db: Db, caller: Caller | null, q: NetworkQuery, now: Date) {
  const steward = requireSteward(caller);
  const quietDays = q.quietDays ?? (await quietDaysOf(db, steward.id));
  return networkView(await networkSnapshot(db, now), { ...q, quietDays });
}
