/**
 * How an anonymous answer's time appears in a feed: cut to the hour, as in every other view others read, so it
 * cannot be matched against the author's named answers. (Its id is the answer's random public id.)
 */
const HOUR = 3_600_000;

/** The start of the hour `ms` falls in. */
export const coarseTime = (ms: number): number => Math.floor(ms / HOUR) * HOUR;
