import { Hono } from 'hono';
import type { AppEnv } from '../middleware/env';

export const leaderboardRoutes = new Hono<AppEnv>();
