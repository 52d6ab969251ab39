import { Hono } from 'hono';
import type { AppEnv } from '../middleware/env';

export const promptRoutes = new Hono<AppEnv>();
