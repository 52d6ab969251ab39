/**
 * An author changing a posted answer: who can see it (wider or narrower, at any time) and "claim it"
 * (anonymous → named). Claiming is one way: once an answer showed its author's name, making it anonymous
 * again would pretend the name was never seen, so that is refused (422 already_named).
 *
 * The points ledger is deliberately NOT touched. An anonymous answer's points were recorded with
 * `listed = 0` and stay off the public boards after the claim: if they moved onto the board now, the jump
 * in the member's score would date the claimed answer (and, before the claim, the absence of the jump is
 * what keeps every anonymous answer unmatched). Points the member earned stay exactly where they are.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { communities, submissions } from '../../../db/schema';
import { requireMember, roleIn } from '../communities/access';
import { DomainError, notFound } from '../errors';
import { answerSteps } from '../recognition/ladder';
import { recognizeChange } from '../recognition/effects';
import type { Caller } from '../identity/sessions';
import { localDay } from '../time';

export type Visibility = (typeof submissions.$inferSelect)['visibility'];
const WIDTH: Record<Visibility, number> = { facilitators: 0, community: 1, public: 2 };

/** The caller's own answer with its community; anyone else's (or none) is 404, so existence is not confirmed. */
export async function authorAnswer(db: Db, submissionId: number, caller: Caller) {
  const [row] = await db
    .select({
      id: submissions.id,
      userId: submissions.userId,
      communityId: submissions.communityId,
      promptId: submissions.promptId,
      level: submissions.level,
      body: submissions.body,
      link: submissions.link,
      visibility: submissions.visibility,
      anonymous: submissions.anonymous,
      publicId: submissions.publicId,
      communityName: communities.name,
      communityVisibility: communities.visibility,
      timeZone: communities.timeZone,
      dayStartHour: communities.dayStartHour,
    })
    .from(submissions)
    .innerJoin(communities, eq(communities.id, submissions.communityId))
    .where(eq(submissions.id, submissionId));
  if (!row || row.userId !== caller.id) throw notFound('Answer');
  return row;
}

export interface AnswerSettingsInput {
  submissionId: number;
  caller: Caller;
  visibility?: Visibility | undefined;
  anonymous?: boolean | undefined;
}

/**
 * Applies the author's change in one batch with the ladder step it reaches and the nudge it may earn, and
 * queues the author for their badges (src/domain/recognition/drain.ts), which read the answers as they are then.
 * Narrowing and claiming are always allowed; widening needs the author to still belong to the community
 * (or a facilitators-only answer could be published from outside it).
 */
export async function updateAnswerSettings(db: Db, input: AnswerSettingsInput, now: Date) {
  const answer = await authorAnswer(db, input.submissionId, input.caller);
  if (input.anonymous === true && !answer.anonymous) {
    throw new DomainError('already_named', 'This answer was shown with your name; it cannot become anonymous again');
  }
  const visibility = input.visibility ?? answer.visibility;
  if (WIDTH[visibility] > WIDTH[answer.visibility]) requireMember(await roleIn(db, answer.communityId, input.caller));
  const claim = input.anonymous === false && answer.anonymous;
  if (visibility === answer.visibility && !claim) {
    return { id: answer.id, visibility, anonymous: answer.anonymous };
  }
  const mine = and(eq(submissions.id, answer.id), eq(submissions.userId, input.caller.id));
  const author = { communityId: answer.communityId, userId: answer.userId };
  const today = localDay(now, answer.timeZone, answer.dayStartHour);
  // `anonymous` is only ever written as false, so a racing request can never make a named answer anonymous.
  const anonymous = claim ? false : answer.anonymous;
  const [[row]] = await db.batch([
    db
      .update(submissions)
      .set({ visibility, ...(claim ? { anonymous: false } : {}) })
      .where(mine)
      .returning({ id: submissions.id, visibility: submissions.visibility, anonymous: submissions.anonymous }),
    // Only while the answer is still there: an answer deleted meanwhile reaches no step.
    ...answerSteps(db, author, { visibility, anonymous }, today, now, mine),
    ...recognizeChange(db, author, answer, now),
  ]);
  if (!row) throw notFound('Answer');
  return row;
}
