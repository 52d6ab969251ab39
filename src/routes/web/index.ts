/** The web app's server-rendered pages. Each area keeps its own sub-app; this file only gathers them. */
import { Hono } from 'hono';
import type { AppEnv } from '../../middleware/env';
import { homeRoutes } from './home';

export const webRoutes = new Hono<AppEnv>().route('/', homeRoutes);
