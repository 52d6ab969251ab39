/**
 * Editing a series after it was created: prompts not yet opened can be edited and reordered freely; a prompt
 * that has opened only takes typo fixes to its texts (answers depend on them), each kept in prompt_edits.
 */
import { and, asc, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { promptEdits, prompts, users } from '../../../db/schema';
import { isUniqueViolation } from '../constraints';
import { DomainError, invalidField, notFound } from '../errors';
import { getSeries, seriesForFacilitator } from './series';
import type { Caller } from '../identity/sessions';
import { isTypoFix, typoAllowance } from './typo-fix';

export interface PromptChange {
  easy?: string;
  hard?: string;
  easyPoints?: number;
  hardPoints?: number;
}

const opened = (message: string) => new DomainError('prompt_opened', message);

/**
 * Edits one prompt. Not yet opened: any change. Opened: texts only, each a typo fix (see typo-fix.ts), logged
 * with who and when; a larger change or a change of points is refused with prompt_opened (409).
 */
export async function editPrompt(db: Db, caller: Caller, promptId: number, change: PromptChange, now: Date) {
  const [prompt] = await db.select().from(prompts).where(eq(prompts.id, promptId));
  if (!prompt) throw notFound('Prompt');
  // A prompt in a community hidden from the caller is answered exactly like an unknown prompt.
  await seriesForFacilitator(db, caller, prompt.seriesId).catch((err: unknown) => {
    throw err instanceof DomainError && err.code === 'not_found' ? notFound('Prompt') : err;
  });
  const next = {
    easyText: change.easy ?? prompt.easyText,
    hardText: change.hard ?? prompt.hardText,
    easyPoints: change.easyPoints ?? prompt.easyPoints,
    hardPoints: change.hardPoints ?? prompt.hardPoints,
  };

  if (prompt.openedAt === null) {
    // Only while it is still unopened: the scheduler may open it between our read and this write.
    const done = await db
      .update(prompts)
      .set(next)
      .where(and(eq(prompts.id, promptId), isNull(prompts.openedAt)))
      .returning({ id: prompts.id });
    if (!done.length) throw opened('This prompt has just opened: only typo fixes are possible now');
    return getSeries(db, caller, prompt.seriesId);
  }

  if (next.easyPoints !== prompt.easyPoints || next.hardPoints !== prompt.hardPoints) {
    throw opened('This prompt has opened: its points cannot change, members have earned them');
  }
  const fixes = (['easy', 'hard'] as const)
    .map((level) => ({ level, before: level === 'easy' ? prompt.easyText : prompt.hardText, after: level === 'easy' ? next.easyText : next.hardText }))
    .filter((f) => f.before !== f.after);
  for (const f of fixes) {
    if (!isTypoFix(f.before, f.after)) {
      throw opened(`This prompt has opened: only typo fixes are possible (at most ${typoAllowance(f.before)} characters changed in the ${f.level} text)`);
    }
  }
  if (fixes.length) {
    const t = now.getTime();
    await db.batch([
      db.update(prompts).set({ easyText: next.easyText, hardText: next.hardText }).where(eq(prompts.id, promptId)),
      db.insert(promptEdits).values(fixes.map((f) => ({ promptId, seriesId: prompt.seriesId, editedBy: caller.id, editedAt: t, ...f }))),
    ]);
  }
  return getSeries(db, caller, prompt.seriesId);
}

/**
 * Puts the prompts not yet opened in a new order (`promptIds` lists each of them once). They keep the days
 * they had, in order: the first listed opens on the earliest of those days.
 */
export async function reorderPrompts(db: Db, caller: Caller, seriesId: number, promptIds: number[]) {
  await seriesForFacilitator(db, caller, seriesId);
  const all = await db.select().from(prompts).where(eq(prompts.seriesId, seriesId)).orderBy(asc(prompts.position));
  const waiting = all.filter((p) => p.openedAt === null);
  const byId = new Map(all.map((p) => [p.id, p]));
  if (promptIds.some((id) => byId.get(id)?.openedAt != null)) throw opened('A prompt that has opened keeps its place');
  const wanted = new Set(promptIds);
  if (wanted.size !== promptIds.length || wanted.size !== waiting.length || waiting.some((p) => !wanted.has(p.id))) {
    throw invalidField('promptIds', 'must list every prompt not yet opened, each once');
  }
  if (!waiting.length) return getSeries(db, caller, seriesId);
  const ids = waiting.map((p) => p.id);
  try {
    await db.batch([
      // Out of the way first (positions are unique per series), then into their new places. A prompt the
      // scheduler opened meanwhile stays where it is, so another taking its place fails the whole batch.
      db
        .update(prompts)
        .set({ position: sql`-${prompts.position}` })
        .where(and(inArray(prompts.id, ids), isNull(prompts.openedAt))),
      ...promptIds.map((id, i) =>
        db
          .update(prompts)
          .set({ position: waiting[i]!.position, opensOn: waiting[i]!.opensOn, opensAt: waiting[i]!.opensAt })
          .where(and(eq(prompts.id, id), lt(prompts.position, 0))),
      ),
    ]);
  } catch (err) {
    if (isUniqueViolation(err)) throw opened('A prompt opened meanwhile; reload and try again');
    throw err;
  }
  return getSeries(db, caller, seriesId);
}

/** The typo fixes made to the series' opened prompts, newest first (facilitators). */
export async function promptEditLog(db: Db, caller: Caller, seriesId: number) {
  await seriesForFacilitator(db, caller, seriesId);
  const rows = await db
    .select({
      id: promptEdits.id,
      promptId: promptEdits.promptId,
      position: prompts.position,
      level: promptEdits.level,
      before: promptEdits.before,
      after: promptEdits.after,
      editedBy: users.name,
      editorErased: users.erased,
      editedAt: promptEdits.editedAt,
    })
    .from(promptEdits)
    .innerJoin(prompts, eq(prompts.id, promptEdits.promptId))
    .innerJoin(users, eq(users.id, promptEdits.editedBy))
    .where(eq(promptEdits.seriesId, seriesId))
    .orderBy(desc(promptEdits.editedAt), desc(promptEdits.id));
  // A fix outlives its author's account (it points at the tombstone), and then names no one.
  return {
    edits: rows.map(({ editorErased, editedBy, ...r }) => ({ ...r, editedBy: editorErased ? null : editedBy, editedAt: new Date(r.editedAt).toISOString() })),
  };
}
