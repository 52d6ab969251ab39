import { Hono } from 'hono';
import type { AppEnv } from '../middleware/env';

export const submissionRoutes = new Hono<AppEnv>();
