import { Hono } from 'hono';
import type { AppEnv } from '../middleware/env';

export const pageRoutes = new Hono<AppEnv>();
