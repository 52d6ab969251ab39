/**
 * A memory front for a store (Node): a caller clearly under the limit is counted in memory only, and the
 * database hears about it with the first hit past half the limit, in one upsert carrying every pending hit.
 * A caller known to be over the limit is answered from memory until the window ends. So the hot writes
 * (answers, kudos) pay no extra round trip in normal use, and a flood costs one map lookup per request.
 *
 * In a single process the count stays exact (pending hits reach the database before the limit can be
 * reached). Several processes sharing one database may each let up to half the limit pass unseen, and a
 * restart forgets pending hits: both err on the side of the member.
 */
import type { CounterWindow, RateLimitStore } from './store';

interface Entry {
  start: number;
  end: number;
  /** The database's count as of our last write. */
  known: number;
  /** Hits counted here and not yet written. */
  pending: number;
}

/** Past this many entries, ended windows are dropped before adding another; if all are live, all go. */
const MAX_ENTRIES = 10_000;

export function memoryFront(inner: RateLimitStore): RateLimitStore {
  const entries = new Map<string, Entry>();

  /** Forgetting only ever errs towards the caller: its hits are counted afresh (the database keeps its own). */
  function makeRoom(now: number) {
    for (const [key, e] of entries) if (e.end <= now) entries.delete(key);
    if (entries.size >= MAX_ENTRIES) entries.clear();
  }

  return {
    async add(window: CounterWindow, hits: number) {
      let entry = entries.get(window.key);
      if (!entry || entry.start !== window.start) {
        if (entries.size >= MAX_ENTRIES) makeRoom(window.start);
        entry = { start: window.start, end: window.end, known: 0, pending: 0 };
        entries.set(window.key, entry);
      }
      // Blocked: the database already said so this window; nothing would change by asking again.
      if (entry.known >= window.max) return entry.known + hits;
      const local = entry.known + entry.pending + hits;
      if (local * 2 <= window.max) {
        entry.pending += hits;
        return local;
      }
      const toWrite = entry.pending + hits;
      entry.pending = 0;
      entry.known = await inner.add(window, toWrite);
      return entry.known;
    },
  };
}
