/** What a statement is, read from its text alone: for code that routes or counts statements without running them. */
import type { InArgs, InStatement, TransactionMode } from '@libsql/client';

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

/**
 * A batch that reads only and was not asked to write: it runs as a read-only transaction on a reading connection
 * (an embedded replica, the drain's thread). Any other goes whole to where writes run, BEGIN DEFERRED too.
 */
export const readOnlyBatch = (stmts: AnyStatement[], mode?: TransactionMode) => mode !== 'write' && stmts.every(readsOnly);

/** `execute(sql, args)` and `execute(statement)` as one statement. */
export const statementOf = (stmtOrSql: InStatement, args?: InArgs): InStatement =>
  typeof stmtOrSql === 'string' && args !== undefined ? { sql: stmtOrSql, args } : stmtOrSql;
