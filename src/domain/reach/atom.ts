/** An Atom 1.0 document (RFC 4287) from plain values: every text is escaped, every time is RFC 3339 UTC. */

export interface AtomEntry {
  /** An IRI that never changes for this entry (a tag: URI). */
  id: string;
  title: string;
  /** Epoch ms. */
  updated: number;
  link: string;
  content: string;
  /** Omitted for anonymous answers: the entry then falls back to the feed's author (the community). */
  author?: string | null;
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string;
  selfUrl: string;
  alternateUrl: string;
  /** Who the feed is from (the community): RFC 4287 needs an author for entries that name none. */
  author: string;
  /** Epoch ms, used when there are no entries. */
  updatedWhenEmpty: number;
  entries: AtomEntry[];
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes markup, and drops the control characters XML 1.0 cannot carry at all. */
export function escapeXml(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[&<>"']/g, (ch) => XML_ESCAPES[ch]!);
}

const time = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function renderEntry(e: AtomEntry): string {
  return [
    '  <entry>',
    `    <id>${escapeXml(e.id)}</id>`,
    `    <title type="text">${escapeXml(e.title)}</title>`,
    `    <updated>${time(e.updated)}</updated>`,
    e.author ? `    <author><name>${escapeXml(e.author)}</name></author>` : null,
    `    <link rel="alternate" type="text/html" href="${escapeXml(e.link)}"/>`,
    `    <content type="text">${escapeXml(e.content)}</content>`,
    '  </entry>',
  ]
    .filter((line) => line !== null)
    .join('\n');
}

/** The whole document; the feed's `updated` is its newest entry's. */
export function renderAtom(feed: AtomFeed): string {
  const updated = feed.entries.length ? Math.max(...feed.entries.map((e) => e.updated)) : feed.updatedWhenEmpty;
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(feed.id)}</id>`,
    `  <title type="text">${escapeXml(feed.title)}</title>`,
    feed.subtitle ? `  <subtitle type="text">${escapeXml(feed.subtitle)}</subtitle>` : null,
    `  <updated>${time(updated)}</updated>`,
    `  <author><name>${escapeXml(feed.author)}</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(feed.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(feed.alternateUrl)}"/>`,
    '  <generator>Kindling</generator>',
    ...feed.entries.map(renderEntry),
    '</feed>',
    '',
  ]
    .filter((line) => line !== null)
    .join('\n');
}
