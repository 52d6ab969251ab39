/**
 * Work in parts. On Node the database calls complete synchronously on the server's thread, so work that reads
 * a big community awaits `pause` between its parts, and requests go first there (the routes and the tick pass
 * src/yield-to-requests.ts). Without `pause` the parts run back to back.
 */
export interface Pacing {
  pause?: () => Promise<void>;
}

/** Work that reads members a range at a time: `membersPerRead` is its own size unless a test says otherwise. */
export interface RangePacing extends Pacing {
  membersPerRead?: number;
}
