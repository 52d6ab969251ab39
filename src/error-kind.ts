/**
 * What may be logged of an unexpected error: its class and the driver's code (SQLITE_BUSY, SQLITE_CONSTRAINT…).
 * Never its message: Drizzle's query errors quote the query and its parameters (answer bodies, addresses), and
 * mail servers' errors quote the recipient.
 */
export function errorKind(err: unknown): string {
  if (!(err instanceof Error)) return typeof err;
  const code = codeOf(err) ?? codeOf(err.cause);
  return code ? `${err.name} ${code}` : err.name;
}

function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{1,64}$/.test(code) ? code : undefined;
}
