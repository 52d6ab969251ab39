/** A prompt's answers, newest first, filtered to what the viewer may see, with keyset pagination. */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { memberships } from '../../db/schema';
import { kudosKinds } from '../schemas';
import type { ViewerRole } from './access';
import { invalidField, notFound } from './errors';
import { imageUrl } from './images';
import type { KudosCounts } from './kudos';
import type { Caller } from './sessions';

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

// Cursors are the hex of "createdAt.id" (the rest) or "s.createdAt.id" (spotlights), written by SQLite's
// hex(): opaque to clients, so the ordering key can change without breaking them. Cursors given out before
// were base64url of the same text, and a client may still hold one.
function decodeCursor(cursor: string): Cursor {
  const m = CURSOR.exec(fromHex(cursor)) ?? CURSOR.exec(fromBase64Url(cursor));
  if (!m) throw invalidField('cursor', 'is not a cursor this server gave out');
  return { spotlit: m[1] !== undefined, createdAt: Number(m[2]), id: Number(m[3]) };
}

const CURSOR = /^(s\.)?(\d{1,15})\.(\d{1,15})$/;

const fromHex = (text: string) =>
  /^(?:[0-9A-F]{2}){1,40}$/.test(text) ? String.fromCharCode(...text.match(/../g)!.map((h) => parseInt(h, 16))) : '';

function fromBase64Url(text: string): string {
  try {
    return atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return '';
  }
}

export interface GalleryInput {
  promptId: number;
  caller: Caller | null;
  level?: 'easy' | 'hard' | undefined;
  cursor?: string | undefined;
  limit: number;
}


const ALL = Number.MAX_SAFE_INTEGER;

/** One item, in the shape of GalleryItem, built in SQL over `s` (answer), `u`, `i`, `sp` and the viewer row `v`. */
const itemFields = `json_object(
    'id', s.id, 'level', s.level, 'body', s.body, 'link', s.link,
    'image', CASE WHEN i.id IS NULL THEN NULL
      ELSE json_object('url', '${imageUrl("' || i.id || '")}', 'width', i.width, 'height', i.height) END,
    'author', CASE WHEN s.anonymous AND NOT v.reveals THEN NULL ELSE json_object('name', u.name) END,
    'createdAt', strftime('%Y-%m-%dT%H:%M:%S', s.created_at / 1000, 'unixepoch')
      || '.' || substr('00' || (s.created_at % 1000), -3) || 'Z',
    'kudos', (SELECT json_object(${kudosKinds.map((k) => `'${k}', count(*) FILTER (WHERE k.kind = '${k}')`).join(', ')})
      FROM kudos k WHERE k.submission_id = s.id),
    'spotlight', CASE WHEN sp.submission_id IS NULL THEN NULL ELSE json_object('note', sp.note) END)`;
// \`anonymous\` and \`mine\` exist only when true: the few items that carry one get it patched in.
const itemJson = sql.raw(`CASE WHEN (s.anonymous AND v.reveals) OR s.user_id = v.caller_id
  THEN json_patch(${itemFields}, json_object(
    'anonymous', CASE WHEN s.anonymous AND v.reveals THEN json('true') END,
    'mine', CASE WHEN s.user_id = v.caller_id THEN json('true') END))
  ELSE ${itemFields} END`);

/**
 * One page of a prompt's gallery for this viewer (visitor: public; member: community and public;
 * facilitator and steward: all; an author always sees their own), in ONE statement that also decides access
 * and builds the items' JSON. The gallery is the most read thing in Kindling, and every extra statement and
 * every row turned into a JavaScript object costs more than the query itself (see tests/bench).
 * Anonymous answers carry no author, except for the community's own facilitators: the name never leaves SQLite.
 * Returns the response body, `{ items: GalleryItem[], nextCursor: string | null }`, as JSON text.
 */
export async function galleryPageJson(db: Db, input: GalleryInput): Promise<string> {
  const after = input.cursor === undefined ? undefined : decodeCursor(input.cursor);
  const caller = input.caller;
  const spot = after?.spotlit ? after : { createdAt: ALL, id: ALL };
  const rest = after && !after.spotlit ? after : { createdAt: ALL, id: ALL };
  const withSpotlights = after === undefined || after.spotlit ? 1 : 0;
  const n = input.limit + 1;
  // `v` (the viewer) is the outer row and the page a subquery over it, so every rule below reads v's
  // columns directly; CROSS JOIN pins the join order where the indexes must drive.
  const shown = sql`v.role IS NOT NULL
    AND (v.role = 'facilitator' OR s.user_id = v.caller_id OR s.visibility = 'public'
      OR (v.role = 'member' AND s.visibility = 'community'))
    AND (${input.level ?? null} IS NULL OR s.level = ${input.level ?? null})`;

  // all(), not get(): drizzle's libSQL get() throws on an empty result (an unknown prompt), which was a 500.
  const [row] = await db.all<{ role: ViewerRole | null; body: string }>(sql`
    SELECT v.role, (
      -- The whole response: the first \`limit\` rows, and the cursor after the last of them when more follow.
      SELECT json_object(
        'items', json_group_array(${itemJson} ORDER BY keys.rn) FILTER (WHERE keys.rn <= ${input.limit}),
        'nextCursor', CASE WHEN max(keys.rn) > ${input.limit} THEN hex(max(CASE WHEN keys.rn = ${input.limit} THEN keys.cursor END)) END)
      FROM (
        SELECT id, CASE phase WHEN 0 THEN 's.' ELSE '' END || k || '.' || id AS cursor,
          row_number() OVER (ORDER BY phase, k DESC, id DESC) AS rn
        FROM (
          -- Spotlighted answers lead, newest spotlight first, down the community's few spotlights
          -- (spotlights_community: community_id, created_at, then submission_id as the rowid).
          SELECT phase, k, id FROM (
            SELECT 0 AS phase, sp.created_at AS k, sp.submission_id AS id
            FROM spotlights sp CROSS JOIN submissions s ON s.id = sp.submission_id
            WHERE ${withSpotlights} AND sp.community_id = v.community_id AND s.prompt_id = ${input.promptId} AND ${shown}
              AND (sp.created_at, sp.submission_id) < (${spot.createdAt}, ${spot.id})
            ORDER BY sp.created_at DESC, sp.submission_id DESC LIMIT ${n})
          UNION ALL
          -- Then the rest, newest first: a row-value keyset on submissions_gallery (prompt_id, created_at, id).
          SELECT phase, k, id FROM (
            SELECT 1 AS phase, s.created_at AS k, s.id AS id FROM submissions s
            WHERE s.prompt_id = ${input.promptId} AND ${shown} AND (s.created_at, s.id) < (${rest.createdAt}, ${rest.id})
              AND NOT EXISTS (SELECT 1 FROM spotlights x WHERE x.submission_id = s.id)
            ORDER BY s.created_at DESC, s.id DESC LIMIT ${n})
        )
      ) AS keys CROSS JOIN submissions s ON s.id = keys.id JOIN users u ON u.id = s.user_id
      LEFT JOIN images i ON i.id = s.image_id LEFT JOIN spotlights sp ON sp.submission_id = s.id
    ) AS body
    FROM (
      -- The viewer's role, as roleIn decides it; NULL: no such prompt, or private to this viewer.
      SELECT p.community_id, ${caller?.id ?? null} AS caller_id, coalesce(m.role = 'facilitator', 0) AS reveals,
        CASE WHEN m.role IS NOT NULL THEN m.role WHEN ${caller?.isSteward ? 1 : 0} THEN 'facilitator'
          WHEN c.visibility = 'public' THEN 'visitor' END AS role
      FROM prompts p JOIN communities c ON c.id = p.community_id
      LEFT JOIN memberships m ON m.community_id = p.community_id AND m.user_id = ${caller?.id ?? null}
      WHERE p.id = ${input.promptId}
    ) AS v
  `);
  if (!row?.role) throw notFound('Prompt');
  return row.body;
}

/** The same page as objects, for server-rendered pages and other domain code. */
export async function listGallery(db: Db, input: GalleryInput) {
  return JSON.parse(await galleryPageJson(db, input)) as { items: GalleryItem[]; nextCursor: string | null };
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
