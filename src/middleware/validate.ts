/** @hono/zod-validator with Kindling's error shape, so every route answers bad input the same way. */
import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { ZodType } from 'zod';
import { errorBody } from './errors';

export const validate = <Target extends keyof ValidationTargets, Schema extends ZodType>(
  target: Target,
  schema: Schema,
) =>
  zValidator(target, schema, (result, c) => {
    if (result.success) return;
    const issues = result.error.issues.map((i) => ({
      path: i.path.length ? i.path.join('.') : target,
      message: i.message,
    }));
    const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    return c.json(errorBody('invalid_input', summary, { issues }), 400);
  });
