/** A series as a file (JSON or CSV) and back: export for facilitators, import as a new series. */
import { Hono } from 'hono';
import { DomainError } from '../domain/errors';
import { exportSeries, importSeries, type FileFormat } from '../domain/series/transfer';
import { requireCaller } from '../middleware/auth';
import type { AppEnv } from '../middleware/env';
import { validate } from '../middleware/validate';
import { idParam, slugParam } from '../schemas';
import { exportQuery, importQuery } from '../schemas/series-transfer';

/** The file's format from its Content-Type; anything else is refused before the body is read. */
function formatOf(contentType: string | undefined): FileFormat {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') return 'json';
  if (type === 'text/csv') return 'csv';
  const message = 'send the file as application/json (a series export) or text/csv (one prompt per row)';
  throw new DomainError('invalid_input', message, { issues: [{ path: 'Content-Type', message }] });
}

export const seriesFileRoutes = new Hono<AppEnv>()
  .get('/series/:id/export', validate('param', idParam), validate('query', exportQuery), async (c) => {
    const file = await exportSeries(c.get('db'), requireCaller(c), c.req.valid('param').id, c.req.valid('query').format);
    return c.body(file.body, 200, {
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.filename}"`,
    });
  })
  .post('/communities/:slug/series/import', validate('param', slugParam), validate('query', importQuery), async (c) => {
    const caller = requireCaller(c);
    const format = formatOf(c.req.header('Content-Type'));
    const text = await c.req.text();
    const { slug } = c.req.valid('param');
    return c.json(await importSeries(c.get('db'), caller, slug, { format, text }, c.req.valid('query'), c.get('now')), 201);
  });
