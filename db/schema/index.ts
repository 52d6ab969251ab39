/**
 * Kindling's tables, one file per area. Times are integer epoch milliseconds; calendar days are 'YYYY-MM-DD'
 * text in the community's own time zone ("local days", shifted by the community's day-start hour).
 * Everything is re-exported here: code imports '../db/schema', and drizzle-kit reads this file.
 */
export * from './identity';
export * from './communities';
export * from './series';
export * from './answers';
export * from './stewards';
export * from './recognition';
export * from './reach';
export * from './moderation';
export * from './connect';
export * from './live';
