/** What a statement is, read from its text alone: for code that routes or counts statements without running them. */
import type { InArgs, InStatement } from '@libsql/client';

export type AnyStatement = InStatement | [string, InArgs?];

export const sqlOf = (stmt: AnyStatement) => (typeof stmt === 'string' ? stmt : Array.isArray(stmt) ? stmt[0] : stmt.sql);

/** A plain SELECT: it changes nothing. */
export const isSelect = (stmt: AnyStatement) => /^\s*select\b/i.test(sqlOf(stmt));

/**
 * A SELECT, or a WITH that names no INSERT, UPDATE, DELETE or REPLACE (a WITH that writes names one of them).
 * Read from the words alone, so a read that calls replace() counts as a write.
 */
export const readsOnly = (stmt: AnyStatement) => {
  const sql = sqlOf(stmt);
  return isSelect(sql) || (/^\s*with\b/i.test(sql) && !/\b(insert|update|delete|replace)\b/i.test(sql));
};
