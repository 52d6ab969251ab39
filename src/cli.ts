/**
 * `kindling <command>`: the admin CLI. Reads the same environment as the server (DATABASE_URL …).
 * Exit codes: 0 done, 1 failed, 2 bad usage.
 */
import type { Client } from '@libsql/client';
import { eq } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Db } from '../db/client';
import { stewardLog, users } from '../db/schema';
import { parseConfig, type Config } from './config';
import { DEMO_SLUG, seedDemo } from './domain/communities/demo';
import { createApiToken } from './domain/identity/sessions';
import { setupFirstSteward } from './domain/stewards';
import { findOrCreateUser } from './domain/identity/users';
import { cleanAllStoredImages } from './jobs/image-metadata';
import { tick } from './jobs/tick';
import { DEFAULT_PERSIST_TO, localD1Url } from './node/local-d1';
import { exportedImages, exportInstallation, importInstallation, readManifest } from './node/move';
import { getFromR2, putInR2 } from './node/r2';
import { outboxStatus } from './domain/mail/status';
import { backup, restore } from './node/backup';
import { openDatabase } from './node/db';
import { folderImageStore, imagesDirFor } from './node/storage-fs';
import { emailLinkBody } from './schemas';

const USAGE = `Usage: kindling <command> [options]

Commands:
  migrate                                   apply pending database migrations, then strip metadata
                                            (EXIF, GPS …) from images stored before uploads were stripped
  seed --demo                               add the demo community (only to a database with no community)
  token create --email E [--steward] [--label L]
                                            create a personal API token (and the user if needed);
                                            the token is the last line of output
  steward create --email E [--url URL] [--secret S]
                                            make the first steward: with --url, through that deployment's
                                            POST /api/setup/steward (Workers: the way in without D1 access),
                                            with --secret or STEWARD_SETUP_SECRET; without --url, in this
                                            database. Only while no steward exists; then stewards make
                                            stewards on /network
  tick [--at ISO-8601]                      run the scheduler once, as if it were that instant (default: now)
  mail status                               the mail outbox: oldest unsent mail, failing, given up, suppressed
                                            (exit code 1 past MAIL_MAX_AGE_MINUTES, as /readyz's 503)
  backup --to FILE [--images]               copy the database file while the server runs (VACUUM INTO);
                                            --images also copies the images folder to FILE.images
  restore --from FILE [--force] [--images]  check a backup (integrity_check) and put it in place of the
                                            database; an existing database needs --force (stop the
                                            server first); --images merges FILE.images back
  export --to DIR [--r2-bucket NAME]        write the whole installation (every table's rows and every
                                            image) to a folder, to move it to another home; images come
                                            from the images folder, or with --r2-bucket from that R2
                                            bucket (the local one with --local-d1, else the remote one)
  import --from DIR [--r2-bucket NAME]      load such a folder into this database (migrated, and empty:
                                            no users or communities); images go to the images folder,
                                            or with --r2-bucket to that R2 bucket through wrangler
                                            (the local one with --local-d1, else the remote one)
  help                                      show this help

The database comes from DATABASE_URL (default file:./data/kindling.db) and DATABASE_AUTH_TOKEN, or with
  --local-d1 [--persist-to DIR]  from the local D1 database of \`wrangler dev\` (default DIR .wrangler/state).
It may be migrated by \`wrangler d1 migrations apply\`: both tools share one migration history.`;

class UsageError extends Error {}

const options = {
  demo: { type: 'boolean' },
  email: { type: 'string' },
  steward: { type: 'boolean' },
  label: { type: 'string' },
  at: { type: 'string' },
  to: { type: 'string' },
  from: { type: 'string' },
  force: { type: 'boolean' },
  images: { type: 'boolean' },
  'r2-bucket': { type: 'string' },
  'local-d1': { type: 'boolean' },
  'persist-to': { type: 'string' },
  url: { type: 'string' },
  secret: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>['values'];

/** Only the options a command knows are accepted, so a typo is an error rather than silently ignored. */
function only(values: Values, allowed: (keyof Values)[], command: string) {
  const extra = Object.keys(values).filter((k) => !allowed.includes(k as keyof Values));
  if (extra.length) throw new UsageError(`"${command}" does not take --${extra.join(', --')}`);
}

/** Set from --local-d1 [--persist-to]: the local D1 file's URL, in place of DATABASE_URL. */
let databaseUrl: string | undefined;

/** The environment's configuration, with the local D1 file in place of DATABASE_URL when one was named. */
const cliConfig = () => parseConfig({ ...process.env, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });

async function withDb<T>(work: (db: Db, config: Config, client: Client) => Promise<T>): Promise<T> {
  let opened: { db: Db; client: Client } | undefined;
  try {
    const config = cliConfig();
    opened = await openDatabase(config);
    return await work(opened.db, config, opened.client);
  } finally {
    opened?.client.close();
  }
}

async function run(argv: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { 'local-d1': localD1, 'persist-to': persistTo, ...values } = parsed.values;
  const { positionals } = parsed;
  if (persistTo !== undefined && !localD1) throw new UsageError('--persist-to goes with --local-d1');
  if (localD1) databaseUrl = localD1Url(persistTo);
  const [command, ...rest] = positionals;
  const sub = rest.join(' ');

  if (command === 'help' || values.help) {
    console.log(USAGE);
    return;
  }
  if (!command) throw new UsageError(`a command is needed\n\n${USAGE}`);
  if (command === 'migrate' && !sub) {
    only(values, [], 'migrate');
    // Images stored before uploads were stripped: those in this machine's folder (a Worker cleans its R2 ones).
    const cleaned = await withDb((db, config) => cleanAllStoredImages(db, folderImageStore(imagesDirFor(config))));
    console.log('The database schema is up to date.');
    if (cleaned > 0) console.log(`Stripped metadata from ${cleaned} stored image(s).`);
  } else if (command === 'seed' && !sub) {
    only(values, ['demo'], 'seed');
    if (!values.demo) throw new UsageError('"seed" needs --demo (the only seed there is)');
    const seeded = await withDb((db) => seedDemo(db, new Date()));
    console.log(seeded ? `Seeded the demo community "${DEMO_SLUG}".` : 'The database already has communities: nothing seeded.');
  } else if (command === 'token' && sub === 'create') {
    only(values, ['email', 'steward', 'label'], 'token create');
    const email = emailLinkBody.safeParse({ email: values.email ?? '' });
    if (!email.success) throw new UsageError('"token create" needs --email with a valid address');
    const label = values.label ?? 'cli';
    if (!label.trim() || label.length > 80) throw new UsageError('--label must be 1-80 characters');
    const { userId, token } = await withDb(async (db) => {
      const now = new Date();
      const user = await findOrCreateUser(db, email.data.email, now);
      // Made by whoever runs the CLI on the server, not by a steward: logged like the setup route's.
      if (values.steward && !user.isSteward) {
        await db.batch([
          db.update(users).set({ isSteward: true }).where(eq(users.id, user.id)),
          db.insert(stewardLog).values({ actorId: null, action: 'setup_steward', targetUserId: user.id, createdAt: now.getTime() }),
        ]);
      }
      return { userId: user.id, token: await createApiToken(db, user.id, label, now) };
    });
    // The address is not echoed: terminal scrollback and CI logs are logs too.
    console.log(`API token for user #${userId}${values.steward ? ' (steward)' : ''}, label "${label}".`);
    console.log('Send it as "Authorization: Bearer <token>". It is shown only once:');
    console.log(token);
  } else if (command === 'steward' && sub === 'create') {
    only(values, ['email', 'url', 'secret'], 'steward create');
    const email = emailLinkBody.safeParse({ email: values.email ?? '' });
    if (!email.success) throw new UsageError('"steward create" needs --email with a valid address');
    const userId = values.url ? await remoteSetup(values.url, email.data.email, values.secret) : await withDb((db) => setupFirstSteward(db, email.data.email, new Date()).then((r) => r.userId));
    // The address is not echoed: terminal scrollback and CI logs are logs too.
    console.log(`User #${userId} is now the first steward: sign in with that address and open /network.`);
  } else if (command === 'tick' && !sub) {
    only(values, ['at'], 'tick');
    const at = values.at === undefined ? new Date() : new Date(values.at);
    if (Number.isNaN(at.getTime()) || (values.at !== undefined && !/^\d{4}-\d{2}-\d{2}T/.test(values.at))) {
      throw new UsageError('--at must be an ISO-8601 instant such as 2026-03-02T12:00:00Z');
    }
    // The same housekeeping as the server's tick, abandoned image uploads included.
    const { opened, finished, swept } = await withDb((db, config) =>
      tick(db, at, folderImageStore(imagesDirFor(config)), { publicUrl: config.publicUrl, replyAddress: config.mailReplyAddress, facilitatorsCircle: true }),
    );
    console.log(`Tick at ${at.toISOString()}: opened ${opened} prompt(s), finished ${finished} series, swept ${swept ?? 0} image(s).`);
  } else if (command === 'mail' && sub === 'status') {
    only(values, [], 'mail status');
    const { status, maxAgeMs } = await withDb(async (db, config) => ({ status: await outboxStatus(db, new Date()), maxAgeMs: config.mailMaxAgeMs }));
    const age = status.oldestUnsentSeconds;
    // Counts and an age only, as /readyz: never an address.
    console.log(`Oldest unsent mail: ${age === null ? 'none' : `${Math.floor(age / 60)} min ${age % 60} s`}`);
    console.log(`Failing (will retry): ${status.failing}; given up: ${status.givenUp}; suppressed: ${status.suppressed}`);
    if (age !== null && age * 1000 > maxAgeMs) {
      console.error(`kindling: mail has waited longer than MAIL_MAX_AGE_MINUTES (${maxAgeMs / 60_000}): check the mail transport`);
      process.exitCode = 1;
    }
  } else if (command === 'backup' && !sub) {
    only(values, ['to', 'images'], 'backup');
    if (!values.to) throw new UsageError('"backup" needs --to FILE');
    const done = backup(cliConfig(), values.to, { images: values.images ?? false });
    console.log(`Backed up the database to ${values.to} (${done.bytes} bytes, integrity_check ok).`);
    if (done.images) console.log(`Copied the images to ${done.images}.`);
    else console.log('Images are not in it: back up the images folder too, or pass --images.');
  } else if (command === 'restore' && !sub) {
    only(values, ['from', 'force', 'images'], 'restore');
    if (!values.from) throw new UsageError('"restore" needs --from FILE');
    const done = restore(cliConfig(), values.from, { force: values.force ?? false, images: values.images ?? false });
    console.log(`Restored the database from ${values.from}; pending migrations apply when the server starts.`);
    if (done.images) console.log(`Merged the backup's images into ${done.images}.`);
  } else if (command === 'export' && !sub) {
    only(values, ['to', 'r2-bucket'], 'export');
    if (!values.to) throw new UsageError('"export" needs --to DIR');
    const to = values.to;
    const bucket = values['r2-bucket'];
    const fromR2 = (id: string) => Promise.resolve(getFromR2(bucket!, id, localD1 ? (persistTo ?? DEFAULT_PERSIST_TO) : null));
    const fromFolder = (folder: string) => async (id: string) => (await folderImageStore(folder).get(id))?.body ?? null;
    const manifest = await withDb((_db, config, client) =>
      exportInstallation(client, bucket ? fromR2 : fromFolder(imagesDirFor(config)), to, new Date()),
    );
    const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
    console.log(`Exported ${rows} row(s) from ${manifest.tables.length} table(s) and ${manifest.images} image(s) to ${to}.`);
  } else if (command === 'import' && !sub) {
    only(values, ['from', 'r2-bucket'], 'import');
    if (!values.from) throw new UsageError('"import" needs --from DIR');
    const from = values.from;
    readManifest(from);
    const { rows } = await withDb((_db, _config, client) => importInstallation(client, from));
    const images = exportedImages(from);
    const bucket = values['r2-bucket'];
    if (bucket) {
      for (const image of images) putInR2(bucket, image, localD1 ? (persistTo ?? DEFAULT_PERSIST_TO) : null);
    } else {
      const store = folderImageStore(imagesDirFor(cliConfig()));
      for (const image of images) await store.put(image.id, readFileSync(image.file), image.contentType);
    }
    console.log(`Imported ${rows} row(s) and ${images.length} image(s)${bucket ? ` into the R2 bucket ${bucket}` : ''}.`);
  } else {
    throw new UsageError(`Unknown command "${[command, ...rest].join(' ')}"`);
  }
}

/** POST /api/setup/steward on a deployment; its error message when it refuses. */
async function remoteSetup(url: string, email: string, secretOption: string | undefined): Promise<number> {
  const secret = secretOption ?? process.env.STEWARD_SETUP_SECRET;
  if (!secret) throw new UsageError('"steward create --url" needs --secret or STEWARD_SETUP_SECRET');
  let endpoint: URL;
  try {
    endpoint = new URL('/api/setup/steward', url);
  } catch {
    throw new UsageError('--url must be the deployment\'s address, such as https://kindling.example.org');
  }
  if (endpoint.protocol !== 'https:' && !['localhost', '127.0.0.1', '[::1]'].includes(endpoint.hostname)) {
    throw new UsageError('--url must be https (the secret must not cross the network in clear)');
  }
  const res = await fetch(endpoint, { method: 'POST', headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ email }) });
  const body = (await res.json().catch(() => null)) as { userId?: number; error?: { code: string; message: string } } | null;
  if (res.status !== 201 || typeof body?.userId !== 'number') {
    throw new Error(`the deployment answered ${res.status}${body?.error ? ` ${body.error.code}: ${body.error.message}` : ''}`);
  }
  return body.userId;
}

try {
  await run(process.argv.slice(2));
} catch (err) {
  if (err instanceof UsageError) {
    console.error(`kindling: ${err.message}\nRun "kindling help" for the commands.`);
    process.exitCode = 2;
  } else {
    const cause = err instanceof Error && err.cause instanceof Error ? ` (${err.cause.message})` : '';
    console.error(`kindling: ${err instanceof Error ? err.message : String(err)}${cause}`);
    process.exitCode = 1;
  }
}
