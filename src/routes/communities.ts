import { Hono } from 'hono';
import type { AppEnv } from '../middleware/env';

export const communityRoutes = new Hono<AppEnv>();
