/**
 * "Ask me about" (issue 15): the short list of practice areas a member offers to be asked about.
 *
 * Pure rules only, so the gating can be tested without a database: the store and routes (later
 * slice) feed in the member's own topics, their answers and their opt-in flag.
 * Two promises hold here and nowhere else:
 * - nothing at all is shown for a member who has not opted in;
 * - anonymous answers never contribute, so a practice area can never point back to one.
 */

/** How many topics a member may add themselves, and how long each may be. */
export const MAX_OWN_TOPICS = 5;
export const MAX_TOPIC_LENGTH = 60;
/** How many derived practice areas a profile shows. */
export const MAX_DERIVED_AREAS = 5;

/** One answer as seen by the derivation: only its series title and whether it was anonymous. */
export interface AnsweredPrompt {
  anonymous: boolean;
  /** Title of the series the prompt belonged to; null for a one-off prompt (no theme to name). */
  seriesTitle: string | null;
}

export interface AskMeAbout {
  /** The member's own topics, cleaned, in the order they gave them. */
  topics: string[];
  /** Series the member answered under their name, most answered first, with the count as the reason. */
  practiceAreas: { label: string; namedAnswers: number }[];
}

/**
 * Cleans topics a member typed: trims, collapses spaces, drops empties and case-insensitive
 * duplicates, cuts each to MAX_TOPIC_LENGTH and keeps at most MAX_OWN_TOPICS.
 */
export function cleanTopics(raw: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of raw) {
    const topic = value.replace(/\s+/g, ' ').trim().slice(0, MAX_TOPIC_LENGTH).trim();
    const key = topic.toLocaleLowerCase();
    if (!topic || seen.has(key)) continue;
    seen.add(key);
    out.push(topic);
    if (out.length === MAX_OWN_TOPICS) break;
  }
  return out;
}

/**
 * Derives practice areas from named answers: each series title counts once per named answer;
 * the most answered come first (ties by title, so the list is stable). Explainable on purpose:
 * "you answered 4 prompts of the series X under your name".
 */
export function derivePracticeAreas(answers: readonly AnsweredPrompt[]): AskMeAbout['practiceAreas'] {
  const counts = new Map<string, number>();
  for (const answer of answers) {
    if (answer.anonymous || !answer.seriesTitle) continue;
    counts.set(answer.seriesTitle, (counts.get(answer.seriesTitle) ?? 0) + 1);
  }
  return [...counts]
    .map(([label, namedAnswers]) => ({ label, namedAnswers }))
    .sort((a, b) => b.namedAnswers - a.namedAnswers || a.label.localeCompare(b.label))
    .slice(0, MAX_DERIVED_AREAS);
}

/**
 * What a community page may show of a member: null (nothing at all) unless they opted in.
 */
export function askMeAboutFor(input: {
  optedIn: boolean;
  topics: readonly string[];
  answers: readonly AnsweredPrompt[];
}): AskMeAbout | null {
  if (!input.optedIn) return null;
  return { topics: cleanTopics(input.topics), practiceAreas: derivePracticeAreas(input.answers) };
}

/** True when a shown entry matches a helpers search (case-insensitive, on topics and areas). */
export function matchesHelperSearch(entry: AskMeAbout, query: string): boolean {
  const q = query.trim().toLocaleLowerCase();
  if (!q) return true;
  return [...entry.topics, ...entry.practiceAreas.map((a) => a.label)].some((label) =>
    label.toLocaleLowerCase().includes(q),
  );
}
