import type { Db } from '../../db/client';
import type { Deps } from '../deps';
import type { Caller } from '../domain/identity/sessions';

/** The Hono environment every route shares. */
export interface AppEnv {
  Variables: {
    deps: Deps;
    db: Db;
    /** "Now" for this request, read once from the injected clock. */
    now: Date;
    caller: Caller | null;
    /** How the caller authenticated: cookie requests get the cross-site check, Bearer ones don't need it. */
    authVia: 'cookie' | 'bearer' | null;
  };
}
