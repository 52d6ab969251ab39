/**
 * Watches what the app sends through a test's libSQL client while `run` runs: each call's statements before it
 * goes (`sent`), and what the database handed back (`returned`). The client is put back as it was afterwards.
 */
import type { Client, InStatement, ResultSet } from '@libsql/client';

export interface ClientSpy {
  sent?: (statements: InStatement[]) => void;
  returned?: (results: ResultSet[]) => void;
}

export async function watchClient(client: Client, spy: ClientSpy, run: () => Promise<unknown>): Promise<void> {
  const { execute, batch } = client;
  client.execute = (async (...args: unknown[]) => {
    const stmt = args[0] as InStatement;
    spy.sent?.([typeof stmt === 'string' ? { sql: stmt, args: (args[1] ?? []) as never } : stmt]);
    const result = await (execute as (...a: unknown[]) => Promise<ResultSet>).apply(client, args);
    spy.returned?.([result]);
    return result;
  }) as typeof execute;
  client.batch = (async (...args: unknown[]) => {
    spy.sent?.(args[0] as InStatement[]);
    const results = await (batch as (...a: unknown[]) => Promise<ResultSet[]>).apply(client, args);
    spy.returned?.(results);
    return results;
  }) as typeof batch;
  try {
    await run();
  } finally {
    client.execute = execute;
    client.batch = batch;
  }
}
