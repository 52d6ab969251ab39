/**
 * The one place that sets recognition work going after a change (issue #20). A write that changes a member's
 * recognition queues them in its own batch (src/domain/recognition/effects.ts: recognizeChange and friends); once
 * a write has answered, this starts the background drain (src/jobs/recognition.ts) that refreshes their badges.
 * Routes never call the drain themselves, so no write can forget it, and reads never write: they show what the
 * last drain left, and say when a refresh is still pending. The tick drains what a lost drain left behind.
 */
import type { MiddlewareHandler } from 'hono';
import { drainRecognitionSoon } from '../jobs/recognition';
import type { AppEnv } from './env';

/** Methods that never change anything, so never queue recognition. */
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const drainAfterWrites: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (READS.has(c.req.method)) return next();
  await next();
  // A refused write wrote nothing (every write is one batch). Any other (201, 200, a form's 303) may have
  // queued someone: a drain that finds the queue empty costs one indexed look, after the response.
  if (c.res.status < 400) drainRecognitionSoon(c.get('deps'));
};
