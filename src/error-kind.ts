/**
 * What may be logged of an unexpected error: its class and the driver's code (SQLITE_BUSY, SQLITE_CONSTRAINT…).
 * Never its message: Drizzle's query errors quote the query and its parameters (answer bodies, addresses), and
 * mail servers' errors quote the recipient.
 */
export function errorKind(err: unknown): string {
  if (!(err instanceof Error)) return typeof err;
  const code = driverCode(err);
  return code ? `${err.name} ${code}` : err.name;
}

/**
 * The database stayed locked by another process for the whole busy timeout (`kindling import` on the file of a
 * running server, say): nothing of the request was written, and the same request a moment later can succeed.
 */
export const isDatabaseBusy = (err: unknown) => driverCode(err) === 'SQLITE_BUSY';

/** The driver's code, on the error or on the one it wraps (Drizzle wraps the driver's). */
const driverCode = (err: unknown) => codeOf(err) ?? codeOf((err as { cause?: unknown } | null | undefined)?.cause);

function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{1,64}$/.test(code) ? code : undefined;
}
