/** What the app is built from. Each home (Node, Workers, tests) supplies its own. */
import type { Context, MiddlewareHandler } from 'hono';
import type { Db } from '../db/client';
import type { WebAssets } from '../web/src/assets';
import type { Config } from './config';
import type { RateLimitStore } from './domain/limits/store';
import type { ImageStore } from './storage';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** The HTML part, when the mail has one (reminders and digests do; sign-in mail is text only). */
  html?: string | null;
  /** Extra headers (List-Unsubscribe, List-Unsubscribe-Post, List-Id …). */
  headers?: Record<string, string>;
  actionUrl: string | null;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  /**
   * True when the outbox itself is where mail is read (MAIL_TRANSPORT=none): a sent mail then keeps its
   * link until the link expires. Any other transport's sent mail loses its link at once.
   */
  readsFromOutbox?: boolean;
}

export type Clock = () => Date;

export interface Deps {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  config: Config;
  /** Answer images: a folder on Node (src/node/storage-fs.ts), R2 on Workers. */
  images: ImageStore;
  /**
   * SVG → PNG for answers' Open Graph cards (Node: src/node/card-png.ts). Absent (Workers) means every
   * answer shares the static card (src/routes/web/static-card.ts).
   */
  cardPng?: (svg: string) => Uint8Array<ArrayBuffer>;
  /** The built web app's files; absent before `vite build`, when pages still render without JavaScript. */
  web?: WebAssets;
  /** Serves the built web app's files under /assets/ (Node); Workers serve them from the assets binding. */
  staticFiles?: MiddlewareHandler;
  /**
   * Changes whenever anything may have written to the database (src/node/data-version.ts); lets read caches
   * skip asking the database. Absent where no cheap signal exists (Workers, remote databases).
   */
  dataVersion?: () => string | undefined;
  /** The HTTP server sends the base security headers itself (Node: src/node/headers.ts); the app then does not. */
  serverSendsSecurityHeaders?: boolean;
  /** Runs work after the response (Workers' waitUntil; a detached promise on Node). */
  defer?: (work: Promise<unknown>) => void;
  /**
   * Hands the background recognition drain to another thread (Node: one of its own, src/node/recognition-thread.ts),
   * and says whether it took it. Absent, or false, the drain runs here after the response, through `defer`.
   */
  drainRecognition?: () => boolean;
  /** Rate-limit counters: memory before the database on Node; absent means the database alone (Workers, tests). */
  rateLimits?: RateLimitStore;
  /**
   * The client's IP as the home knows it (Node: the socket; Workers: CF-Connecting-IP), for per-IP limits.
   * Absent, or answering undefined (an in-process request), means no per-IP limit applies.
   */
  clientAddress?: (c: Context) => string | undefined;
}
