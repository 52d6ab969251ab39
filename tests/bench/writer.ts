/**
 * Buffered multi-row INSERTs inside one write transaction: the generator's only way to write rows.
 * Hundreds of rows per statement keeps parse and call overhead far below SQLite's own insert cost.
 */
import type { Client, InValue, Transaction } from '@libsql/client';

/** SQLite's bound-parameter limit is 32,766; stay well under it whatever the column count. */
const MAX_PARAMS = 16_000;

export class TableWriter {
  private rows: InValue[] = [];
  private readonly rowsPerStatement: number;
  private readonly fullSql: string;
  written = 0;

  constructor(
    private readonly tx: Transaction,
    private readonly table: string,
    private readonly columns: readonly string[],
    /** e.g. `ON CONFLICT DO NOTHING` for kudos, whose random givers may repeat. */
    private readonly suffix = '',
  ) {
    this.rowsPerStatement = Math.floor(MAX_PARAMS / columns.length);
    this.fullSql = this.sql(this.rowsPerStatement);
  }

  private sql(rowCount: number): string {
    const row = `(${this.columns.map(() => '?').join(',')})`;
    return `INSERT INTO ${this.table} (${this.columns.join(',')}) VALUES ${Array(rowCount).fill(row).join(',')} ${this.suffix}`;
  }

  async add(...values: InValue[]): Promise<void> {
    this.rows.push(...values);
    if (this.rows.length >= this.rowsPerStatement * this.columns.length) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.rows.length === 0) return;
    const count = this.rows.length / this.columns.length;
    const sql = count === this.rowsPerStatement ? this.fullSql : this.sql(count);
    await this.tx.execute({ sql, args: this.rows });
    this.written += count;
    this.rows = [];
  }
}

/** Runs `fill` in one write transaction and commits it; on failure the transaction is closed. */
export async function inTransaction(client: Client, fill: (tx: Transaction) => Promise<void>): Promise<void> {
  const tx = await client.transaction('write');
  try {
    await fill(tx);
    await tx.commit();
  } finally {
    tx.close();
  }
}
