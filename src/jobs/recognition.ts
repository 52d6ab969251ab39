/**
 * Recognition off the request path. Writes queue the members whose recognition they change
 * (src/domain/recognition/effects.ts); after the response the app drains that queue in the background, and
 * the scheduler's tick drains a bounded share as a safety net (a process that died before its drain, a
 * Workers isolate whose waitUntil ran out). Only src/middleware/recognition.ts starts a drain after a
 * write; reads never drain, so this is what keeps what a member sees current, milliseconds after the change.
 */
import { errorKind } from '../error-kind';
import { yieldToRequests } from '../yield-to-requests';
import type { Db } from '../../db/client';
import type { Clock, Deps } from '../deps';
import { queuedRecognition, refreshQueued, type QueuedRecognition } from '../domain/recognition/drain';

/**
 * Members refreshed per pass of the queue (one refresh per community among them). A pass holds the event
 * loop for its whole length (~175 µs a member), so it stays short: with 50 a pass held requests back for
 * ~9 ms and set the answer POST's p99 (20 ms in the bench; 13–17 ms with 16).
 */
const PER_PASS = 16;
/**
 * The pause before a drain's first pass. Under a stream of answers the queue fills meanwhile, so a pass
 * refreshes many members for the price of one; when answers are few it only delays a refresh nobody is
 * waiting for (the member's next page comes later still). After a full pass, the next one only lets waiting
 * requests go first: the queue has a backlog, and pausing again would let it grow under sustained load.
 */
const PASS_DELAY_MS = 20;
/**
 * The share of the server's time a drain may take while it has a backlog. When a refresh read the member's
 * whole history, an unthrottled drain took two thirds of the time under a stream of answers (245 answers a
 * second in the bench's peer scenario, 762 with no drain at all); folding new answers into running facts
 * (src/domain/badges/progress.ts) made it cheap, but a full refresh (a deletion, a badge earned) still reads
 * everything. Waiting nine times as long as each full pass took lets requests go first; meanwhile a member's
 * further answers wait in the queue's one row for them, and one refresh covers them all, so a rarer pass also
 * costs less in all. In the bench's peer scenario a quarter (three times as long) gave 1,298-1,429 answers a
 * second, a tenth 1,440-1,559 (rounds alternating). Under that stream a member's badges then follow their
 * answers within a few seconds (60 members, 16 a pass, passes 0.2-1 s apart); when answers are few, at once.
 */
const DRAIN_SHARE = 0.1;
/**
 * The share once a queued change has waited CATCH_UP_AFTER_MS: a tenth refreshes fewer members a second (30-65
 * in the peer scenario, against 90-135 with a quarter), and a backlog of many members who each answered once
 * (no later answer to fold in) would otherwise grow under sustained load. The pass reads the longest-waiting
 * members first, so its first row says how long the backlog has waited.
 */
const CATCH_UP_SHARE = 0.25;
const CATCH_UP_AFTER_MS = 5_000;

/**
 * How long a drain waits before its next pass: after a full pass (a backlog), long enough that the drain takes
 * at most DRAIN_SHARE of the time (CATCH_UP_SHARE once the pass's longest-waiting change, `waitedMs`, had waited
 * CATCH_UP_AFTER_MS); otherwise (its first pass) PASS_DELAY_MS, to gather a stream's members.
 */
export function pauseBeforePass(afterFullPass: boolean, lastPassMs: number, waitedMs = 0): number {
  if (!afterFullPass) return PASS_DELAY_MS;
  const share = waitedMs >= CATCH_UP_AFTER_MS ? CATCH_UP_SHARE : DRAIN_SHARE;
  return (lastPassMs * (1 - share)) / share;
}

/** Members per tick at most; the rest waits a minute. */
const PER_TICK = 500;

const drainers = new WeakMap<object, () => void>();

/**
 * Drains the app's queue after the response (Deps.defer: waitUntil on Workers, a detached promise on
 * Node), a pass of many members at a time between requests. At most one drain runs per app: a call while it runs asks
 * it for one more round instead. Without `defer` (most tests) it does nothing: tests drain by hand.
 */
export function drainRecognitionSoon(deps: Pick<Deps, 'db' | 'defer' | 'clock' | 'drainRecognition'>): void {
  if (deps.drainRecognition?.()) return;
  const defer = deps.defer;
  if (!defer) return;
  let kick = drainers.get(deps);
  if (!kick) {
    kick = backgroundDrainer(deps.db, defer, deps.clock);
    drainers.set(deps, kick);
  }
  kick();
}

function backgroundDrainer(db: Db, defer: (work: Promise<unknown>) => void, clock: Clock): () => void {
  let running = false;
  let again = false;
  const run = async () => {
    let failure: unknown;
    try {
      do {
        again = false;
        let rows: QueuedRecognition[] = [];
        let spentMs = 0;
        let waitedMs = 0;
        do {
          await yieldToRequests(pauseBeforePass(rows.length === PER_PASS, spentMs, waitedMs));
          const started = performance.now();
          rows = await queuedRecognition(db, { limit: PER_PASS });
          waitedMs = rows[0] ? clock().getTime() - rows[0].queuedAt : 0;
          // A failing community stays queued (the tick retries it) and does not stop the others.
          await refreshQueued(db, rows, { pause: () => yieldToRequests() }).catch((err: unknown) => void (failure ??= err));
          spentMs = performance.now() - started;
          // A full pass may have left more behind; a short one emptied the queue as it stood.
        } while (rows.length === PER_PASS && failure === undefined);
      } while (again && failure === undefined);
    } catch (err) {
      failure ??= err;
    } finally {
      running = false;
    }
    // Work after the response never rejects (a detached promise must not crash the process): what failed stays
    // queued for the tick, and the log says what kind of failure it was, never its parameters.
    if (failure !== undefined) console.error(`[recognition] background drain failed: ${errorKind(failure)}`);
  };
  return () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    defer(run());
  };
}

/** The tick's share: drains up to PER_TICK members, oldest change first, and returns how many. */
export async function drainRecognitionForTick(db: Db): Promise<number> {
  let drained = 0;
  while (drained < PER_TICK) {
    if (drained > 0) await yieldToRequests();
    const rows = await queuedRecognition(db, { limit: PER_PASS });
    // On Node the tick shares the server's thread: full refreshes let requests go first here too.
    await refreshQueued(db, rows, { pause: () => yieldToRequests() });
    drained += rows.length;
    if (rows.length < PER_PASS) break;
  }
  return drained;
}
