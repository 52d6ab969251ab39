/** Who is calling: sessions (cookie) and personal API tokens (Bearer), both stored only as SHA-256 hashes. */
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { prepared, type Placeholders } from '../../../db/prepared';
import { apiTokens, sessions, users } from '../../../db/schema';
import { randomToken, sha256Hex } from '../crypto';

export const SESSION_IDLE_MS = 14 * 24 * 3_600_000;
export const SESSION_ABSOLUTE_MS = 60 * 24 * 3_600_000;
/** Refreshing last-seen at most hourly keeps reads from turning into writes. */
const TOUCH_EVERY_MS = 3_600_000;

export interface Caller {
  id: number;
  email: string;
  name: string;
  isSteward: boolean;
  showOnLeaderboards: boolean;
}

const callerColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  isSteward: users.isSteward,
  showOnLeaderboards: users.showOnLeaderboards,
};

/** The session's user, or null when the session is unknown or expired (idle or absolute). */
export async function callerForSession(db: Db, token: string, now: Date): Promise<Caller | null> {
  const tokenHash = await sha256Hex(token);
  const [row] = await sessionQuery.run(db, { tokenHash });
  if (!row) return null;
  const t = now.getTime();
  if (t - row.lastSeenAt > SESSION_IDLE_MS || t - row.createdAt > SESSION_ABSOLUTE_MS) {
    await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    return null;
  }
  if (t - row.lastSeenAt > TOUCH_EVERY_MS) {
    await db.update(sessions).set({ lastSeenAt: t }).where(eq(sessions.tokenHash, tokenHash));
  }
  const { createdAt: _c, lastSeenAt: _l, ...caller } = row;
  return caller;
}

export async function callerForApiToken(db: Db, token: string): Promise<Caller | null> {
  const [row] = await apiTokenQuery.run(db, { tokenHash: await sha256Hex(token) });
  return row ?? null;
}

// Every signed-in request runs one of these two: built once (db/prepared.ts).
const sessionQuery = prepared((db, p: Placeholders<{ tokenHash: string }>) =>
  db
    .select({ ...callerColumns, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, p.tokenHash)),
);
const apiTokenQuery = prepared((db, p: Placeholders<{ tokenHash: string }>) =>
  db.select(callerColumns).from(apiTokens).innerJoin(users, eq(users.id, apiTokens.userId)).where(eq(apiTokens.tokenHash, p.tokenHash)),
);

/** Creates a personal API token and returns it in the clear, the only time it is ever seen. */
export async function createApiToken(db: Db, userId: number, label: string, now: Date): Promise<string> {
  const token = `kdl_${randomToken()}`;
  await db.insert(apiTokens).values({ userId, tokenHash: await sha256Hex(token), label, createdAt: now.getTime() });
  return token;
}
