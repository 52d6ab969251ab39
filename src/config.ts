/** Configuration from plain strings (process.env on Node, vars on Workers), parsed once into one typed object. */
import { z } from 'zod';

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().min(1).default('file:./data/kindling.db'),
  DATABASE_AUTH_TOKEN: z.string().optional(),
  /** With a file DATABASE_URL: keep it as an embedded replica of this remote libSQL database. */
  DATABASE_SYNC_URL: z.string().optional(),
  /** WAL with NORMAL survives a crash of the process; FULL also survives power loss, at a write cost. */
  DB_SYNCHRONOUS: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
  /** Where members reach Kindling; used in emailed links and for the cross-site check. */
  PUBLIC_URL: z.url().optional(),
  /** console: development, prints sign-in links; none: keep mail in the outbox only. */
  MAIL_TRANSPORT: z.enum(['console', 'none']).default('console'),
  SEED_DEMO: z.enum(['auto', 'never']).default('auto'),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string;
  databaseAuthToken?: string;
  databaseSyncUrl?: string;
  synchronous: 'NORMAL' | 'FULL';
  publicUrl?: string;
  mailTransport: 'console' | 'none';
  seedDemo: boolean;
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
    synchronous: e.DB_SYNCHRONOUS,
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    mailTransport: e.MAIL_TRANSPORT,
    seedDemo: e.SEED_DEMO === 'auto',
  };
}
