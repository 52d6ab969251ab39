/** A prompt's answers, newest first, filtered to what the viewer may see, with keyset pagination. */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { preparedSql } from '../../../db/prepared';
import { GALLERY_KEY_SQL, memberships } from '../../../db/schema';
import { kudosKinds } from '../../schemas';
import type { ViewerRole } from '../communities/access';
import { aliasColumns, answerVisibleSql } from './visibility';
import { invalidField, notFound } from '../errors';
import { imageUrl } from '../images/images';
import type { KudosCounts } from './kudos';
import type { Caller } from '../identity/sessions';

export interface GalleryItem {
  /**
   * The answer's id; for an anonymous answer its random public id (32 hex digits), so that a sequential id
   * cannot place it between two named answers. The submission routes accept both.
   */
  id: number | string;
  level: 'easy' | 'hard';
  body: string;
  link: string | null;
  /** Served by GET /api/images/:id under the answer's own visibility; never names the author. */
  image: { url: string; width: number; height: number } | null;
  /** null for anonymous answers, except for the community's facilitators. */
  author: { name: string } | null;
  /** Only ever present for facilitators, beside the name they alone may see. */
  anonymous?: true;
  /** For an anonymous answer, only its hour (the community's facilitators see the instant). */
  createdAt: string;
  kudos: KudosCounts;
  /** Only on the caller's own answers. */
  mine?: true;
  /** Hidden by a facilitator (moderation): only its author and the facilitators still read it, so marked. */
  hidden?: true;
  /**
   * Set when a facilitator spotlighted the answer; spotlighted answers lead the gallery. Always present in
   * gallery pages (null when not spotlighted); optional for other views that reuse this shape.
   */
  spotlight?: { note: string | null } | null;
}

/**
 * Two phases: spotlighted answers first (newest spotlight first), then the rest, newest first by their
 * gallery key (GALLERY_KEY_SQL: an anonymous answer is placed by its hour only). Ties go by public id.
 * `key` is the spotlight's time in the first phase and the gallery key in the second.
 */
interface Cursor {
  spotlit: boolean;
  key: number;
  publicId: string;
}

// Cursors are the hex of "key.publicId" (the rest) or "s.key.publicId" (spotlights), written by SQLite's
// hex(): opaque to clients, and holding no answer's instant or sequential id. Cursors from before public
// ids (with a numeric id) are refused like any other foreign cursor.
function decodeCursor(cursor: string): Cursor {
  const m = CURSOR.exec(fromHex(cursor));
  if (!m) throw invalidField('cursor', 'is not a cursor this server gave out');
  return { spotlit: m[1] !== undefined, key: Number(m[2]), publicId: m[3]! };
}

const CURSOR = /^(s\.)?(\d{1,15})\.([0-9a-f]{32})$/;

const fromHex = (text: string) =>
  /^(?:[0-9A-F]{2}){1,60}$/.test(text) ? String.fromCharCode(...text.match(/../g)!.map((h) => parseInt(h, 16))) : '';

export interface GalleryInput {
  promptId: number;
  caller: Caller | null;
  level?: 'easy' | 'hard' | undefined;
  cursor?: string | undefined;
  limit: number;
}


/** Before every cursor: a key no answer has, and a text above every public id. */
const START = { key: Number.MAX_SAFE_INTEGER, publicId: '~' };

/** An epoch-milliseconds SQL expression as an ISO-8601 instant, as JavaScript's toISOString writes it. */
const isoInstant = (ms: string) =>
  `strftime('%Y-%m-%dT%H:%M:%S', (${ms}) / 1000, 'unixepoch') || '.' || substr('00' || ((${ms}) % 1000), -3) || 'Z'`;

/** The gallery key of the row `s`, spelt as in the submissions_gallery_key index. */
const galleryKey = `(${GALLERY_KEY_SQL})`;

/** One item, in the shape of GalleryItem, built in SQL over `s` (answer), `u`, `i`, `sp` and the viewer row `v`. */
const itemFields = `json_object(
    'id', CASE WHEN s.anonymous THEN s.public_id ELSE s.id END, 'level', s.level, 'body', s.body, 'link', s.link,
    'image', CASE WHEN i.id IS NULL THEN NULL
      ELSE json_object('url', '${imageUrl("' || i.id || '")}', 'width', i.width, 'height', i.height) END,
    'author', CASE WHEN s.anonymous AND NOT v.reveals THEN NULL ELSE json_object('name', u.name) END,
    'createdAt', CASE WHEN s.anonymous AND NOT v.reveals THEN ${isoInstant('s.created_at - s.created_at % 3600000')}
      ELSE ${isoInstant('s.created_at')} END,
    'kudos', (SELECT json_object(${kudosKinds.map((k) => `'${k}', count(*) FILTER (WHERE k.kind = '${k}')`).join(', ')})
      FROM kudos k WHERE k.submission_id = s.id),
    'spotlight', CASE WHEN sp.submission_id IS NULL THEN NULL ELSE json_object('note', sp.note) END)`;
// \`anonymous\` and \`mine\` exist only when true: the few items that carry one get it patched in.
const itemJson = sql.raw(`CASE WHEN (s.anonymous AND v.reveals) OR s.user_id = v.caller_id OR s.moderation <> 'visible'
  THEN json_patch(${itemFields}, json_object(
    'anonymous', CASE WHEN s.anonymous AND v.reveals THEN json('true') END,
    'mine', CASE WHEN s.user_id = v.caller_id THEN json('true') END,
    'hidden', CASE WHEN s.moderation = 'hidden' THEN json('true') END))
  ELSE ${itemFields} END`);

/**
 * One page of a prompt's gallery for this viewer (the rule of ./visibility.ts: visitor: public;
 * member: community and public; facilitator and steward: all; an author always sees their own; hidden
 * answers only facilitators and their author, marked; removed ones no one), in ONE statement that also decides access
 * and builds the items' JSON. The gallery is the most read thing in Kindling, and every extra statement and
 * every row turned into a JavaScript object costs more than the query itself (see tests/bench).
 * Anonymous answers carry no author, except for the community's own facilitators: the name never leaves SQLite.
 * Returns the response body, `{ items: GalleryItem[], nextCursor: string | null }`, as JSON text.
 */
export async function galleryPageJson(db: Db, input: GalleryInput): Promise<string> {
  const after = input.cursor === undefined ? undefined : decodeCursor(input.cursor);
  const spot = after?.spotlit ? after : START;
  const rest = after && !after.spotlit ? after : START;
  const [row] = await galleryStatement.all<{ role: ViewerRole | null; body: string }>(db, {
    promptId: input.promptId,
    level: input.level ?? null,
    limit: input.limit,
    n: input.limit + 1,
    callerId: input.caller?.id ?? null,
    isSteward: input.caller?.isSteward ? 1 : 0,
    withSpotlights: after === undefined || after.spotlit ? 1 : 0,
    spotKey: spot.key,
    spotPublicId: spot.publicId,
    restKey: rest.key,
    restPublicId: rest.publicId,
  });
  if (!row?.role) throw notFound('Prompt');
  return row.body;
}

interface GalleryValues {
  promptId: number;
  level: 'easy' | 'hard' | null;
  limit: number;
  /** One more than the limit: a row past the page says another page follows. */
  n: number;
  callerId: number | null;
  isSteward: 0 | 1;
  withSpotlights: 0 | 1;
  spotKey: number;
  spotPublicId: string;
  restKey: number;
  restPublicId: string;
}

/** The gallery page's one statement, its text built once (db/prepared.ts). */
const galleryStatement = preparedSql<GalleryValues>((value) => {
  // `v` (the viewer) is the outer row and the page a subquery over it, so every rule below reads v's
  // columns directly; CROSS JOIN pins the join order where the indexes must drive.
  const shown = sql`v.role IS NOT NULL
    AND ${answerVisibleSql({ role: sql.raw('v.role'), callerId: sql.raw('v.caller_id') }, aliasColumns('s'))}
    AND (${value.level} IS NULL OR s.level = ${value.level})`;
  return sql`
    SELECT v.role, (
      -- The whole response: the first \`limit\` rows, and the cursor after the last of them when more follow.
      -- The items are in \`keys\` order: the aggregate reads the joined rows as the outer loop yields them, and
      -- CROSS JOIN keeps the ordered \`keys\` outermost. No ORDER BY among the aggregate's arguments: embedded
      -- replicas parse every statement with libsql's parser, which predates that syntax (SQLite 3.44).
      SELECT json_object(
        'items', json_group_array(${itemJson}) FILTER (WHERE keys.rn <= ${value.limit}),
        'nextCursor', CASE WHEN max(keys.rn) > ${value.limit} THEN hex(max(CASE WHEN keys.rn = ${value.limit} THEN keys.cursor END)) END)
      FROM (
        SELECT id, CASE phase WHEN 0 THEN 's.' ELSE '' END || k || '.' || pid AS cursor,
          row_number() OVER (ORDER BY phase, k DESC, pid DESC) AS rn
        FROM (
          -- Spotlighted answers lead, newest spotlight first, down the community's few spotlights
          -- (spotlights_community: community_id, created_at, then submission_id as the rowid).
          SELECT phase, k, pid, id FROM (
            SELECT 0 AS phase, sp.created_at AS k, s.public_id AS pid, sp.submission_id AS id
            FROM spotlights sp CROSS JOIN submissions s ON s.id = sp.submission_id
            WHERE ${value.withSpotlights} AND sp.community_id = v.community_id AND s.prompt_id = ${value.promptId} AND ${shown}
              AND (sp.created_at, s.public_id) < (${value.spotKey}, ${value.spotPublicId})
            ORDER BY sp.created_at DESC, s.public_id DESC LIMIT ${value.n})
          UNION ALL
          -- Then the rest, newest first: a row-value keyset on submissions_gallery_key (prompt_id, key, public_id).
          SELECT phase, k, pid, id FROM (
            SELECT 1 AS phase, ${sql.raw(galleryKey)} AS k, s.public_id AS pid, s.id AS id FROM submissions s
            -- The first bound lets SQLite seek the index to the cursor (it does not for the row value alone).
            WHERE s.prompt_id = ${value.promptId} AND ${shown} AND ${sql.raw(galleryKey)} <= ${value.restKey}
              AND (${sql.raw(galleryKey)}, s.public_id) < (${value.restKey}, ${value.restPublicId})
              AND NOT EXISTS (SELECT 1 FROM spotlights x WHERE x.submission_id = s.id)
            ORDER BY ${sql.raw(galleryKey)} DESC, s.public_id DESC LIMIT ${value.n})
        )
        ORDER BY rn
      ) AS keys CROSS JOIN submissions s ON s.id = keys.id JOIN users u ON u.id = s.user_id
      LEFT JOIN images i ON i.id = s.image_id LEFT JOIN spotlights sp ON sp.submission_id = s.id
    ) AS body
    FROM (
      -- The viewer's role, as roleIn decides it; NULL: no such prompt, or private to this viewer. A steward
      -- outside a public community reads it as a visitor (the visibility rule's SQL form asks for that).
      SELECT p.community_id, ${value.callerId} AS caller_id, coalesce(m.role = 'facilitator', 0) AS reveals,
        CASE WHEN m.role IS NOT NULL THEN m.role WHEN c.visibility = 'public' THEN 'visitor'
          WHEN ${value.isSteward} THEN 'steward' END AS role
      FROM prompts p JOIN communities c ON c.id = p.community_id
      LEFT JOIN memberships m ON m.community_id = p.community_id AND m.user_id = ${value.callerId}
      WHERE p.id = ${value.promptId}
    ) AS v
  `;
});

/** The same page as objects, for server-rendered pages and other domain code. */
export async function listGallery(db: Db, input: GalleryInput) {
  return JSON.parse(await galleryPageJson(db, input)) as { items: GalleryItem[]; nextCursor: string | null };
}

/**
 * Who wrote an anonymous answer is for the community's own facilitators only, never for a steward as such
 * (a steward outside the community does not even read its answers: src/domain/answers/visibility.ts).
 */
export async function isOwnFacilitator(db: Db, communityId: number, caller: Caller): Promise<boolean> {
  if (!caller.isSteward) return true;
  const [m] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.communityId, communityId), eq(memberships.userId, caller.id)));
  return m?.role === 'facilitator';
}
