/**
 * The live sessions and help prompts of a community's export (issue 15), under the export's rules
 * (./export-community.ts): people by their display name only, never an email; what no one may read any more
 * is not there (a removed answer to a help prompt is deleted, so it is gone; one hidden by the facilitators is
 * theirs to read, so it is there, marked). Hosts and askers are always named: neither can be anonymous.
 */
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import * as t from '../../../db/schema';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The community's sessions (oldest first, each with its own prompt, if any) and help prompts with their answers. */
export async function liveExport(db: Db, community: { id: number; slug: string }) {
  const c = community.id;
  const [sessions, asked, replies] = await db.batch([
    db
      .select({ s: t.liveSessions, host: t.users.name, promptId: t.prompts.id, easy: t.prompts.easyText, hard: t.prompts.hardText })
      .from(t.liveSessions)
      .innerJoin(t.users, eq(t.users.id, t.liveSessions.hostId))
      .leftJoin(t.prompts, eq(t.prompts.liveSessionId, t.liveSessions.id))
      .where(eq(t.liveSessions.communityId, c))
      .orderBy(asc(t.liveSessions.startsAt), asc(t.liveSessions.id)),
    db
      .select({ r: t.helpRequests, asker: t.users.name })
      .from(t.helpRequests)
      .innerJoin(t.users, eq(t.users.id, t.helpRequests.userId))
      .where(eq(t.helpRequests.communityId, c))
      .orderBy(asc(t.helpRequests.id)),
    db
      .select({ id: t.helpReplies.id, requestId: t.helpReplies.requestId, author: t.users.name, body: t.helpReplies.body, moderation: t.helpReplies.moderation, createdAt: t.helpReplies.createdAt })
      .from(t.helpReplies)
      .innerJoin(t.users, eq(t.users.id, t.helpReplies.userId))
      .where(eq(t.helpReplies.communityId, c))
      .orderBy(asc(t.helpReplies.id)),
  ]);
  return {
    liveSessions: sessions.map(({ s, host, promptId, easy, hard }) => ({
      id: s.id,
      kind: s.kind,
      title: s.title,
      host,
      startsAt: iso(s.startsAt),
      endsAt: iso(s.endsAt),
      /** The session's page, from the site's root. */
      page: `/c/${community.slug}/live/${s.id}`,
      callUrl: s.callUrl,
      /** Its own prompt; its answers are among `answers` under this prompt id. */
      prompt: promptId === null ? null : { id: promptId, easy, hard },
    })),
    helpPrompts: asked.map(({ r, asker }) => ({
      id: r.id,
      question: r.question,
      status: r.status,
      asker,
      createdAt: iso(r.createdAt),
      decidedAt: iso(r.decidedAt),
      answers: replies
        .filter((a) => a.requestId === r.id)
        .map((a) => ({ id: a.id, author: a.author, body: a.body, hidden: a.moderation === 'hidden', createdAt: iso(a.createdAt) })),
    })),
  };
}
