import { Hono } from 'hono';
import type { AppEnv } from '../middleware/env';

export const seriesRoutes = new Hono<AppEnv>();
