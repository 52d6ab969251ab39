/** Recognises SQLite constraint failures through Drizzle's wrapper, on libSQL and D1 alike. */
const failed = (err: unknown, pattern: RegExp) => {
  for (let e: unknown = err; e instanceof Error; e = e.cause) if (pattern.test(e.message)) return true;
  return false;
};

export const isUniqueViolation = (err: unknown) => failed(err, /UNIQUE constraint failed|PRIMARY KEY constraint failed/i);

export const isNotNullViolation = (err: unknown) => failed(err, /NOT NULL constraint failed/i);

/** The credits ledger's trigger refused a spend that would take a balance below zero. */
export const isCreditsInsufficient = (err: unknown) => failed(err, /credits_insufficient/);
