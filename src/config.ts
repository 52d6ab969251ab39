/** Configuration from plain strings (process.env on Node, vars on Workers), parsed once into one typed object. */
import { z } from 'zod';
import { limitTable, parseLimitOverrides, type LimitTable } from './domain/limits/table';

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().min(1).default('file:./data/kindling.db'),
  DATABASE_AUTH_TOKEN: z.string().optional(),
  /** With a file DATABASE_URL: keep it as an embedded replica of this remote libSQL database. */
  DATABASE_SYNC_URL: z.string().optional(),
  /** With DATABASE_SYNC_URL: seconds between background pulls of what other servers wrote (0: only at start and after own writes). */
  DATABASE_SYNC_INTERVAL: z.coerce.number().min(0).max(86_400).default(15),
  /** WAL with NORMAL survives a crash of the process; FULL also survives power loss, at a write cost. */
  DB_SYNCHRONOUS: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
  /**
   * Past this size (MB) the background checkpoint empties the WAL (writes held for its last pass). Each emptying
   * holds the writes in flight for a few ms; at 64 MB that is rarer than one answer in a hundred even under the
   * bench's stream of answers (about every 3 s; every 0.5 s at 16 MB), so it stays out of the p99.
   */
  DB_WAL_TRUNCATE_MB: z.coerce.number().min(1).max(4096).default(64),
  /** Where members reach Kindling; used in emailed links and for the cross-site check. */
  PUBLIC_URL: z.url().optional(),
  /**
   * console: development, prints sign-in links; none: keep mail in the outbox only; http: a mail API
   * (src/mail/http.ts); smtp: an SMTP server, Node only (src/mail/smtp.ts).
   */
  MAIL_TRANSPORT: z.enum(['console', 'none', 'http', 'smtp']).default('console'),
  /** With MAIL_TRANSPORT=smtp: smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465 (TLS). */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  /** With MAIL_TRANSPORT=http: the API endpoint (JSON POST), the sender, and the API key (a secret). */
  MAIL_HTTP_URL: z.url({ protocol: /^https?$/ }).optional(),
  MAIL_FROM: z.string().min(3).optional(),
  MAIL_API_KEY: z.string().min(1).optional(),
  /** /readyz answers 503 once mail has waited this long; below a day, since mail is deleted after one. */
  MAIL_MAX_AGE_MINUTES: z.coerce.number().int().min(1).max(1380).default(60),
  /** The shared secret of the provider's bounce and complaint webhook (POST /api/mail/events); unset: no such route. */
  MAIL_WEBHOOK_SECRET: z.string().min(16).optional(),
  /**
   * Answer by replying: the inbound address the provider hands to POST /api/mail/inbound (it must accept
   * plus-addressing, `reply+<token>@…`). Unset, or without MAIL_WEBHOOK_SECRET: daily mail has no Reply-To
   * and that route is a 404.
   */
  MAIL_REPLY_ADDRESS: z.email().max(200).refine((a) => !a.split('@')[0]!.includes('+'), 'must not contain "+" (the token goes after it)').optional(),
  /**
   * Development and tests only: chat webhooks may point at http://127.0.0.1 or http://localhost. Without it
   * (always in production) a webhook must be https on a public host name.
   */
  CHAT_WEBHOOKS_ALLOW_LOOPBACK: z.enum(['on', 'off']).default('off'),
  SEED_DEMO: z.enum(['auto', 'never']).default('auto'),
  /** Workers with D1: read through the Sessions API (replicas near the member, read-your-writes by bookmark). */
  D1_SESSIONS: z.enum(['on', 'off']).default('on'),
  /**
   * Workers in development: run the scheduler's tick on requests, at most once a minute (`on`) or every so many
   * seconds, because `wrangler dev` never fires Cron Triggers by itself. Node has node-cron and ignores it.
   */
  TICK_ON_REQUESTS: z
    .string()
    .regex(/^(on|off|[1-9]\d{0,4})$/, 'must be on, off or a number of seconds')
    .default('off'),
  /** Where answer images are kept on Node (default: `images/` beside a file database, else ./data/images). */
  IMAGES_DIR: z.string().min(1).optional(),
  /**
   * The deployment's Ed25519 key for signing Open Badges credentials: a multibase Multikey secret (z…) or a
   * JWK. Unset: one is generated on first use and kept in the database's settings table.
   */
  CREDENTIAL_SIGNING_KEY: z
    .string()
    .regex(/^(z[1-9A-HJ-NP-Za-km-z]{40,}|\{.*\})$/s, 'must be a multibase Ed25519 secret key (z…) or a JWK')
    .optional(),
  /** Rate limits to change from src/domain/limits/table.ts, as `name=max/seconds` pairs: `answers=60/60`. */
  RATE_LIMITS: z
    .string()
    .default('')
    .transform((text, ctx) => {
      const parsed = parseLimitOverrides(text);
      if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
      return typeof parsed === 'string' ? {} : parsed;
    }),
  /**
   * Behind a reverse proxy (Node): the header that carries the client's IP (`X-Forwarded-For`, whose last entry
   * is the one the proxy saw, or `X-Real-IP`), for the per-IP limits. Unset: the socket's address. Only set it
   * when a proxy you run always sets that header, or anyone can pick their own IP.
   */
  CLIENT_IP_HEADER: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be a header name').optional(),
  /**
   * The one-time secret that makes the first steward (POST /api/setup/steward, `kindling steward create --url`):
   * the way in on Workers, where no CLI reaches D1. It works only while no steward exists; unset: no such route.
   */
  STEWARD_SETUP_SECRET: z.string().min(16).optional(),
}).superRefine((e, ctx) => {
  if (e.MAIL_TRANSPORT === 'smtp') {
    for (const key of ['SMTP_URL', 'MAIL_FROM'] as const) {
      if (!e[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required with MAIL_TRANSPORT=smtp' });
    }
  }
  if (e.MAIL_TRANSPORT !== 'http') return;
  for (const key of ['MAIL_HTTP_URL', 'MAIL_FROM', 'MAIL_API_KEY'] as const) {
    if (!e[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required with MAIL_TRANSPORT=http' });
  }
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string;
  databaseAuthToken?: string;
  databaseSyncUrl?: string;
  /** Seconds between an embedded replica's background pulls; 0 for none. */
  databaseSyncIntervalSeconds: number;
  synchronous: 'NORMAL' | 'FULL';
  /** Bytes of WAL past which the background checkpoint truncates it (Node, embedded file). */
  walTruncateBytes: number;
  publicUrl?: string;
  mailTransport: 'console' | 'none' | 'http' | 'smtp';
  /** Present when mailTransport is 'http'. */
  httpMail?: { url: string; from: string; apiKey: string };
  /** Present when mailTransport is 'smtp'. */
  smtpMail?: { url: string; from: string };
  /** Readiness fails once the oldest unsent mail is older than this. */
  mailMaxAgeMs: number;
  mailWebhookSecret?: string;
  /** Answer by replying: set only together with mailWebhookSecret (replies come through its signed webhook). */
  mailReplyAddress?: string;
  chatWebhooksAllowLoopback: boolean;
  seedDemo: boolean;
  d1Sessions: boolean;
  /** Development on Workers: ms between ticks run on requests; absent means never. */
  tickOnRequestsEveryMs?: number;
  imagesDir?: string;
  credentialSigningKey?: string;
  /** The rate limits in force (src/domain/limits/table.ts with RATE_LIMITS applied). */
  limits: LimitTable;
  clientIpHeader?: string;
  stewardSetupSecret?: string;
};

export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databaseAuthToken: e.DATABASE_AUTH_TOKEN,
    databaseSyncUrl: e.DATABASE_SYNC_URL,
    databaseSyncIntervalSeconds: e.DATABASE_SYNC_INTERVAL,
    synchronous: e.DB_SYNCHRONOUS,
    walTruncateBytes: Math.round(e.DB_WAL_TRUNCATE_MB * 1024 * 1024),
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    mailTransport: e.MAIL_TRANSPORT,
    httpMail:
      e.MAIL_TRANSPORT === 'http' ? { url: e.MAIL_HTTP_URL!, from: e.MAIL_FROM!, apiKey: e.MAIL_API_KEY! } : undefined,
    smtpMail: e.MAIL_TRANSPORT === 'smtp' ? { url: e.SMTP_URL!, from: e.MAIL_FROM! } : undefined,
    mailMaxAgeMs: e.MAIL_MAX_AGE_MINUTES * 60_000,
    mailWebhookSecret: e.MAIL_WEBHOOK_SECRET,
    mailReplyAddress: e.MAIL_WEBHOOK_SECRET ? e.MAIL_REPLY_ADDRESS?.toLowerCase() : undefined,
    chatWebhooksAllowLoopback: e.CHAT_WEBHOOKS_ALLOW_LOOPBACK === 'on',
    seedDemo: e.SEED_DEMO === 'auto',
    d1Sessions: e.D1_SESSIONS === 'on',
    tickOnRequestsEveryMs:
      e.TICK_ON_REQUESTS === 'off' ? undefined : e.TICK_ON_REQUESTS === 'on' ? 60_000 : Number(e.TICK_ON_REQUESTS) * 1000,
    imagesDir: e.IMAGES_DIR,
    credentialSigningKey: e.CREDENTIAL_SIGNING_KEY,
    limits: limitTable(e.RATE_LIMITS),
    clientIpHeader: e.CLIENT_IP_HEADER,
    stewardSetupSecret: e.STEWARD_SETUP_SECRET,
  };
}
