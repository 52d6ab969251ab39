import { Hono } from 'hono';
import type { AppEnv } from '../middleware/env';

export const authRoutes = new Hono<AppEnv>();
