/** Recognises SQLite constraint failures through Drizzle's wrapper, on libSQL and D1 alike. */
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if (/UNIQUE constraint failed|PRIMARY KEY constraint failed/i.test(e.message)) return true;
  }
  return false;
}
