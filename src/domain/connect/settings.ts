/**
 * A member's connect settings in one community (issue 15): opting in to "ask me about", their own
 * topics, and turning encouragement notes off. Rows exist only once a member changed something; the
 * defaults (not opted in, no topics, notes on) stand for everyone else.
 */
import { and, count, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { connectSettings, noteBlocks, notes, users } from '../../../db/schema';
import { communityForViewer, requireMember } from '../communities/access';
import type { Caller } from '../identity/sessions';
import { askMeAboutFor, cleanTopics, type AskMeAbout } from './ask-me-about';
import { namedAnswersOf } from './named-answers';

export interface ConnectSettings {
  askOptIn: boolean;
  topics: string[];
  notesOff: boolean;
}

const DEFAULTS: ConnectSettings = { askOptIn: false, topics: [], notesOff: false };

/** Topics as stored (a JSON array); anything unreadable counts as none rather than failing a page. */
export function parseTopics(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? cleanTopics(value.filter((v): v is string => typeof v === 'string')) : [];
  } catch {
    return [];
  }
}

/** The settings of one member in one community (the defaults when they never changed any). */
export async function settingsOf(db: Db, communityId: number, userId: number): Promise<ConnectSettings> {
  const [row] = await db
    .select()
    .from(connectSettings)
    .where(and(eq(connectSettings.communityId, communityId), eq(connectSettings.userId, userId)));
  return row ? { askOptIn: row.askOptIn, topics: parseTopics(row.topics), notesOff: row.notesOff } : { ...DEFAULTS };
}

export interface MyConnect extends ConnectSettings {
  /** What others see of the caller: null while not opted in. */
  shown: AskMeAbout | null;
  /** Practice areas from the caller's named answers, shown to them even before they opt in. */
  practiceAreas: AskMeAbout['practiceAreas'];
  /** Members the caller blocked from sending notes here. */
  blocked: { userId: number; name: string }[];
  /**
   * The giver's recognition for notes (issue 15): notes they left here and how many the authors marked
   * helpful. Notes credit the one who gives them, never the receiver's points.
   */
  notesGiven: { sent: number; markedHelpful: number };
}

/**
 * The caller's connect settings in a community they belong to, with what others would see of them.
 * Outsiders of a private community get 404 (communityForViewer); visitors of a public one 403.
 */
export async function myConnect(db: Db, input: { slug: string; caller: Caller }): Promise<MyConnect> {
  const { community, role } = await communityForViewer(db, input.slug, input.caller);
  requireMember(role);
  const settings = await settingsOf(db, community.id, input.caller.id);
  const answers = await namedAnswersOf(db, community.id, input.caller.id);
  const preview = askMeAboutFor({ optedIn: true, topics: settings.topics, answers });
  const blocked = await db
    .select({ userId: noteBlocks.blockedId, name: users.name })
    .from(noteBlocks)
    .innerJoin(users, eq(users.id, noteBlocks.blockedId))
    .where(and(eq(noteBlocks.communityId, community.id), eq(noteBlocks.blockerId, input.caller.id)));
  const [given] = await db
    .select({ sent: count(), markedHelpful: sql<number>`coalesce(sum(${notes.helpfulAt} is not null), 0)` })
    .from(notes)
    .where(and(eq(notes.communityId, community.id), eq(notes.senderId, input.caller.id)));
  return {
    ...settings,
    shown: settings.askOptIn ? preview : null,
    practiceAreas: preview!.practiceAreas,
    blocked,
    notesGiven: { sent: Number(given?.sent ?? 0), markedHelpful: Number(given?.markedHelpful ?? 0) },
  };
}

/**
 * Changes the caller's connect settings (only the fields given); topics are cleaned by `cleanTopics`.
 * One upsert; the same request twice leaves the same row.
 */
export async function updateConnect(
  db: Db,
  input: { slug: string; caller: Caller; askOptIn?: boolean | undefined; topics?: string[] | undefined; notesOff?: boolean | undefined },
  now: Date,
): Promise<MyConnect> {
  const { community, role } = await communityForViewer(db, input.slug, input.caller);
  requireMember(role);
  const current = await settingsOf(db, community.id, input.caller.id);
  const next = {
    askOptIn: input.askOptIn ?? current.askOptIn,
    topics: JSON.stringify(input.topics ? cleanTopics(input.topics) : current.topics),
    notesOff: input.notesOff ?? current.notesOff,
    updatedAt: now.getTime(),
  };
  await db
    .insert(connectSettings)
    .values({ communityId: community.id, userId: input.caller.id, ...next })
    .onConflictDoUpdate({ target: [connectSettings.communityId, connectSettings.userId], set: { ...next, updatedAt: sql`excluded.updated_at` } });
  return myConnect(db, input);
}
