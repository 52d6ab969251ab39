/**
 * Results kept per database while its data version (src/node/data-version.ts) stands still, and until an instant
 * when they also depend on the day: a read served from here asks the database nothing. Without a data version
 * (Workers, remote databases) nothing is kept and every read computes. Past `maxEntries`, the cache starts over:
 * entries are cheap to rebuild and the busy ones come straight back.
 */
import type { Db } from '../../db/client';

export function versionedCache<T>(maxEntries: number) {
  const byDb = new WeakMap<Db, Map<string, { version: string; until: number; value: T }>>();
  return {
    /** `now`: left out for a value that does not depend on the day (stored without `until`). */
    get(db: Db, key: string, version: string | undefined, now?: Date): T | undefined {
      const hit = version === undefined ? undefined : byDb.get(db)?.get(key);
      return hit && hit.version === version && (now === undefined || now.getTime() < hit.until) ? hit.value : undefined;
    },
    /** `version`: read before the value was computed, so a write that landed meanwhile makes it miss next time. */
    set(db: Db, key: string, version: string | undefined, value: T, until = Infinity): void {
      if (version === undefined) return;
      let entries = byDb.get(db);
      if (!entries) byDb.set(db, (entries = new Map()));
      if (entries.size >= maxEntries) entries.clear();
      entries.set(key, { version, until, value });
    },
  };
}
