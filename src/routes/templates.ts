/** The series templates Kindling ships, in English or French: for anyone, as they hold nothing private. */
import { Hono, type Context } from 'hono';
import { listTemplates, templateIn } from '../domain/templates';
import type { AppEnv } from '../middleware/env';
import { validate } from '../middleware/validate';
import { templateParam, templateQuery } from '../schemas';
import { pickLang } from '../../web/src/i18n';

/** `?lang=` wins; else the request's Accept-Language; else English. */
const langOf = (c: Context<AppEnv>, asked: 'en' | 'fr' | undefined) => asked ?? pickLang(undefined, c.req.header('Accept-Language'));

export const templateRoutes = new Hono<AppEnv>()
  .get('/templates', validate('query', templateQuery), (c) =>
    c.json({ templates: listTemplates(langOf(c, c.req.valid('query').lang)) }),
  )
  .get('/templates/:id', validate('param', templateParam), validate('query', templateQuery), (c) =>
    c.json(templateIn(c.req.valid('param').id, langOf(c, c.req.valid('query').lang))),
  );
