/** Every rule broken in the domain is a DomainError; src/middleware/errors.ts maps its code to an HTTP status. */
export const errorStatus = {
  invalid_input: 400,
  invalid_json: 400,
  link_invalid: 400,
  image_invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  cross_site: 403,
  not_found: 404,
  already_answered: 409,
  already_member: 409,
  slug_taken: 409,
  last_facilitator: 409,
  series_not_running: 409,
  series_not_paused: 409,
  prompt_not_open: 409,
  prompt_opened: 409,
  idempotency_in_progress: 409,
  webhook_limit: 409,
  payload_too_large: 413,
  unsupported_image: 415,
  idempotency_key_reused: 422,
  import_invalid: 422,
  image_unavailable: 422,
  image_too_large: 422,
  already_named: 422,
  too_many_uploads: 429,
  // Moderation (issue 12).
  already_removed: 409,
  own_answer: 422,
  not_removable: 422,
  // Rate limits (issue 13).
  rate_limited: 429,
  // Stewards (issue 14).
  steward_exists: 409,
  // Answer by replying (issue 11).
  reply_not_from_member: 422,
  // Connect (issue 15): encouragement notes.
  notes_off: 409,
  already_noted: 409,
  reply_not_allowed: 409,
  // Live sessions and helper credits (issue 15).
  credits_insufficient: 409,
  help_not_open: 409,
  already_decided: 409,
  session_started: 409,
  session_not_live: 409,
  own_help_prompt: 422,
  community_archived: 409,
  offer_decided: 409,
  not_public: 422,
  same_community: 422,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface Issue {
  path: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { issues?: Issue[]; existingId?: number } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('not_found', `${what} not found`);

/** A field-level 400, for rules zod cannot express (an unknown time zone, a date that does not exist). */
export const invalidField = (path: string, message: string) =>
  new DomainError('invalid_input', message, { issues: [{ path, message }] });
