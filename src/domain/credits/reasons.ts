/**
 * Why a helper credit moves, and by how much. One line per reason: adding "note_helpful" (an encouragement
 * note its author marked helpful, issue 15's other half) is one more entry here. Kept apart from db/schema/live.ts
 * so the ledger's column and the rules read the same list.
 */
export const CREDIT_RULES = {
  /** Hosting a live session, credited once it has ended. */
  session_hosted: 2,
  /** Answering another member's featured help prompt (once per prompt). */
  help_answered: 1,
  /** Asking the community a question of one's own as a featured help prompt. */
  help_asked: -3,
  /** A help prompt the facilitators declined gives its credits back. */
  help_refunded: 3,
  /** An encouragement note its answer's author marked helpful (src/domain/connect/note-helpful.ts): to the giver. */
  note_helpful: 1,
} as const;

export type CreditReason = keyof typeof CREDIT_RULES;
export const creditReasons = Object.keys(CREDIT_RULES) as [CreditReason, ...CreditReason[]];

/** What a featured help prompt costs. */
export const HELP_PROMPT_COST = -CREDIT_RULES.help_asked;
