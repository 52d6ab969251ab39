/**
 * "Who can help": the members of a community who opted in to be asked, with their topics and practice
 * areas, searchable. Nothing at all of a member who has not opted in (askMeAboutFor).
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { connectSettings, memberships, users } from '../../../db/schema';
import { communityForViewer, requireMember } from '../communities/access';
import type { Caller } from '../identity/sessions';
import { askMeAboutFor, matchesHelperSearch, type AskMeAbout } from './ask-me-about';
import { namedAnswersOfMany } from './named-answers';
import { parseTopics } from './settings';

export interface Helper extends AskMeAbout {
  userId: number;
  name: string;
}

/**
 * Members of the community who opted in (and still belong to it), by name, filtered by `q` on their topics
 * and practice areas. Members only: private communities are 404 to outsiders, public ones 403 to visitors.
 */
export async function whoCanHelp(db: Db, input: { slug: string; caller: Caller; q?: string | undefined }): Promise<{ helpers: Helper[]; q: string }> {
  const { community, role } = await communityForViewer(db, input.slug, input.caller);
  requireMember(role);
  const rows = await db
    .select({ userId: connectSettings.userId, name: users.name, topics: connectSettings.topics, erased: users.erased })
    .from(connectSettings)
    .innerJoin(memberships, and(eq(memberships.communityId, connectSettings.communityId), eq(memberships.userId, connectSettings.userId)))
    .innerJoin(users, eq(users.id, connectSettings.userId))
    .where(and(eq(connectSettings.communityId, community.id), eq(connectSettings.askOptIn, true)));
  const live = rows.filter((r) => !r.erased);
  const answers = await namedAnswersOfMany(db, community.id, live.map((r) => r.userId));
  const q = input.q?.trim() ?? '';
  const helpers: Helper[] = [];
  for (const row of live) {
    const shown = askMeAboutFor({ optedIn: true, topics: parseTopics(row.topics), answers: answers.get(row.userId) ?? [] });
    if (shown && (shown.topics.length > 0 || shown.practiceAreas.length > 0) && matchesHelperSearch(shown, q)) {
      helpers.push({ userId: row.userId, name: row.name, ...shown });
    }
  }
  helpers.sort((a, b) => a.name.localeCompare(b.name) || a.userId - b.userId);
  return { helpers, q };
}
