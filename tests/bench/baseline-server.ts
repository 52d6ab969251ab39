/**
 * The machine's own ceilings: a bare Hono app on @hono/node-server doing one thing each (only the
 * route of its own BASELINE is registered), with @libsql/client
 * set up as Kindling sets it up (one connection, WAL, the chosen synchronous, busy_timeout). Started as a child
 * process by baselines.ts with BASELINE=a|b|c|d; anything Kindling does beyond this is its own overhead.
 */
import { serve } from '@hono/node-server';
import { createClient } from '@libsql/client';
import { Hono } from 'hono';
import { weekOf } from '../../src/domain/time';
import { GALLERY_KEY_SQL } from '../../db/schema';

const kind = process.env.BASELINE;
const client = createClient({ url: process.env.DATABASE_URL!, concurrency: 1 });
await client.execute('PRAGMA journal_mode = WAL');
await client.execute(`PRAGMA synchronous = ${process.env.DB_SYNCHRONOUS === 'FULL' ? 'FULL' : 'NORMAL'}`);
await client.execute('PRAGMA busy_timeout = 5000');

const app = new Hono();

// (a) constant JSON: the HTTP ceiling of this machine with the load generator beside it.
if (kind === 'a') app.get('/a', (c) => c.json({ ok: true }));

// (b) one keyset page on the gallery's index: (prompt_id, gallery key, public_id), as src/domain/answers/gallery.ts seeks it.
const key = `(${GALLERY_KEY_SQL})`;
if (kind === 'b') app.get('/b', async (c) => {
  const bound = Number(c.req.query('key'));
  const { rows } = await client.execute({
    sql: `SELECT id, user_id, level, body, link, created_at FROM submissions
          WHERE prompt_id = ? AND ${key} <= ? AND (${key}, public_id) < (?, ?) ORDER BY ${key} DESC, public_id DESC LIMIT 24`,
    args: [Number(c.req.query('prompt')), bound, bound, c.req.query('publicId') ?? '~'],
  });
  return c.json(rows);
});

// (c) one answer with its points in one batch; the ledger trigger performs the score update (both periods).
if (kind === 'c') app.post('/c', async (c) => {
  const a = await c.req.json<{ promptId: number; communityId: number; userId: number; level: 'easy' | 'hard'; body: string }>();
  const now = Date.now();
  const points = a.level === 'hard' ? 3 : 1;
  const [inserted] = await client.batch(
    [
      {
        sql: `INSERT INTO submissions (prompt_id, community_id, user_id, level, body, visibility, anonymous, points, on_time, created_at)
              VALUES (?, ?, ?, ?, ?, 'public', 0, ?, 0, ?) RETURNING id`,
        args: [a.promptId, a.communityId, a.userId, a.level, a.body, points, now],
      },
      {
        sql: `INSERT INTO points_ledger (community_id, user_id, submission_id, reason, delta, listed, week_of, created_at)
              VALUES (?, ?, last_insert_rowid(), 'answer', ?, 1, ?, ?)`,
        args: [a.communityId, a.userId, points, weekOf(new Date(now).toISOString().slice(0, 10)), now],
      },
    ],
    'write',
  );
  return c.json({ id: Number(inserted!.rows[0]!.id), points }, 201);
});

// (d) a top 50 read straight off the (community_id, period, listed_points) index.
if (kind === 'd') app.get('/d', async (c) => {
  const { rows } = await client.execute({
    sql: `SELECT user_id, listed_points FROM scores WHERE community_id = ? AND period = ? ORDER BY listed_points DESC LIMIT 50`,
    args: [Number(c.req.query('community')), c.req.query('period')!],
  });
  return c.json(rows);
});

serve({ fetch: app.fetch, hostname: process.env.HOST, port: Number(process.env.PORT) }, (info) =>
  console.log(`baseline ${kind} listening on ${info.port}`),
);
process.once('SIGTERM', () => {
  client.close();
  process.exit(0);
});
