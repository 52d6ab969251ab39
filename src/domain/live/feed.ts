/**
 * A community's live sessions as a calendar feed (/c/:slug/live.ics for public communities, and the member's
 * secret /feeds/<token>/live.ics for any): the sessions not over yet, soonest first.
 */
import type { Db } from '../../../db/client';
import type { FeedAccess } from '../reach/feed-tokens';
import type { FeedUrls } from '../reach/feeds';
import { sessionsCalendar } from './ics';
import { communitySessions } from './sessions';

export const sessionPagePath = (slug: string, id: number) => `/c/${encodeURIComponent(slug)}/live/${id}`;

/** The feed's text; the call link only through a member's secret feed. */
export async function liveCalendar(db: Db, access: FeedAccess, urls: FeedUrls, now: Date): Promise<string> {
  const member = access.reader.kind !== 'anyone';
  const { upcoming } = await communitySessions(db, access.community, member ? 'member' : 'visitor', now);
  const host = new URL(urls.baseUrl).hostname;
  const events = upcoming.map((v) => ({
    session: { id: v.id, title: v.title, prompt: v.prompt, startsAt: Date.parse(v.startsAt), endsAt: Date.parse(v.endsAt), callUrl: v.callUrl, createdAt: Date.parse(v.scheduledAt) },
    hostName: v.host.name,
    url: `${urls.baseUrl}${sessionPagePath(access.community.slug, v.id)}`,
    withCallUrl: member,
  }));
  return sessionsCalendar(`${access.community.name}: live sessions`, events, host);
}
