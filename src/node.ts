/**
 * The Node home: config from the environment, the embedded libSQL database, the HTTP server, and
 * node-cron running the scheduler and the mail outbox every minute. Everything else lives in the app.
 */
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { schedule } from 'node-cron';
import { createApp } from './app';
import { cardPngRenderer } from './node/card-png';
import { parseConfig } from './config';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { useSha256 } from './domain/crypto';
import { memoryFront } from './domain/limits/memory-front';
import { databaseStore } from './domain/limits/store';
import { DEMO_SLUG, demoExists, seedDemo } from './domain/communities/demo';
import { errorKind } from './error-kind';
import { deliverChatPosts } from './jobs/chat-posts';
import { deliverOutbox } from './jobs/outbox';
import { tick } from './jobs/tick';
import { tickDidSomething, tickLogLine } from './jobs/tick-log';
import { mailerFor } from './mail/http';
import { smtpMailer } from './mail/smtp';
import { checkpointInBackground } from '../db/checkpointer';
import { recognitionThread } from './node/recognition-thread';
import { databaseFilePath, openDatabase } from './node/db';
import { folderImageStore, imagesDirFor } from './node/storage-fs';
import { webFilesIn } from './node/web';
import { withCompression } from './node/compress';
import { serverWithBaseHeaders } from './node/headers';

// Node hashes synchronously; Web Crypto's digest would take a trip through the thread pool per call.
useSha256((input) => createHash('sha256').update(input).digest('hex'));

/** A bad setting or an unreachable database stops the start with one readable line, not a stack trace. */
async function start() {
  try {
    const config = parseConfig(process.env);
    return { config, ...(await openDatabase(config)) };
  } catch (err) {
    // Drizzle wraps driver errors; the cause ("connection refused", "no such file") is the useful part.
    const cause = err instanceof Error && err.cause instanceof Error ? ` (${err.cause.message})` : '';
    console.error(`Kindling could not start: ${err instanceof Error ? err.message : String(err)}${cause}`);
    process.exit(1);
  }
}
const { config, db, client, dbClient, dataVersion } = await start();
// Only an embedded file (not a replica or a remote server) checkpoints a WAL of its own.
const file = config.databaseSyncUrl ? null : databaseFilePath(config.databaseUrl);
const stopCheckpoints = file
  ? await checkpointInBackground(client, file, {
      truncateAboveBytes: config.walTruncateBytes,
      onTruncate: (outcome) => {
        if (outcome === 'busy') console.error('[checkpoint] the WAL is over DB_WAL_TRUNCATE_MB and could not be emptied (busy); retrying');
      },
    })
  : () => {};

if (config.seedDemo && (await seedDemo(db, new Date()))) console.log(`Seeded the demo community "${DEMO_SLUG}".`);

// With an embedded file, the recognition drain reads through a connection of its own in a thread of its own, off
// the requests' thread; elsewhere (a replica, a remote server) it runs after the response, as on Workers. The app
// hands it the drains after writes, the tick its share.
const drainThread = file ? recognitionThread(dbClient, config.databaseUrl) : null;
const handDrains = drainThread ? { drainRecognition: () => drainThread.drainSoon() } : {};

const images = folderImageStore(imagesDirFor(config));
// The web app's build, found from here: this file and its bundle (dist/node.mjs) both sit one folder below the root.
const webFiles = webFilesIn(fileURLToPath(new URL('../dist/web', import.meta.url)));
const mailer = config.smtpMail ? smtpMailer(config.smtpMail) : mailerFor(config);
const app = createApp({
  db,
  clock: () => new Date(),
  mailer,
  config,
  images,
  // Answers' Open Graph cards drawn per answer (a native renderer: Node only).
  cardPng: cardPngRenderer(),
  web: webFiles.assets,
  staticFiles: webFiles.serve,
  serverSendsSecurityHeaders: true,
  dataVersion,
  // Counted in memory first: the hot writes skip the database round trip while a member is clearly under a limit.
  rateLimits: memoryFront(databaseStore(db)),
  // The socket's peer; behind a proxy, CLIENT_IP_HEADER names the header to read instead (src/middleware/rate-limit.ts).
  clientAddress: (c) => (c.env?.incoming ? getConnInfo(c).remote.address : undefined),
  // Work after the response must never crash the process; log its kind only, never bodies or addresses.
  defer: (work) => {
    work.catch((err: unknown) => console.error(`[defer] background work failed: ${errorKind(err)}`));
  },
  ...handDrains,
});

/** One run of the jobs at a time: a slow run (a big catch-up after downtime) must not overlap the next minute's. */
let running: Promise<void> | null = null;
function runJobs(): Promise<void> {
  running ??= (async () => {
    try {
      const now = new Date();
      const result = await tick(db, now, images, {
        publicUrl: config.publicUrl,
        replyAddress: config.mailReplyAddress,
        facilitatorsCircle: true,
        ...handDrains,
      });
      const sent = await deliverOutbox(db, mailer, now);
      const posted = await deliverChatPosts(db, now, { publicUrl: config.publicUrl });
      if (tickDidSomething(result, { sent, posted })) console.log(tickLogLine(result, { sent, posted }));
    } catch (err) {
      console.error(`[tick] failed: ${errorKind(err)}`);
    } finally {
      running = null;
    }
  })();
  return running;
}

// Every minute; the first run (catching up on whatever came due while the server was down) starts once listening.
const task = schedule('* * * * *', () => runJobs(), { name: 'kindling-tick', noOverlap: true });

const server = serve({
  fetch: withCompression(app.fetch),
  hostname: config.host,
  port: config.port,
  createServer: serverWithBaseHeaders(config.publicUrl),
}, async (info) => {
  const base = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${info.port}`;
  console.log(`Kindling is running at ${base}`);
  if (await demoExists(db)) console.log(`Demo community: ${base}/c/${DEMO_SLUG}`);
  void runJobs();
});

server.on('error', (err: NodeJS.ErrnoException) => {
  const hint = err.code === 'EADDRINUSE' ? ` (port ${config.port} is taken: set PORT to another one)` : '';
  console.error(`Kindling could not listen on ${config.host}:${config.port}: ${err.code ?? err.name}${hint}`);
  process.exit(1);
});

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping Kindling`);
  // Never hang on a stuck connection: give the orderly shutdown a few seconds.
  setTimeout(() => process.exit(1), 5_000).unref();
  await task.stop();
  stopCheckpoints();
  await drainThread?.stop();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await running;
  client.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
