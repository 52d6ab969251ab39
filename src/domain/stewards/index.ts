/** The stewards' side (issue 14): the network dashboard (daily figures per community), steward roles. */
import type { Db } from '../../../db/client';
import type { NetworkQuery } from '../../schemas/stewards';
import type { Caller } from '../sessions';
import { requireSteward } from './roles';
import { networkSnapshot } from './snapshot';
import { networkView } from './view';

export { networkCsv } from './csv';
export { makeSteward, requireSteward, sameSecret, setupFirstSteward } from './roles';
export { refreshDueNetwork } from './snapshot';
export type { NetworkRow, NetworkView } from './view';

/** GET /api/network: every community's figures for a steward; anyone else 404. */
export async function networkFor(db: Db, caller: Caller | null, q: NetworkQuery, now: Date) {
  requireSteward(caller);
  return networkView(await networkSnapshot(db, now), q);
}
