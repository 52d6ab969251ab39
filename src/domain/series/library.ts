/**
 * The network library: a facilitator publishes a series (a snapshot of its texts and points); any signed-in
 * member of the network lists the library; a facilitator copies an entry into a community they facilitate,
 * with a new start date, and the copy remembers where it was adapted from.
 */
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { communities, libraryEntries, memberships, prompts, users } from '../../../db/schema';
import { invalidField, notFound } from '../errors';
import { createSeries, seriesForFacilitator, type NewSeries } from './series';
import type { Caller } from '../identity/sessions';
import type { Cadence } from './schedule';

type EntryPrompt = NewSeries['prompts'][number];

/**
 * Publishes a series to the library, or refreshes its entry with the series as it is now. A private
 * community's series is published only with `sharePrivate` (its facilitator choosing to share it).
 */
export async function publishSeries(db: Db, caller: Caller, seriesId: number, opts: { sharePrivate: boolean }, now: Date) {
  const { found, community } = await seriesForFacilitator(db, caller, seriesId);
  if (community.visibility === 'private' && !opts.sharePrivate) {
    throw invalidField('sharePrivate', 'this community is private: publishing shares its series with every community, so confirm with sharePrivate: true');
  }
  const rows = await db.select().from(prompts).where(eq(prompts.seriesId, seriesId)).orderBy(asc(prompts.position));
  const snapshot: EntryPrompt[] = rows.map((p) => ({ easy: p.easyText, hard: p.hardText, easyPoints: p.easyPoints, hardPoints: p.hardPoints }));
  const values = {
    seriesId,
    communityId: community.id,
    title: found.title,
    description: found.description,
    cadence: found.cadence,
    promptsJson: JSON.stringify(snapshot),
    publishedBy: caller.id,
    publishedAt: now.getTime(),
  };
  const [entry] = await db
    .insert(libraryEntries)
    .values(values)
    .onConflictDoUpdate({ target: libraryEntries.seriesId, set: values })
    .returning({ id: libraryEntries.id });
  return getEntry(db, entry!.id);
}

const entryColumns = {
  id: libraryEntries.id,
  seriesId: libraryEntries.seriesId,
  title: libraryEntries.title,
  description: libraryEntries.description,
  cadence: libraryEntries.cadence,
  promptsJson: libraryEntries.promptsJson,
  community: communities.name,
  publishedBy: users.name,
  publisherErased: users.erased,
  publishedAt: libraryEntries.publishedAt,
};

interface EntryRow {
  id: number;
  seriesId: number;
  title: string;
  description: string;
  cadence: Cadence;
  promptsJson: string;
  community: string;
  publishedBy: string;
  publisherErased: boolean;
  publishedAt: number;
}

/** An entry outlives its publisher's account (it points at the tombstone), and then names no one. */
const entryView = ({ promptsJson, publishedAt, publishedBy, publisherErased, ...rest }: EntryRow) => ({
  ...rest,
  publishedBy: publisherErased ? null : publishedBy,
  publishedAt: new Date(publishedAt).toISOString(),
  prompts: JSON.parse(promptsJson) as EntryPrompt[],
});

const entries = (db: Db) =>
  db
    .select(entryColumns)
    .from(libraryEntries)
    .innerJoin(communities, eq(communities.id, libraryEntries.communityId))
    .innerJoin(users, eq(users.id, libraryEntries.publishedBy));

async function getEntry(db: Db, id: number) {
  const [row] = await entries(db).where(eq(libraryEntries.id, id));
  if (!row) throw notFound('Library entry');
  return entryView(row);
}

/** Every library entry, newest first: title, description, prompts' texts, source community and publisher. */
export async function listLibrary(db: Db) {
  const rows = await entries(db).orderBy(desc(libraryEntries.publishedAt), desc(libraryEntries.id));
  return { entries: rows.map(entryView) };
}

/** Copies an entry into a community the caller facilitates, as a new series starting on `startDate`. */
export async function copyEntry(db: Db, caller: Caller, entryId: number, input: { community: string; startDate: string }, now: Date) {
  const entry = await getEntry(db, entryId);
  return createSeries(
    db,
    caller,
    input.community,
    {
      title: entry.title,
      description: entry.description,
      startDate: input.startDate,
      cadence: entry.cadence,
      prompts: entry.prompts,
      adaptedFromEntryId: entry.id,
    },
    now,
  );
}

/** The library entry of a series, if it was published (for its page: "published on …"). */
export async function entryOfSeries(db: Db, seriesId: number) {
  const [row] = await db.select({ id: libraryEntries.id, publishedAt: libraryEntries.publishedAt }).from(libraryEntries).where(eq(libraryEntries.seriesId, seriesId));
  return row ? { id: row.id, publishedAt: new Date(row.publishedAt).toISOString() } : null;
}

/** The communities the caller facilitates, by name: where a library entry can be copied to. */
export async function facilitatedCommunities(db: Db, caller: Caller) {
  return db
    .select({ slug: communities.slug, name: communities.name })
    .from(memberships)
    .innerJoin(communities, eq(communities.id, memberships.communityId))
    .where(and(eq(memberships.userId, caller.id), eq(memberships.role, 'facilitator')))
    .orderBy(asc(communities.name));
}
