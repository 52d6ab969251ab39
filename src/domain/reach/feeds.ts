/**
 * The three feeds of a community as documents: prompts.atom, gallery.atom and calendar.ics. Links are
 * absolute (feed readers and calendar apps live elsewhere); `feedBase` is where this reader's feeds are:
 * /c/:slug for a public community, /feeds/<token> for a member's secret URL.
 */
import type { Db } from '../../../db/client';
import type { Community } from '../communities/access';
import { renderAtom, type AtomEntry } from './atom';
import { calendarPrompts, openedPrompts, visibleAnswers, type FeedPrompt } from './feed-content';
import type { FeedAccess } from './feed-tokens';
import { renderCalendar } from './icalendar';
import { vtimezoneLines } from './vtimezone';

export interface FeedUrls {
  /** The site, e.g. https://kindling.example.org (no trailing slash). */
  baseUrl: string;
  /** The path the feed files sit under, e.g. /c/design-club or /feeds/<token>. */
  feedBase: string;
}

/** tag: URIs (RFC 4151): stable ids that name the site and the community, never a reader's token. */
const tagBase = (baseUrl: string, community: Community) =>
  `tag:${new URL(baseUrl).hostname},${new Date(community.createdAt).toISOString().slice(0, 10)}:${community.slug}`;

const promptTitle = (p: FeedPrompt) => `${p.seriesTitle} #${p.position}: ${p.easyText}`;
const promptPage = (urls: FeedUrls, community: Community, promptId: number) => `${urls.baseUrl}/c/${community.slug}/p/${promptId}`;

/** The community's opened prompts as an Atom feed. */
export async function promptsAtom(db: Db, access: FeedAccess, urls: FeedUrls): Promise<string> {
  const { community } = access;
  const entries: AtomEntry[] = (await openedPrompts(db, community)).map((p) => ({
    id: `${tagBase(urls.baseUrl, community)}:prompt:${p.id}`,
    title: promptTitle(p),
    updated: p.opensAt,
    link: promptPage(urls, community, p.id),
    content: `Easy: ${p.easyText}\nHard: ${p.hardText}`,
  }));
  return renderAtom({
    id: `${tagBase(urls.baseUrl, community)}:prompts`,
    title: `${community.name}: prompts`,
    selfUrl: `${urls.baseUrl}${urls.feedBase}/prompts.atom`,
    alternateUrl: `${urls.baseUrl}/c/${community.slug}`,
    author: community.name,
    updatedWhenEmpty: community.createdAt,
    entries,
  });
}

/** The answers this reader may see as an Atom feed; anonymous answers name nobody and carry no answer id. */
export async function galleryAtom(db: Db, access: FeedAccess, urls: FeedUrls, now: Date): Promise<string> {
  const { community } = access;
  const entries: AtomEntry[] = (await visibleAnswers(db, community, access.reader)).map((a) => ({
    id: `${tagBase(urls.baseUrl, community)}:${a.key}`,
    title: `${a.author ?? 'Anonymous'} (${a.level}): ${a.promptText}`,
    updated: a.at,
    link: promptPage(urls, community, a.promptId),
    content: [a.body, a.hasImage ? '[image]' : ''].filter(Boolean).join('\n'),
    author: a.author,
  }));
  return renderAtom({
    id: `${tagBase(urls.baseUrl, community)}:gallery`,
    title: `${community.name}: answers`,
    selfUrl: `${urls.baseUrl}${urls.feedBase}/gallery.atom`,
    alternateUrl: `${urls.baseUrl}/c/${community.slug}`,
    author: community.name,
    updatedWhenEmpty: community.createdAt,
    entries,
  });
}

/** 'YYYYMMDDTHH0000': the local start of a prompt's day in the community's zone. */
const localStart = (day: string, hour: number) => `${day.replace(/-/g, '')}T${String(hour).padStart(2, '0')}0000`;

/** One two-minute event per prompt at the community's day start, in its own time zone. */
export async function promptCalendar(db: Db, access: FeedAccess, urls: FeedUrls, now: Date): Promise<string> {
  const { community } = access;
  const list = await calendarPrompts(db, community, now);
  const span = list.length ? [list[0]!.opensAt, list.at(-1)!.opensAt] : [now.getTime(), now.getTime()];
  const host = new URL(urls.baseUrl).hostname;
  return renderCalendar({
    name: community.name,
    timeZone: community.timeZone,
    vtimezone: vtimezoneLines(community.timeZone, span[0]!, span[1]!),
    events: list.map((p) => ({
      uid: `prompt-${p.id}@${host}`,
      localStart: localStart(p.opensOn, community.dayStartHour),
      stamp: p.seriesCreatedAt,
      summary: `${community.name}: ${promptTitle(p)}`,
      description: `Easy: ${p.easyText}\nHard: ${p.hardText}\n${promptPage(urls, community, p.id)}`,
      url: promptPage(urls, community, p.id),
    })),
  });
}
