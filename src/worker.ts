/**
 * The Workers home: the same app and the same jobs as src/node.ts, around Cloudflare bindings.
 * Database: the D1 binding `DB` when present, else a remote libSQL server (Turso, sqld) from DATABASE_URL and
 * DATABASE_AUTH_TOKEN over HTTP. Images: the R2 binding `IMAGES`. Cron Triggers run the scheduler.
 * In development (wrangler.toml's top-level vars) it also seeds the demo into an empty database (SEED_DEMO) and
 * runs the tick on requests (TICK_ON_REQUESTS), since `wrangler dev` never fires Cron Triggers by itself.
 * Nothing here or below may import node:* (`npm run build:worker` fails if it does; tests/worker checks).
 */
import { createClient } from '@libsql/client/web';
import type { ExecutionContext } from 'hono';
import { dbFromD1, dbFromLibsql, type Db } from '../db/client';
import { assetsFromManifest, type WebAssets } from '../web/src/assets';
import { createApp } from './app';
import { openD1Session } from './worker/d1-sessions';
import { DEMO_SLUG, seedDemo } from './domain/communities/demo';
import { parseConfig, type Config } from './config';
import type { Mailer } from './deps';
import { errorKind } from './error-kind';
import { deliverChatPosts } from './jobs/chat-posts';
import { deliverOutbox } from './jobs/outbox';
import { tick } from './jobs/tick';
import { tickLogLine } from './jobs/tick-log';
import type { ImageStore } from './storage';
import { mailerFor } from './mail/http';
import { r2ImageStore, type R2BucketLike } from './worker/storage-r2';

/** The bindings wrangler.toml declares, plus vars and secrets (plain strings, read by parseConfig). */
export interface Env {
  DB?: Parameters<typeof dbFromD1>[0];
  IMAGES?: R2BucketLike;
  ASSETS?: { fetch(request: Request): Promise<Response> };
  [name: string]: unknown;
}

interface ScheduledController {
  readonly scheduledTime: number;
  readonly cron: string;
}

/** What one isolate derives from its env once: parsing config and building the mailer need not repeat. */
interface Home {
  config: Config;
  mailer: Mailer;
}
const homes = new WeakMap<object, Home>();

function homeFor(env: Env): Home {
  let home = homes.get(env);
  if (!home) {
    // Vars and secrets are strings; an empty var (`PUBLIC_URL = ""`) means "not set".
    const vars: Record<string, string> = {};
    for (const [name, value] of Object.entries(env)) if (typeof value === 'string' && value !== '') vars[name] = value;
    const config = parseConfig(vars);
    home = { config, mailer: mailerFor(config) };
    homes.set(env, home);
  }
  return home;
}

/**
 * A D1 binding's Db is kept per binding: queries built once (db/prepared.ts) are kept per Db, so a Db per
 * request would build them on every request. A remote libSQL client is not kept: its connection belongs to
 * the request that opened it.
 */
const d1Dbs = new WeakMap<object, Db>();

function openDb(env: Env, config: Config): Db {
  if (env.DB) {
    let db = d1Dbs.get(env.DB);
    if (!db) d1Dbs.set(env.DB, (db = dbFromD1(env.DB)));
    return db;
  }
  if (typeof env.DATABASE_URL === 'string' && /^(libsql|https?|wss?):/.test(config.databaseUrl)) {
    return dbFromLibsql(createClient({ url: config.databaseUrl, authToken: config.databaseAuthToken }));
  }
  throw new Error('No database: bind a D1 database as DB, or set DATABASE_URL to a libsql:// or https:// URL');
}

/** The web build's manifest, read once per isolate through the assets binding; absent before `vite build`. */
let webAssets: Promise<WebAssets | undefined> | undefined;
function loadWebAssets(env: Env): Promise<WebAssets | undefined> {
  webAssets ??= (async () => {
    if (!env.ASSETS) return undefined;
    try {
      const res = await env.ASSETS.fetch(new Request('https://assets.invalid/.vite/manifest.json'));
      return res.ok ? assetsFromManifest(await res.json()) : undefined;
    } catch {
      return undefined;
    }
  })();
  return webAssets;
}

/** The useful part of a failure for a log line: its kind and the driver's cause, never query parameters. */
export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    let home: Home;
    let db: Db;
    try {
      home = homeFor(env);
      db = openDb(env, home.config);
    } catch (err) {
      // Config errors name the setting, never its value.
      console.error(`Kindling is misconfigured: ${err instanceof Error ? err.message : String(err)}`);
      return Response.json({ error: { code: 'internal', message: 'Kindling is misconfigured' } }, { status: 500 });
    }
    await seedOnce(db, home.config);
    const every = home.config.tickOnRequestsEveryMs;
    if (every !== undefined && Date.now() - lastTickOnRequest >= every) {
      lastTickOnRequest = Date.now();
      ctx.waitUntil(runTick(env, home, db, new Date()).catch(() => {}));
    }
    // Reads near the member on D1 (src/worker/d1-sessions.ts); the session's Db is this request's alone.
    const session = env.DB && home.config.d1Sessions ? openD1Session(env.DB, request) : null;
    // The app is built per request because `defer` must reach this request's waitUntil; building it costs
    // well under a millisecond.
    const app = createApp({
      db: session?.db ?? db,
      clock: () => new Date(),
      mailer: home.mailer,
      config: home.config,
      images: imageStore(env),
      web: await loadWebAssets(env),
      defer: (work) => ctx.waitUntil(work),
      // Set by Cloudflare's edge for every request; a client cannot choose it.
      clientAddress: (c) => c.req.header('CF-Connecting-IP'),
    });
    const response = await app.fetch(request, env, ctx);
    return session ? session.finish(response, new URL(home.config.publicUrl ?? request.url).protocol === 'https:') : response;
  },

  /** Cron Trigger: open due prompts and finish series as of the scheduled instant, then send pending mail. */
  async scheduled(controller: ScheduledController, env: Env, _ctx: ExecutionContext): Promise<void> {
    const home = homeFor(env);
    await runTick(env, home, openDb(env, home.config), new Date(controller.scheduledTime));
  },
};

async function runTick(env: Env, home: Home, db: Db, at: Date): Promise<void> {
  try {
    const result = await tick(db, at, imageStore(env), { publicUrl: home.config.publicUrl, replyAddress: home.config.mailReplyAddress, facilitatorsCircle: true });
    const sent = await deliverOutbox(db, home.mailer, new Date());
    const posted = await deliverChatPosts(db, new Date(), { publicUrl: home.config.publicUrl });
    console.log(tickLogLine(result, { sent, posted }));
  } catch (err) {
    console.error(`[tick] failed: ${errorKind(err)}${missingTablesHint(err)}`);
    // Fail the invocation so the Cron Trigger shows it; the next run catches up (tick is safe to run late).
    throw new Error(`tick failed: ${errorKind(err)}`);
  }
}

/** TICK_ON_REQUESTS (development): when this isolate last ran the tick for a request. */
let lastTickOnRequest = 0;

/**
 * SEED_DEMO=auto: the demo community goes into an empty database, once per isolate, before the first request
 * is answered, as `npm start` does at startup. A failure (most often a local D1 not migrated yet) is logged
 * and tried again on the next request.
 */
let seeding: Promise<void> | undefined;
function seedOnce(db: Db, config: Config): Promise<void> {
  if (!config.seedDemo) return Promise.resolve();
  seeding ??= seedDemo(db, new Date()).then(
    (seeded) => void (seeded && console.log(`Seeded the demo community "${DEMO_SLUG}".`)),
    (err) => {
      seeding = undefined;
      console.error(`[seed] the demo was not seeded: ${errorKind(err)}${missingTablesHint(err)}`);
    },
  );
  return seeding;
}

function missingTablesHint(err: unknown): string {
  const text = `${String(err)} ${err instanceof Error ? String(err.cause) : ''}`;
  return /no such table/i.test(text) ? ' (the database has no tables: run `npx wrangler d1 migrations apply DB --local`, or --remote)' : '';
}

/** Answer images live in the R2 bucket bound as IMAGES; without it everything else works and uploads fail. */
function imageStore(env: Env): ImageStore {
  if (env.IMAGES) return r2ImageStore(env.IMAGES);
  const missing = async (): Promise<never> => {
    throw new Error('No R2 bucket is bound as IMAGES (see wrangler.toml)');
  };
  return { put: missing, get: missing, delete: missing };
}
