/**
 * A member reporting an answer to the community's facilitators (issue 12). The reporter is stored so that
 * reporting is once-only, and never returned by any read: see ./queue.ts.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { reports } from '../../../db/schema';
import type { ReportReason } from '../../schemas/report-reasons';
import { requireMember } from '../communities/access';
import { DomainError } from '../errors';
import type { Caller } from '../identity/sessions';
import { readableAnswer } from './answer';

export interface ReportInput {
  submissionId: number;
  caller: Caller;
  reason: ReportReason;
  note?: string | undefined;
}

/**
 * Files the caller's report, or returns their open one for this answer (`created: false`): a retried or
 * repeated report adds nothing, and the first reason stands until a facilitator resolves it. Members only
 * (403 for a public community's visitor); 404 for an answer the caller may not read; 422 for one's own.
 */
export async function reportAnswer(db: Db, input: ReportInput, now: Date) {
  const { answer, role } = await readableAnswer(db, input.submissionId, input.caller);
  requireMember(role);
  if (answer.userId === input.caller.id) throw new DomainError('own_answer', 'You cannot report your own answer');
  const open = and(eq(reports.submissionId, answer.id), eq(reports.reporterId, input.caller.id), isNull(reports.resolvedAt));
  const shape = { id: reports.id, reason: reports.reason, createdAt: reports.createdAt };
  // The partial unique index (one open report per reporter and answer) turns a racing second insert into nothing.
  const [inserted] = await db
    .insert(reports)
    .values({
      submissionId: answer.id,
      communityId: answer.communityId,
      reporterId: input.caller.id,
      reason: input.reason,
      note: input.note ?? null,
      createdAt: now.getTime(),
    })
    .onConflictDoNothing()
    .returning(shape);
  const row = inserted ?? (await db.select(shape).from(reports).where(open))[0];
  // The open report was resolved between the two statements: this one can now be filed.
  if (!row) return reportAnswer(db, input, now);
  return { created: inserted !== undefined, report: { id: row.id, reason: row.reason, status: 'open' as const, createdAt: new Date(row.createdAt).toISOString() } };
}
