/** A prompt's answers, newest first, filtered to what the viewer may see, with keyset pagination. */
import { and, desc, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { images, memberships, spotlights, submissions, users } from '../../db/schema';
import { invalidField } from './errors';
import { imageUrl } from './images';
import { kudosCounts, type KudosCounts } from './kudos';
import type { Caller } from './sessions';
import { promptForViewer, visibleTo } from './submissions';

export interface GalleryItem {
  id: number;
  level: 'easy' | 'hard';
  body: string;
  link: string | null;
  /** Served by GET /api/images/:id under the answer's own visibility; never names the author. */
  image: { url: string; width: number; height: number } | null;
  /** null for anonymous answers, except for the community's facilitators. */
  author: { name: string } | null;
  /** Only ever present for facilitators, beside the name they alone may see. */
  anonymous?: true;
  createdAt: string;
  kudos: KudosCounts;
  /** Only on the caller's own answers. */
  mine?: true;
  /**
   * Set when a facilitator spotlighted the answer; spotlighted answers lead the gallery. Always present in
   * gallery pages (null when not spotlighted); optional for other views that reuse this shape.
   */
  spotlight?: { note: string | null } | null;
}

/**
 * Two phases: spotlighted answers first (newest spotlight first), then the rest (newest answer first).
 * `createdAt` is the spotlight's time in the first phase and the answer's in the second.
 */
interface Cursor {
  spotlit: boolean;
  createdAt: number;
  id: number;
}

// base64url of "createdAt.id" (the rest) or "s.createdAt.id" (spotlights): opaque to clients so the
// ordering key can change without breaking them.
function encodeCursor(c: Cursor): string {
  return btoa(`${c.spotlit ? 's.' : ''}${c.createdAt}.${c.id}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function decodeCursor(cursor: string): Cursor {
  let text = '';
  try {
    text = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    // fall through to the shape check
  }
  const m = /^(s\.)?(\d{1,15})\.(\d{1,15})$/.exec(text);
  if (!m) throw invalidField('cursor', 'is not a cursor this server gave out');
  return { spotlit: m[1] !== undefined, createdAt: Number(m[2]), id: Number(m[3]) };
}

export interface GalleryInput {
  promptId: number;
  caller: Caller | null;
  level?: 'easy' | 'hard' | undefined;
  cursor?: string | undefined;
  limit: number;
}

/**
 * One page of a prompt's gallery for this viewer (visitor: public; member: community and public;
 * facilitator: all; an author always sees their own), with kudos counts from one grouped query.
 * Anonymous answers carry no author, except for the community's own facilitators.
 */
export async function listGallery(db: Db, input: GalleryInput, _now: Date) {
  const { community, role } = await promptForViewer(db, input.promptId, input.caller);
  const callerId = input.caller?.id ?? null;
  const after = input.cursor === undefined ? undefined : decodeCursor(input.cursor);
  const revealsAuthors = role === 'facilitator' && (await isOwnFacilitator(db, community.id, input.caller!));

  const select = (where: SQL | undefined, order: SQL[], limit: number) =>
    db
      .select({
        id: submissions.id,
        userId: submissions.userId,
        level: submissions.level,
        body: submissions.body,
        link: submissions.link,
        anonymous: submissions.anonymous,
        createdAt: submissions.createdAt,
        name: users.name,
        imageId: images.id,
        imageWidth: images.width,
        imageHeight: images.height,
        spotlitAt: spotlights.createdAt,
        spotlightNote: spotlights.note,
      })
      .from(submissions)
      .innerJoin(users, eq(users.id, submissions.userId))
      .leftJoin(images, eq(images.id, submissions.imageId))
      .leftJoin(spotlights, eq(spotlights.submissionId, submissions.id))
      .where(
        and(
          eq(submissions.promptId, input.promptId),
          input.level ? eq(submissions.level, input.level) : undefined,
          visibleTo(role, callerId),
          where,
        ),
      )
      .orderBy(...order)
      .limit(limit);
  // The rest, newest first: a row-value keyset served by the submissions_gallery (prompt_id, created_at, id) index.
  const rest = (from: Cursor | undefined, limit: number) =>
    select(
      and(isNull(spotlights.submissionId), from && sql`(${submissions.createdAt}, ${submissions.id}) < (${from.createdAt}, ${from.id})`),
      [desc(submissions.createdAt), desc(submissions.id)],
      limit,
    );

  let page: Awaited<ReturnType<typeof rest>>;
  let next: Cursor | null = null;
  if (after && !after.spotlit) {
    const rows = await rest(after, input.limit + 1);
    page = rows.slice(0, input.limit);
    if (rows.length > input.limit) next = { spotlit: false, createdAt: page.at(-1)!.createdAt, id: page.at(-1)!.id };
  } else {
    // Spotlights lead; a page they do not fill is topped up with the rest from its start.
    const lit = await select(
      // The community condition turns the LEFT JOIN into an inner one that SQLite drives from the (few)
      // spotlights through spotlights_community, instead of walking every answer to the prompt.
      and(
        eq(spotlights.communityId, community.id),
        isNotNull(spotlights.submissionId),
        after && sql`(${spotlights.createdAt}, ${submissions.id}) < (${after.createdAt}, ${after.id})`,
      ),
      [desc(spotlights.createdAt), desc(submissions.id)],
      input.limit + 1,
    );
    page = lit.slice(0, input.limit);
    const spotCursor = () => ({ spotlit: true, createdAt: page.at(-1)!.spotlitAt!, id: page.at(-1)!.id });
    if (lit.length > input.limit) next = spotCursor();
    else {
      const room = input.limit - page.length;
      const rows = await rest(undefined, room + 1);
      const tail = rows.slice(0, room);
      const last = tail.at(-1);
      // A page the spotlights filled exactly resumes after its last spotlight, which then finds only the rest.
      if (rows.length > room) next = last ? { spotlit: false, createdAt: last.createdAt, id: last.id } : spotCursor();
      page = [...page, ...tail];
    }
  }

  const counts = await kudosCounts(db, page.map((r) => r.id));
  const items = page.map((r): GalleryItem => {
    const showName = !r.anonymous || revealsAuthors;
    return {
      id: r.id,
      level: r.level,
      body: r.body,
      link: r.link,
      image: r.imageId === null ? null : { url: imageUrl(r.imageId), width: r.imageWidth!, height: r.imageHeight! },
      author: showName ? { name: r.name } : null,
      ...(r.anonymous && revealsAuthors ? { anonymous: true as const } : {}),
      createdAt: new Date(r.createdAt).toISOString(),
      kudos: counts.get(r.id)!,
      ...(r.userId === callerId ? { mine: true as const } : {}),
      spotlight: r.spotlitAt === null ? null : { note: r.spotlightNote },
    };
  });
  const nextCursor = next ? encodeCursor(next) : null;
  return { items, nextCursor };
}

/**
 * Stewards read every answer like facilitators, but who wrote an anonymous answer is for the
 * community's own facilitators only.
 */
export async function isOwnFacilitator(db: Db, communityId: number, caller: Caller): Promise<boolean> {
  if (!caller.isSteward) return true;
  const [m] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.communityId, communityId), eq(memberships.userId, caller.id)));
  return m?.role === 'facilitator';
}
