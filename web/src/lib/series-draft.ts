/**
 * The series editor's draft: what the form holds, the edits its buttons make, and the request body it
 * becomes. Shared by the page (with JavaScript) and its server route (the same buttons as form posts).
 */
export type Cadence = 'daily' | 'weekdays';

export interface DraftPrompt {
  easy: string;
  hard: string;
  /** As typed; blank means the server's default (1 and 3). */
  easyPoints: string;
  hardPoints: string;
}

export interface Draft {
  title: string;
  description: string;
  startDate: string;
  cadence: Cadence;
  prompts: DraftPrompt[];
}

export const emptyPrompt = (): DraftPrompt => ({ easy: '', hard: '', easyPoints: '1', hardPoints: '3' });

/** An edit one of the editor's buttons asks for: add, remove:i, up:i, down:i (0-based). */
export type DraftOp = { kind: 'add' } | { kind: 'remove' | 'up' | 'down'; index: number };

export function parseOp(value: string | undefined): DraftOp | null {
  if (value === 'add') return { kind: 'add' };
  const m = /^(remove|up|down):(\d{1,3})$/.exec(value ?? '');
  return m ? { kind: m[1] as 'remove' | 'up' | 'down', index: Number(m[2]) } : null;
}

export const opValue = (op: DraftOp) => (op.kind === 'add' ? 'add' : `${op.kind}:${op.index}`);

/** The same list with the edit applied; edits that make no sense (moving the first up) change nothing. */
export function applyOp<T>(list: T[], op: DraftOp, make: () => T): T[] {
  const next = [...list];
  if (op.kind === 'add') return [...next, make()];
  const i = op.index;
  if (i < 0 || i >= next.length) return list;
  if (op.kind === 'remove') return next.length > 1 ? next.filter((_, j) => j !== i) : list;
  const j = op.kind === 'up' ? i - 1 : i + 1;
  if (j < 0 || j >= next.length) return list;
  [next[i], next[j]] = [next[j]!, next[i]!];
  return next;
}

const points = (typed: string) => (typed.trim() === '' ? undefined : Number(typed));

/** The body of POST /api/communities/:slug/series. */
export function draftBody(d: Draft) {
  return {
    title: d.title,
    description: d.description,
    startDate: d.startDate,
    cadence: d.cadence,
    prompts: d.prompts.map((p) => ({
      easy: p.easy,
      hard: p.hard,
      ...(points(p.easyPoints) === undefined ? {} : { easyPoints: points(p.easyPoints)! }),
      ...(points(p.hardPoints) === undefined ? {} : { hardPoints: points(p.hardPoints)! }),
    })),
  };
}

/** Where an error path from the API (error.issues[].path) is shown, and in which words. */
export function fieldOfIssue(path: string): { field: string; message: 'title' | 'description' | 'startDate' | 'cadence' | 'prompts' | 'text' | 'points' } | null {
  if (path === 'title' || path === 'description' || path === 'startDate' || path === 'cadence' || path === 'prompts') {
    return { field: path, message: path };
  }
  const m = /^prompts\.(\d+)\.(easy|hard|easyPoints|hardPoints)$/.exec(path);
  if (!m) return null;
  return { field: `prompts.${m[1]}.${m[2]}`, message: m[2]!.endsWith('Points') ? 'points' : 'text' };
}
