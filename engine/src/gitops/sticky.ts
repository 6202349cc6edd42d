import type { ExistingComment } from '../ports/github.js';
import { parseMarker, type MarkerKind } from './markers.js';

export type CommentOp =
  | { op: 'create'; part: number; body: string }
  | { op: 'update'; part: number; id: number; body: string }
  | { op: 'keep'; part: number; id: number }
  | { op: 'delete'; id: number };

/** The comments of the workflow's identity that carry a marker of this kind (and of this PR, for plans). */
export function ownComments(
  comments: readonly ExistingComment[],
  botLogin: string,
  kind: MarkerKind,
  pr?: number,
): ExistingComment[] {
  return comments.filter((c) => {
    if (c.author !== botLogin) return false;
    const m = parseMarker(c.body);
    return m?.kind === kind && (m.kind !== 'plan' || pr === undefined || m.pr === pr);
  });
}

/**
 * Sticky comments: part i of the new text goes to the comment that held part i (updated in place, or left
 * alone when equal), missing parts are created, and comments of an earlier, longer text are deleted.
 * Comments of anyone but the workflow's identity are never touched, whatever marker they carry.
 */
export function planSticky(own: readonly ExistingComment[], parts: readonly string[]): CommentOp[] {
  const byPart = new Map<number, ExistingComment>();
  const surplus: ExistingComment[] = [];
  for (const c of [...own].sort((a, b) => a.id - b.id)) {
    const m = parseMarker(c.body);
    const part = m?.kind === 'plan' ? m.part : 1;
    if (byPart.has(part) || part < 1 || part > parts.length) surplus.push(c);
    else byPart.set(part, c);
  }
  const ops: CommentOp[] = [];
  parts.forEach((body, i) => {
    const existing = byPart.get(i + 1);
    if (!existing) ops.push({ op: 'create', part: i + 1, body });
    else if (existing.body === body) ops.push({ op: 'keep', part: i + 1, id: existing.id });
    else ops.push({ op: 'update', part: i + 1, id: existing.id, body });
  });
  for (const c of surplus) ops.push({ op: 'delete', id: c.id });
  return ops;
}
