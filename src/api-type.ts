/**
 * The API's type for the typed client (web/src/api.ts), in a module of its own: the web app takes it from
 * here, not from src/app.ts, which also mounts the pages that import the web app (a circle of imports).
 */
import type { apiRoutes } from './routes/api';

export type AppType = typeof apiRoutes;
