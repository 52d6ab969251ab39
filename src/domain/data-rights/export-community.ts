/**
 * A community's export for its facilitators: settings, series and prompts, answers with kudos counts, members
 * (display names and roles, never emails), live sessions and help prompts (./export-live.ts), and the images
 * of public answers, in one zip. Anonymous answers
 * carry no author and, like everywhere facilitators read them beside named ones, only the hour they were
 * posted; answers are named by their public ids, which say nothing of their order or author.
 */
import { and, asc, eq, gt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import * as t from '../../../db/schema';
import type { ImageStore } from '../../storage';
import { communityForViewer, requireFacilitator } from '../communities/access';
import { hourOf } from '../answers/hour';
import { answerVisibleSql } from '../answers/visibility';
import type { Caller } from '../identity/sessions';
import { DomainError } from '../errors';
import { imageEntries } from './image-entries';
import { liveExport } from './export-live';
import { streamedJsonEntry, zipStream } from './zip-stream';
import type { Pacing } from '../pacing';

export const COMMUNITY_EXPORT_FILE = 'community.json';

/** `pause`: awaited after each page of answers; `answersPerPage`: ANSWERS_PER_PAGE unless a test says otherwise. */
export interface ExportPacing extends Pacing {
  answersPerPage?: number;
}

/**
 * The community's data (as above) and its public images. Private communities are 404 to outsiders, and
 * anyone but the community's own facilitators gets 403: the export holds every answer's text, which a
 * steward outside the community may not read (src/domain/answers/visibility.ts). The answers come from `answers()`,
 * prompt by prompt and page by page, so a big community's are never all held at once.
 */
export async function communityExport(db: Db, slug: string, caller: Caller | null, now: Date, pacing: ExportPacing = {}) {
  const { community, role } = await communityForViewer(db, slug, caller);
  if (role === 'steward') throw new DomainError('forbidden', "Only the community's facilitators can export its answers");
  requireFacilitator(role);
  const c = community.id;
  // What the facilitator may read, by the one rule (src/domain/answers/visibility.ts): a removed answer is
  // read by no one, so it is not exported either.
  const readable = answerVisibleSql({ role: 'facilitator', callerId: caller?.id ?? null });
  const [seriesRows, promptRows, members, images] = await db.batch([
    db.select().from(t.series).where(eq(t.series.communityId, c)).orderBy(asc(t.series.id)),
    db.select().from(t.prompts).where(eq(t.prompts.communityId, c)).orderBy(asc(t.prompts.seriesId), asc(t.prompts.position)),
    db
      .select({ name: t.users.name, role: t.memberships.role, joinedAt: t.memberships.joinedAt })
      .from(t.memberships)
      .innerJoin(t.users, eq(t.users.id, t.memberships.userId))
      .where(eq(t.memberships.communityId, c))
      .orderBy(asc(t.memberships.joinedAt)),
    db
      .select({ id: t.images.id, contentType: t.images.contentType })
      .from(t.images)
      .innerJoin(t.submissions, eq(t.submissions.imageId, t.images.id))
      .where(and(eq(t.submissions.communityId, c), eq(t.submissions.visibility, 'public'), readable)),
  ]);
  const live = await liveExport(db, community);
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  const { files, pathOf } = imageEntries(images);
  const exported = new Set(images.map((i) => i.id));

  const data = {
    format: 'kindling-community-export/1',
    exportedAt: now.toISOString(),
    community: {
      slug: community.slug,
      name: community.name,
      timeZone: community.timeZone,
      dayStartHour: community.dayStartHour,
      visibility: community.visibility,
      createdAt: iso(community.createdAt),
    },
    // A live session's one-prompt series is exported with its session (liveSessions), not as a series.
    series: seriesRows.filter((s) => s.liveSessionId === null).map((s) => ({
      id: s.id,
      title: s.title,
      description: s.description,
      startDate: s.startDate,
      cadence: s.cadence,
      status: s.status,
      closesAt: iso(s.closesAt),
      prompts: promptRows
        .filter((p) => p.seriesId === s.id)
        .map((p) => ({
          id: p.id,
          position: p.position,
          opensOn: p.opensOn,
          easy: { text: p.easyText, points: p.easyPoints },
          hard: { text: p.hardText, points: p.hardPoints },
        })),
    })),
    members: members.map((m) => ({ name: m.name, role: m.role, joinedAt: iso(m.joinedAt) })),
    // Its place in the document: the list itself is written from `answers()` below, prompt by prompt.
    answers: [] as unknown[],
    ...live,
  };
  const image = (id: string | null) => (id && exported.has(id) ? pathOf(id) : null);
  // By prompt, each prompt's answers by public id (never by time or id: that would tell their order).
  const promptIds = promptRows.map((p) => p.id).sort((a, b) => a - b);
  const perPage = pacing.answersPerPage ?? ANSWERS_PER_PAGE;
  async function* answers() {
    for (const promptId of promptIds) {
      for (let after = ''; ; ) {
        const page = await answersOfPrompt(db, promptId, readable, { after, limit: perPage });
        yield page.map(asExported);
        await pacing.pause?.();
        if (page.length < perPage) break;
        // Every answer has a public id (set on insert; migration 0012 gave the older ones theirs).
        after = page.at(-1)!.publicId!;
      }
    }
  }
  function asExported(a: Awaited<ReturnType<typeof answersOfPrompt>>[number]) {
    return {
      id: a.publicId,
      promptId: a.promptId,
      level: a.level,
      author: a.anonymous ? null : a.author,
      anonymous: a.anonymous,
      body: a.body,
      link: a.link,
      visibility: a.visibility,
      points: a.points,
      kudos: Number(a.kudos),
      image: image(a.imageId),
      createdAt: iso(a.anonymous ? hourOf(a.createdAt) : a.createdAt),
    };
  }
  return { community, data, answers, files };
}

/**
 * Answers read (and written out) at once: a prompt of the full bench's 10,000-member community has ~6,600, which
 * held the server's thread ~0.5 s in one piece.
 */
const ANSWERS_PER_PAGE = 1000;

/** A page of one prompt's answers as the export lists them, by public id after `after`, with their kudos counts. */
function answersOfPrompt(db: Db, promptId: number, readable: SQL, page: { after: string; limit: number }) {
  return db
    .select({
      publicId: t.submissions.publicId,
      promptId: t.submissions.promptId,
      level: t.submissions.level,
      body: t.submissions.body,
      link: t.submissions.link,
      visibility: t.submissions.visibility,
      anonymous: t.submissions.anonymous,
      author: t.users.name,
      points: t.submissions.points,
      imageId: t.submissions.imageId,
      createdAt: t.submissions.createdAt,
      kudos: sql<number>`(select count(*) from ${t.kudos} where ${t.kudos.submissionId} = ${t.submissions.id})`,
    })
    .from(t.submissions)
    .innerJoin(t.users, eq(t.users.id, t.submissions.userId))
    // By prompt alone (the prompt is the community's): with the community in the condition too, SQLite walked the
    // community's whole timeline index for every page.
    .where(and(eq(t.submissions.promptId, promptId), gt(t.submissions.publicId, page.after), readable))
    .orderBy(asc(t.submissions.publicId))
    .limit(page.limit);
}

/** The community export as a streamed zip (see ./zip-stream.ts). */
export async function communityExportZip(
  db: Db,
  store: ImageStore,
  slug: string,
  caller: Caller | null,
  now: Date,
  pacing: ExportPacing = {},
) {
  const { community, data, answers, files } = await communityExport(db, slug, caller, now, pacing);
  const json = streamedJsonEntry(COMMUNITY_EXPORT_FILE, data, 'answers', answers);
  return { slug: community.slug, stream: zipStream([json, ...files(store)], now) };
}
