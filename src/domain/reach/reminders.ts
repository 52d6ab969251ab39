/**
 * The tick's mail round (issue 11). Finds the members due now (./mail-due.ts), and writes each of them at
 * most one mail covering every community that has something for them today:
 * - daily communities with a prompt open today (a reminder part with a signed answer link),
 * - weekly communities when it is Monday there (a digest part: the week's open prompts, the member's
 *   answers this week, encouragement received, the shout-out roll).
 * Merging rule: the first of a member's slots that fires (at least MIN_GAP_HOURS after their last mail)
 * sends the one mail of the day, with everything due; later slots that day find the member already mailed.
 * Back-off: a daily community whose last three mails had no answer and no open is stepped down to the
 * weekly digest (which says so); an answer there steps it back up at its next slot.
 * Bounded: at most `maxMembers` per run, lowest ids first; the rest are still due at the next tick.
 * Idempotent: mail_sends has one row per member and local day, written in the same batch as the mail, so a
 * racing run fails its batch instead of sending twice.
 */
import { replyAddressWith } from '../mail/reply-address';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { mailSends, settings } from '../../../db/schema';
import { isUniqueViolation } from '../constraints';
import { queueMails, type QueuedMail } from '../mail/queue';
import { composeMail, type MailSection, type MailWords } from './mail-compose';
import { DAY_MS, digestSessions, type DigestSession } from '../live/digest';
import { communityDigest, loadMembers, type CommunityDigest, type MemberMailState } from './mail-context';
import { communitiesNow, dueMembers, firingCommunities, loadToday, type CommunityNow } from './mail-due';
import { preferenceOrDefault, type MailLang } from './mail-preferences';
import { mailSigner, type MailSigner } from './mail-tokens';

/** Daily mails in a row with no answer and no open before the member is stepped down to the digest. */
export const SILENT_DAILIES_BEFORE_STEP_DOWN = 3;
const QUARTER_HOUR = 15 * 60_000;
const ROUND_SETTING = 'mail_round_done';
/** Members per chunk: one statement's worth of ids (D1 binds at most 100 parameters). */
const CHUNK = 90;

export interface ReminderOptions {
  /** Where links in the mail point (PUBLIC_URL). */
  baseUrl: string;
  /** The catalog in a language. */
  words: (lang: MailLang) => MailWords;
  /** Most members handled in one run (default 5,000). */
  maxMembers?: number;
  /** Answer by replying (src/domain/mail/inbound.ts): the inbound address; absent, mail has no Reply-To. */
  replyAddress?: string | undefined;
}

export interface ReminderResult {
  queued: number;
  steppedDown: number;
}

interface Run {
  db: Db;
  now: Date;
  opts: ReminderOptions;
  signer: MailSigner;
  byId: Map<number, CommunityNow>;
  digests: Map<number, Promise<CommunityDigest>>;
  /** Live sessions of the coming day, per community (issue 15): read once per run, for daily reminders. */
  soon: Map<number, Promise<DigestSession[]>>;
}

/** Queues the reminders and digests due at `now`; see the module comment for the rules. */
export async function queueReminders(db: Db, now: Date, opts: ReminderOptions): Promise<ReminderResult> {
  const limit = opts.maxMembers ?? 5_000;
  const result: ReminderResult = { queued: 0, steppedDown: 0 };
  // Slots fire on the hour, half hour or quarter hour somewhere: once a round has mailed everyone due in
  // this quarter hour, the tick's next runs in it cost one read.
  const quarter = String(Math.floor(now.getTime() / QUARTER_HOUR));
  const [done] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, ROUND_SETTING));
  if (done?.value === quarter) return result;
  const all = await communitiesNow(db, now);
  // Who is due, and the community whose slot made them due (its calendar day is the mail's day).
  const due = new Map<number, CommunityNow>();
  for (const c of await firingCommunities(db, all)) {
    if (due.size >= limit) break;
    for (const userId of await dueMembers(db, c, now, limit - due.size)) if (!due.has(userId)) due.set(userId, c);
  }
  let finished = due.size < limit;
  const markDone = () =>
    db.insert(settings).values({ key: ROUND_SETTING, value: quarter, createdAt: now.getTime() }).onConflictDoUpdate({ target: settings.key, set: { value: quarter } });
  if (due.size === 0) {
    await markDone();
    return result;
  }
  const run: Run = { db, now, opts, signer: await mailSigner(db, now), byId: new Map(all.map((c) => [c.id, c])), digests: new Map(), soon: new Map() };
  const ids = [...due.keys()];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const members = await loadMembers(db, chunk, now, run.byId);
    const sends: (typeof mailSends.$inferInsert)[] = [];
    const backOff: BackOffChange[] = [];
    const mails: QueuedMail[] = [];
    let steppedDown = 0;
    for (const id of chunk) {
      const member = members.get(id);
      if (!member) continue;
      const planned = await planMember(run, member, due.get(id)!);
      backOff.push(...planned.backOff);
      if (planned.send) sends.push(planned.send);
      if (planned.mail) mails.push(planned.mail);
      steppedDown += planned.steppedDown;
    }
    const queued = sends.length;
    // The chunk's writes as multi-row statements (a few instead of one or two per member): the sends first,
    // so a racing run's batch fails on its first statement.
    const writes = [];
    // Rows of five values, 20 to a statement: D1 binds at most 100 parameters.
    for (let k = 0; k < sends.length; k += 20) writes.push(db.insert(mailSends).values(sends.slice(k, k + 20)));
    writes.push(...backOffUpdates(db, backOff), ...queueMails(db, mails, now));
    const [first, ...rest] = writes;
    if (!first) continue;
    try {
      await db.batch([first, ...rest]);
    } catch (err) {
      // Another run mailed one of these members meanwhile: its batch stands, this one is dropped whole,
      // and whoever is still due is picked up by the next tick.
      if (isUniqueViolation(err)) {
        finished = false;
        continue;
      }
      throw err;
    }
    result.queued += queued;
    result.steppedDown += steppedDown;
  }
  if (finished) await markDone();
  return result;
}

/** A stored preference's new back-off state. */
interface BackOffChange {
  communityId: number;
  userId: number;
  silentDailies: number;
  lastDailyAt: number | null;
  steppedDownAt: number | null;
}

/** Rows per back-off UPDATE: five values each, D1 binds at most 100 parameters. */
const BACK_OFFS_PER_STATEMENT = 20;

/**
 * The back-off changes as UPDATE … FROM (VALUES …) statements of up to 20 rows: each row touches only its own
 * stored preference, and only the three back-off columns, as one UPDATE per preference did.
 */
function backOffUpdates(db: Db, changes: readonly BackOffChange[]) {
  const statements = [];
  for (let i = 0; i < changes.length; i += BACK_OFFS_PER_STATEMENT) {
    const rows = changes
      .slice(i, i + BACK_OFFS_PER_STATEMENT)
      .map((c) => sql`(${c.communityId}, ${c.userId}, ${c.silentDailies}, ${c.lastDailyAt}, ${c.steppedDownAt})`);
    // SQLite names a VALUES list's columns column1, column2 …
    statements.push(
      db.run(sql`UPDATE mail_preferences SET silent_dailies = v.column3, last_daily_at = v.column4, stepped_down_at = v.column5
        FROM (VALUES ${sql.join(rows, sql`, `)}) AS v WHERE mail_preferences.community_id = v.column1 AND mail_preferences.user_id = v.column2`),
    );
  }
  return statements;
}

async function planMember(run: Run, member: MemberMailState, firing: CommunityNow) {
  const { db, now } = run;
  const t = now.getTime();
  const backOff: BackOffChange[] = [];
  const sections: MailSection[] = [];
  const covered: number[] = [];
  let steppedDown = 0;
  let digest = false;
  /** The first reminder's prompt: the one a reply answers, when the mail is only about it. */
  let reminded: { promptId: number; community: CommunityNow } | undefined;
  for (const m of member.memberships) {
    const c = run.byId.get(m.communityId);
    if (!c) continue;
    const before = preferenceOrDefault(m.pref, c.id, member.id);
    const p = { ...before };
    if (p.mode === 'off' || (p.pausedUntil !== null && p.pausedUntil > t)) continue;
    const lastAnswer = member.answers.get(c.id)?.last ?? 0;
    if (p.mode === 'daily' && p.steppedDownAt !== null && lastAnswer > p.steppedDownAt) {
      p.steppedDownAt = null;
      p.silentDailies = 0;
    }
    if (p.mode === 'daily' && p.steppedDownAt === null) {
      if (p.lastDailyAt !== null && lastAnswer >= p.lastDailyAt) p.silentDailies = 0;
      if (p.silentDailies >= SILENT_DAILIES_BEFORE_STEP_DOWN) {
        p.steppedDownAt = t;
        p.silentDailies = 0;
        steppedDown++;
      }
    }
    if (p.mode === 'daily' && p.steppedDownAt === null) {
      // A community merged in without its own slot now: read its prompt once for the run.
      if (c.today === undefined) await loadToday(db, [c]);
      if (c.today) {
        reminded ??= { promptId: c.today.id, community: c };
        const sessions = (await soonOf(run, c)).map((s) => ({ title: s.title, when: s.when, url: sessionUrl(run, c, s.id) }));
        sections.push({ kind: 'reminder', community: c, prompt: c.today, answerUrl: await answerUrl(run, member.id, c.today.id, c), unsubscribeUrl: await unsubscribeUrl(run, member.id, [c.id]), sessions });
        covered.push(c.id);
        p.silentDailies += 1;
        p.lastDailyAt = t;
      }
    } else if (c.isMonday) {
      const d = await digestOf(run, c);
      const open = [];
      for (const prompt of d.open) open.push({ ...prompt, answerUrl: await answerUrl(run, member.id, prompt.id, c) });
      sections.push({
        kind: 'digest',
        community: c,
        open,
        answerDays: member.rhythm.get(c.id)?.days ?? 0,
        goal: member.rhythm.get(c.id)?.goal ?? null,
        kudosReceived: member.kudos.get(c.id) ?? 0,
        rollUrl: d.rollWeek ? `${run.opts.baseUrl}/c/${encodeURIComponent(c.slug)}/week/${d.rollWeek}` : null,
        sessions: d.sessions.map((s) => ({ title: s.title, when: s.when, url: sessionUrl(run, c, s.id) })),
        steppedDown: p.mode === 'daily',
        unsubscribeUrl: await unsubscribeUrl(run, member.id, [c.id]),
      });
      covered.push(c.id);
      digest = true;
    }
    // Back-off state only moves for daily mail, which needs a stored row: members on the default keep none.
    if (m.pref && (p.silentDailies !== before.silentDailies || p.lastDailyAt !== before.lastDailyAt || p.steppedDownAt !== before.steppedDownAt)) {
      const { silentDailies, lastDailyAt, steppedDownAt } = p;
      backOff.push({ communityId: c.id, userId: member.id, silentDailies, lastDailyAt, steppedDownAt });
    }
  }
  // The slot that fired must have something of its own (it may just have been stepped down): otherwise the
  // mail waits for the member's next slot, so every mail goes out at an hour chosen for a community it covers.
  if (!covered.includes(firing.id)) return { backOff, send: null, mail: null, steppedDown };
  // Answer by replying: only a mail about exactly one prompt, so a reply can only mean that prompt.
  const replyTo = reminded ? await replyAddress(run, member.id, sections, reminded) : null;
  const mail = composeMail(run.opts.words(member.lang), sections, `${run.opts.baseUrl}/me#mail-heading`, member.lang);
  const host = new URL(run.opts.baseUrl).hostname;
  // One community: that community's list; a merged mail: the member's Kindling list, whose one-click link stops all it covers.
  const listId = sections.length === 1 ? `<${run.byId.get(covered[0]!)!.slug}.reminders.${host}>` : `<reminders.${host}>`;
  const send = { userId: member.id, localDay: firing.calendarDay, kind: digest ? ('digest' as const) : ('reminder' as const), communities: covered, sentAt: t };
  const queued: QueuedMail = {
    to: member.email,
    ...mail,
    kind: digest ? 'digest' : 'reminder',
    actionUrl: sections[0]!.kind === 'reminder' ? sections[0]!.answerUrl : null,
    headers: {
      // One community: its own stop link, already signed for the footer.
      'List-Unsubscribe': `<${covered.length === 1 ? sections[0]!.unsubscribeUrl : await unsubscribeUrl(run, member.id, covered)}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'List-Id': listId,
      ...(replyTo ? { 'Reply-To': replyTo } : {}),
    },
  };
  return { backOff, send, mail: queued, steppedDown };
}

/** The signed reply address for a mail that is one reminder, marking that section; else null. */
async function replyAddress(run: Run, userId: number, sections: MailSection[], reminded: { promptId: number; community: CommunityNow }) {
  const only = sections.length === 1 ? sections[0]! : null;
  if (!run.opts.replyAddress || only?.kind !== 'reminder') return null;
  only.replyable = true;
  const token = await run.signer.signReply({ userId, promptId: reminded.promptId, expiresAt: reminded.community.promptDayEndsAt });
  return replyAddressWith(run.opts.replyAddress, token);
}

function digestOf(run: Run, c: CommunityNow) {
  let d = run.digests.get(c.id);
  if (!d) run.digests.set(c.id, (d = communityDigest(run.db, c, run.now)));
  return d;
}

function soonOf(run: Run, c: CommunityNow) {
  let s = run.soon.get(c.id);
  if (!s) run.soon.set(c.id, (s = digestSessions(run.db, c, run.now, DAY_MS)));
  return s;
}

const sessionUrl = (run: Run, c: CommunityNow, id: number) => `${run.opts.baseUrl}/c/${encodeURIComponent(c.slug)}/live/${id}`;

async function unsubscribeUrl(run: Run, userId: number, communityIds: number[]) {
  return `${run.opts.baseUrl}/mail/unsubscribe/${await run.signer.sign({ purpose: 'unsubscribe', userId, communityIds })}`;
}

/** Good until the community's current prompt day ends: a nudge for today, not a key to keep. */
async function answerUrl(run: Run, userId: number, promptId: number, c: CommunityNow) {
  return `${run.opts.baseUrl}/mail/answer/${await run.signer.sign({ purpose: 'answer', userId, promptId, expiresAt: c.promptDayEndsAt })}`;
}
