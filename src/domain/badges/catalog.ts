/**
 * The badges, as data: each has a rule over a member's facts in one community (facts.ts) that answers
 * with the evidence it rests on, or null. Rules are pure, so granting and revoking are one recomputation:
 * a badge whose rule no longer holds (an answer deleted) is revoked by the next refresh.
 */
import type { AnswerFact, BadgeFacts } from './facts';
import type { RhythmFacts } from './rhythm-facts';

export type Tier = 'bronze' | 'silver' | 'gold';

/** What evidence ids are: the member's own answers, or answers by others that the member encouraged. */
export type EvidenceKind = 'own-answers' | 'encouraged';

export interface Earned {
  /** Submission ids, oldest first. */
  evidence: number[];
}

/**
 * A member's running facts after new answers, when nothing else changed since their last refresh
 * (progress.ts): enough for each badge to tell whether a full refresh could change it.
 */
export interface Appended {
  answerCount: number;
  hasHard: boolean;
  hasPublic: boolean;
  /** Whether some series is complete (the rule's terms); only worked out while the series badge is not held. */
  seriesComplete: boolean;
  /** The rhythm with the new answers, as of the refresh's day. */
  rhythm: RhythmFacts;
  /** The longest run's weeks at the last refresh: its first weeks are a held rhythm badge's evidence. */
  runWeeksBefore: string[];
  /** The weeks (Mondays) the new answers were given in. */
  newWeeks: Set<string>;
}

export interface BadgeDefinition {
  id: string;
  name: string;
  description: string;
  tier: Tier;
  /** How it is earned, in plain words: also the Open Badges `criteria.narrative`. */
  criteria: string;
  evidenceKind: EvidenceKind;
  rule: (facts: BadgeFacts) => Earned | null;
  /**
   * With only new answers since the last refresh (answers come after every earlier one): could the rule now
   * hold when it did not, or, `held`, name other evidence? False means the refresh would change nothing.
   */
  mayChange: (appended: Appended, held: boolean) => boolean;
}

const ids = (answers: AnswerFact[]) => answers.map((a) => a.id);
const first = (answer: AnswerFact | undefined): Earned | null => (answer ? { evidence: [answer.id] } : null);
const atLeast = (n: number) => (f: BadgeFacts) => (f.answers.length >= n ? { evidence: ids(f.answers.slice(0, n)) } : null);
/** For badges whose evidence is the earliest answers: new ones can only earn them, never move them. */
const onceEarned = (holds: (a: Appended) => boolean) => (a: Appended, held: boolean) => !held && holds(a);
/** For badges new answers never touch (kudos, spotlights, the first answer's welcome). */
const never = () => false;

/** The answers of the first `n` weeks of the member's longest rhythm run, or null before the run is that long. */
const rhythmRun = (n: number) => (f: BadgeFacts) => {
  if (f.rhythm.longestRun < n) return null;
  const weeks = new Set(f.rhythm.runWeeks.slice(0, n));
  return { evidence: ids(f.answers.filter((a) => weeks.has(a.weekOf))) };
};
/** A run of `n` weeks reached, or, held, its first `n` weeks moved to another run or took a new answer. */
const rhythmRunMoved = (n: number) => (a: Appended, held: boolean) => {
  if (!held) return a.rhythm.longestRun >= n;
  const weeks = a.rhythm.runWeeks.slice(0, n);
  return weeks.join() !== a.runWeeksBefore.slice(0, n).join() || weeks.some((w) => a.newWeeks.has(w));
};

export const BADGES: readonly BadgeDefinition[] = [
  {
    id: 'first-answer', name: 'First answer', tier: 'bronze', evidenceKind: 'own-answers',
    description: 'Answered a first prompt in this community.',
    criteria: 'Answer any prompt of the community, at either level.',
    rule: (f) => first(f.answers[0]),
    mayChange: onceEarned((a) => a.answerCount > 0),
  },
  {
    id: 'welcomed', name: 'Welcomed', tier: 'bronze', evidenceKind: 'own-answers',
    description: 'Your first answer here was encouraged by another member: welcome, first-time contributor.',
    criteria: "Receive encouragement (kudos) from another member on one's first answer in the community.",
    rule: (f) => (f.answers[0] && f.answers[0].kudosReceived > 0 ? first(f.answers[0]) : null),
    // A new answer has no kudos yet, and kudos queue a full refresh.
    mayChange: never,
  },
  {
    id: 'first-hard-answer', name: 'Took the hard one', tier: 'bronze', evidenceKind: 'own-answers',
    description: 'Answered the hard option of a prompt.',
    criteria: 'Answer the hard option of any prompt.',
    rule: (f) => first(f.answers.find((a) => a.level === 'hard')),
    mayChange: onceEarned((a) => a.hasHard),
  },
  {
    id: 'first-public-answer', name: 'Shared publicly', tier: 'bronze', evidenceKind: 'own-answers',
    description: 'Shared an answer with everyone, beyond the community.',
    criteria: 'Answer a prompt with the visibility "public".',
    rule: (f) => first(f.answers.find((a) => a.visibility === 'public')),
    mayChange: onceEarned((a) => a.hasPublic),
  },
  {
    id: 'answers-5', name: 'Five small things', tier: 'bronze', evidenceKind: 'own-answers',
    description: 'Answered five prompts.', criteria: 'Give five answers in the community.', rule: atLeast(5),
    mayChange: onceEarned((a) => a.answerCount >= 5),
  },
  {
    id: 'answers-20', name: 'Twenty small things', tier: 'silver', evidenceKind: 'own-answers',
    description: 'Answered twenty prompts.', criteria: 'Give twenty answers in the community.', rule: atLeast(20),
    mayChange: onceEarned((a) => a.answerCount >= 20),
  },
  {
    id: 'answers-50', name: 'Fifty small things', tier: 'gold', evidenceKind: 'own-answers',
    description: 'Answered fifty prompts.', criteria: 'Give fifty answers in the community.', rule: atLeast(50),
    mayChange: onceEarned((a) => a.answerCount >= 50),
  },
  {
    id: 'rhythm-4', name: 'Found a rhythm', tier: 'silver', evidenceKind: 'own-answers',
    description: 'Met your weekly rhythm four weeks in a row.',
    criteria: "Meet one's weekly answer-days goal for four consecutive community weeks (declared rest weeks do not break a run).",
    rule: rhythmRun(4),
    mayChange: rhythmRunMoved(4),
  },
  {
    id: 'rhythm-12', name: 'A season of practice', tier: 'gold', evidenceKind: 'own-answers',
    description: 'Met your weekly rhythm twelve weeks in a row.',
    criteria: "Meet one's weekly answer-days goal for twelve consecutive community weeks (declared rest weeks do not break a run).",
    rule: rhythmRun(12),
    mayChange: rhythmRunMoved(12),
  },
  {
    id: 'series-completed', name: 'Series completed', tier: 'silver', evidenceKind: 'own-answers',
    description: 'Answered every prompt of a series.',
    criteria: 'Answer every prompt (at either level) of a series that has finished or whose prompts have all opened.',
    rule: (f) => (f.completedSeries[0] ? { evidence: f.completedSeries[0].answers } : null),
    // Held, its evidence is the first series completed: a new answer completes one later, if any.
    mayChange: onceEarned((a) => a.seriesComplete),
  },
  {
    id: 'kudos-10', name: 'Encourager', tier: 'silver', evidenceKind: 'encouraged',
    description: "Encouraged other members' answers ten times.",
    criteria: "Give ten kudos to other members' answers in the community.",
    // Several kinds of kudos on one answer count each; the evidence names each answer once.
    rule: (f) => (f.kudosGiven.length >= 10 ? { evidence: [...new Set(f.kudosGiven.slice(0, 10))] } : null),
    mayChange: never,
  },
  {
    id: 'spotlighted', name: 'In the spotlight', tier: 'silver', evidenceKind: 'own-answers',
    description: 'A facilitator spotlighted one of your answers.',
    criteria: "Have an answer spotlighted by one of the community's facilitators.",
    rule: (f) => (f.spotlighted[0] !== undefined ? { evidence: [f.spotlighted[0]] } : null),
    mayChange: never,
  },
];

export const badgeById = (id: string) => BADGES.find((b) => b.id === id);

/** The catalogue as served by GET /api/badges: the rules stay on the server. */
export function catalog() {
  return BADGES.map(({ id, name, description, tier, criteria }) => ({ id, name, description, tier, criteria }));
}
