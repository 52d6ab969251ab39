/**
 * D1 read replication through the Sessions API: reads may be served by a replica near the member, and a
 * bookmark carried in a cookie keeps each browser's view sequentially consistent (read-your-writes: after
 * an answer, the next page is served from a copy that has it). Writes (and every unsafe request, whose reads
 * decide what to write) start at the primary. With no bookmark a read starts unconstrained, at any replica.
 * Workers-only, and free of node:*.
 */
import { dbFromD1, type Db } from '../../db/client';

export const BOOKMARK_COOKIE = 'kindling_d1_bookmark';

type Binding = Parameters<typeof dbFromD1>[0];
interface SessionBinding {
  getBookmark(): string | null;
}
type WithSessions = { withSession(constraintOrBookmark?: string): SessionBinding & Binding };

/** D1 bookmarks are opaque but short, printable and cookie-safe; anything else a client sends is ignored. */
const BOOKMARK = /^[0-9a-f-]{8,200}$/i;

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface D1Session {
  db: Db;
  /** Sets the bookmark cookie on the response when this request moved the member's view forward. */
  finish(response: Response, secure: boolean): Response;
}

/** A session for this request, or null when the binding has no Sessions API (replication is off). */
export function openD1Session(binding: Binding, request: Request): D1Session | null {
  const sessions = binding as unknown as Partial<WithSessions>;
  if (typeof sessions.withSession !== 'function') return null;
  const sent = bookmarkFrom(request.headers.get('Cookie'));
  const wrote = !SAFE.has(request.method);
  const session = sessions.withSession(wrote ? 'first-primary' : (sent ?? 'first-unconstrained'));
  return {
    db: dbFromD1(session),
    finish(response, secure) {
      const bookmark = session.getBookmark();
      // Visitors who only read get no cookie; a member who wrote, or already holds one, keeps it current.
      if (!bookmark || bookmark === sent || (!wrote && !sent)) return response;
      const headers = new Headers(response.headers);
      const attrs = `Path=/; HttpOnly; SameSite=Lax; Max-Age=86400${secure ? '; Secure' : ''}`;
      headers.append('Set-Cookie', `${BOOKMARK_COOKIE}=${bookmark}; ${attrs}`);
      return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
    },
  };
}

function bookmarkFrom(cookie: string | null): string | null {
  if (!cookie) return null;
  for (const part of cookie.split(';')) {
    const [name, value] = part.trim().split('=', 2);
    if (name === BOOKMARK_COOKIE && value && BOOKMARK.test(value)) return value;
  }
  return null;
}
