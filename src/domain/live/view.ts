/**
 * A live session as people read it: instants in ISO, the same instants on the community's wall clock
 * (DST-correct, see ./local-time.ts), and where it stands now. The video-call link is for members only.
 */
import type { liveSessions } from '../../../db/schema';
import type { ViewerRole } from '../communities/access';
import { localDateTime } from './local-time';

export type LiveSessionRow = typeof liveSessions.$inferSelect;
export type SessionState = 'upcoming' | 'live' | 'ended';

export const stateAt = (s: Pick<LiveSessionRow, 'startsAt' | 'endsAt'>, now: Date): SessionState =>
  now.getTime() < s.startsAt ? 'upcoming' : now.getTime() < s.endsAt ? 'live' : 'ended';

/** A session for `role` at `now`, in the community's zone; `hostName` read with it. */
export function sessionView(
  s: LiveSessionRow,
  ctx: { slug: string; timeZone: string; hostName: string; role: ViewerRole; promptId?: number | null },
  now: Date,
) {
  const start = localDateTime(new Date(s.startsAt), ctx.timeZone);
  const end = localDateTime(new Date(s.endsAt), ctx.timeZone);
  const state = stateAt(s, now);
  return {
    id: s.id,
    community: ctx.slug,
    kind: s.kind,
    title: s.title,
    prompt: s.prompt,
    /** The session's own prompt (answered through POST /api/prompts/:id/submissions during the session), or null. */
    promptId: ctx.promptId ?? null,
    host: { id: s.hostId, name: ctx.hostName },
    callUrl: ctx.role === 'visitor' ? null : s.callUrl,
    startsAt: new Date(s.startsAt).toISOString(),
    endsAt: new Date(s.endsAt).toISOString(),
    scheduledAt: new Date(s.createdAt).toISOString(),
    local: { timeZone: ctx.timeZone, day: start.day, time: start.time, endDay: end.day, endTime: end.time },
    state,
    /** Seconds until it starts (upcoming) or ends (live); 0 once ended. The page's countdown starts from it. */
    secondsLeft: Math.max(0, Math.ceil(((state === 'upcoming' ? s.startsAt : s.endsAt) - now.getTime()) / 1000)),
  };
}
export type LiveSessionView = ReturnType<typeof sessionView>;
