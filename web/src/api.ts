/**
 * The typed API client: request and response types come from the server's routes (AppType), never
 * written by hand. Same-origin, so the session cookie rides along.
 */
import { hc, type InferResponseType } from 'hono/client';
import type { AppType } from '../../src/api-type';

export const api = hc<AppType>('/', { init: { credentials: 'same-origin' } }).api;
export type { InferResponseType };

/** The JSON error every failed call returns: { error: { code, message, issues? } }. */
export interface ApiError {
  error: { code: string; message: string; issues?: { path: string; message: string }[]; existingId?: number };
}

/** Reads an error body from a failed response, falling back to a generic shape when it is not JSON. */
export async function errorOf(res: Response): Promise<ApiError['error']> {
  try {
    return ((await res.json()) as ApiError).error;
  } catch {
    return { code: 'network', message: res.statusText || 'Network error' };
  }
}
