/**
 * Passwordless sign-in by email link, sign-out, and the member's own account.
 * Link and session tokens exist in the clear only in the mail and the cookie; the database holds SHA-256 hashes.
 */
import { and, eq, exists, gte, lt, or, sql, type Column } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { sessions, signInLinks, users } from '../../../db/schema';
import { randomToken, sha256Hex } from '../crypto';
import { DomainError } from '../errors';
import { queueMail } from '../mail/queue';
import { normalizeEmail, UNSET_NAME } from './users';

export const LINK_LIFETIME_MS = 10 * 60_000;

/** A bare column name, as INSERT column lists want it (drizzle would qualify it with the table). */
const col = (column: Column) => sql.identifier(column.name);

const linkInvalid = () =>
  new DomainError('link_invalid', 'This sign-in link has expired or was already used; ask for a new one');

/** The sign-in mail in the member's language; English when the caller gives none. */
export interface SignInMail {
  subject: string;
  text: (url: string) => string;
}
const englishMail: SignInMail = {
  subject: 'Your Kindling sign-in link',
  text: (url) => `Open this link to sign in to Kindling. It works once, within 10 minutes:\n\n${url}\n\nIf you did not ask for it, you can ignore this mail.`,
};

export interface LinkRequest {
  email: string;
  baseUrl: string;
  /** A same-site path (checked by the schema) the confirm page sends the member back to. */
  next?: string | undefined;
  /** The language the confirm page opens in, whatever browser opens the mail. */
  lang?: string | undefined;
  mail?: SignInMail;
}

/**
 * Stores a fresh link for the address (voiding its older ones) and queues the mail, in one batch.
 * Nothing here depends on whether an account exists, so the answer cannot reveal it. How many links an
 * address or an IP may ask for is the route's rate limit (signInPerAddress, signInPerIp in ./limits).
 */
export async function requestSignInLink(db: Db, input: LinkRequest, now: Date): Promise<void> {
  const email = normalizeEmail(input.email);
  const token = randomToken();
  const t = now.getTime();
  const query = new URLSearchParams({ token });
  if (input.next) query.set('next', input.next);
  if (input.lang) query.set('lang', input.lang);
  const actionUrl = `${input.baseUrl}/auth/confirm?${query}`;
  const mail = input.mail ?? englishMail;
  await db.batch([
    // Housekeeping rides along: expired links of every address go too.
    db.delete(signInLinks).where(or(eq(signInLinks.email, email), lt(signInLinks.expiresAt, t))),
    db.insert(signInLinks).values({ tokenHash: await sha256Hex(token), email, createdAt: t, expiresAt: t + LINK_LIFETIME_MS }),
    queueMail(db, { to: email, subject: mail.subject, text: mail.text(actionUrl), actionUrl, kind: 'sign_in' }, now),
  ]);
}

/** Read-only look at a link, for the confirm page: GET must never consume it (mail scanners open links). */
export async function peekSignInLink(db: Db, token: string, now: Date) {
  const [link] = await db.select().from(signInLinks).where(eq(signInLinks.tokenHash, await sha256Hex(token)));
  if (!link || link.expiresAt < now.getTime()) return null;
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, link.email));
  return { email: link.email, newAccount: !user };
}

/**
 * Redeems a link: consumes it, creates the account on first use, ends the previous session and starts a new one.
 * Everything runs in one batch (one transaction). Each write is conditioned on the link still being valid inside
 * that transaction, and the link's deletion is the gate: of two racing requests only the one whose delete
 * returned the row proceeds; the other's writes all match nothing.
 */
export async function redeemSignInLink(
  db: Db,
  input: { token: string; name?: string; previousSession?: string },
  now: Date,
) {
  const t = now.getTime();
  const linkHash = await sha256Hex(input.token);
  const [link] = await db.select().from(signInLinks).where(eq(signInLinks.tokenHash, linkHash));
  if (!link || link.expiresAt < t) throw linkInvalid();

  const validLink = and(eq(signInLinks.tokenHash, linkHash), gte(signInLinks.expiresAt, t));
  const linkStillValid = exists(db.select({ one: sql`1` }).from(signInLinks).where(validLink));
  const sessionToken = randomToken();
  const previousHash = input.previousSession ? await sha256Hex(input.previousSession) : null;

  const [, , , consumed, [user]] = await db.batch([
    // The name from the form applies only to a new account; a known address keeps its name.
    db
      .insert(users)
      .select(
        db
          .select({
            id: sql<number>`null`.as('id'),
            email: signInLinks.email,
            name: sql<string>`${input.name ?? UNSET_NAME}`.as('name'),
            showOnLeaderboards: sql<boolean>`1`.as('show_on_leaderboards'),
            isSteward: sql<boolean>`0`.as('is_steward'),
            createdAt: sql<number>`${t}`.as('created_at'),
            nudges: sql<boolean>`1`.as('nudges'),
            publicProfile: sql<boolean>`0`.as('public_profile'),
            erased: sql<boolean>`0`.as('erased'),
          })
          .from(signInLinks)
          .where(validLink),
      )
      .onConflictDoNothing(),
    db.insert(sessions).select(
      db
        .select({
          tokenHash: sql`${await sha256Hex(sessionToken)}`.as('token_hash'),
          userId: users.id,
          createdAt: sql`${t}`.as('created_at'),
          lastSeenAt: sql`${t}`.as('last_seen_at'),
        })
        .from(users)
        .innerJoin(signInLinks, eq(signInLinks.email, users.email))
        .where(validLink),
    ),
    // Rotation: the session this browser had before ends, so a planted or stolen cookie dies here.
    // With no previous session, '' matches no hash and the statement keeps its place in the batch.
    db.delete(sessions).where(and(eq(sessions.tokenHash, previousHash ?? ''), linkStillValid)),
    db.delete(signInLinks).where(validLink).returning({ email: signInLinks.email }),
    db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.email, link.email)),
  ]);
  if (consumed.length === 0 || !user) throw linkInvalid();
  return { user, sessionToken };
}

/** Ends the session behind this cookie value; unknown values are fine (sign-out is idempotent). */
export async function endSession(db: Db, sessionToken: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, await sha256Hex(sessionToken)));
}

const meColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  showOnLeaderboards: users.showOnLeaderboards,
  isSteward: users.isSteward,
  nudges: users.nudges,
  publicProfile: users.publicProfile,
};

/** The member's own account, as /api/me shows it. */
export async function updateMe(
  db: Db,
  userId: number,
  input: { name?: string; showOnLeaderboards?: boolean; nudges?: boolean; publicProfile?: boolean },
) {
  // Drizzle leaves undefined keys out of SET, so only the given fields change.
  const [me] = await db.update(users).set(input).where(eq(users.id, userId)).returning(meColumns);
  if (!me) throw new DomainError('unauthenticated', 'This account no longer exists');
  return me;
}
