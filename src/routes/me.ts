import { Hono } from 'hono';
import type { AppEnv } from '../middleware/env';

export const meRoutes = new Hono<AppEnv>();
