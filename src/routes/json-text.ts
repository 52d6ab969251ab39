import type { Context, TypedResponse } from 'hono';

/** A 200 whose body is JSON text already (built by SQLite, or kept from an earlier read), typed as `T` for the client. */
export const jsonText = <T>(c: Context, body: string) =>
  c.body(body, 200, { 'Content-Type': 'application/json' }) as unknown as TypedResponse<T, 200, 'json'>;
