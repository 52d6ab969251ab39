import { Hono } from 'hono';
import type { AppEnv } from '../middleware/env';

export const openapiRoutes = new Hono<AppEnv>();
