/**
 * The stewards' API (issue 14): the network dashboard (JSON and CSV) and steward roles. Every route here
 * answers 404 to anyone but a steward, signed in or not, so the dashboard's existence is not confirmed.
 * POST /setup/steward is the first steward's bootstrap with the deployment's setup secret (STEWARD_SETUP_SECRET):
 * without a secret configured the route does not exist (404); with a wrong one, 401.
 */
import { Hono } from 'hono';
import { DomainError } from '../domain/errors';
import { makeSteward, networkCsv, networkFor, requireSteward, sameSecret, setQuietDays, setupFirstSteward } from '../domain/stewards';
import type { AppEnv } from '../middleware/env';
import { validate } from '../middleware/validate';
import { networkQuery, networkSettingsBody, stewardBody } from '../schemas/stewards';


export const stewardRoutes = new Hono<AppEnv>()
  .get('/network', validate('query', networkQuery), async (c) => {
    return c.json(await networkFor(c.get('db'), c.get('caller'), c.req.valid('query'), c.get('now')), 200);
  })
  .get('/network.csv', validate('query', networkQuery), async (c) => {
    const view = await networkFor(c.get('db'), c.get('caller'), c.req.valid('query'), c.get('now'));
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="network-${c.get('now').toISOString().slice(0, 10)}.csv"`);
    c.header('Cache-Control', 'private, no-cache');
    return c.body(networkCsv(view), 200);
  })
  .patch('/network/settings', validate('json', networkSettingsBody), async (c) => {
    const steward = requireSteward(c.get('caller'));
    return c.json(await setQuietDays(c.get('db'), steward, c.req.valid('json').quietDays, c.get('now')), 200);
  })
  .post('/stewards', validate('json', stewardBody), async (c) => {
    const actor = requireSteward(c.get('caller'));
    const made = await makeSteward(c.get('db'), actor, c.req.valid('json').email, c.get('now'));
    return c.json(made, made.created ? 201 : 200);
  })
  .post('/setup/steward', async (c) => {
    const secret = c.get('deps').config.stewardSetupSecret;
    if (!secret) throw new DomainError('not_found', `No route for POST ${c.req.path}`);
    const header = c.req.header('Authorization') ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!(await sameSecret(given, secret))) throw new DomainError('unauthenticated', 'The setup secret is missing or not valid');
    return c.json(await setupFirstSteward(c.get('db'), (await readEmail(c.req.raw)).email, c.get('now')), 201);
  });

/** The body, validated only once the secret is known good: strangers learn nothing from their bad input. */
async function readEmail(req: Request) {
  let json: unknown;
  try {
    json = JSON.parse(await req.text());
  } catch {
    throw new DomainError('invalid_json', 'The request body is not valid JSON', { issues: [{ path: 'body', message: 'not valid JSON' }] });
  }
  const parsed = stewardBody.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.length ? i.path.join('.') : 'body', message: i.message }));
    throw new DomainError('invalid_input', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
  }
  return parsed.data;
}
