import { parseMarker, type MarkerKind } from '../../gitops/markers.js';
import type { GithubRepo, Issue } from '../../ports/github.js';

export const LABELS = {
  drift: {
    name: 'drift',
    color: 'd93f0b',
    description: 'AWS differs from main (opened and closed by the drift workflow)',
  },
  apply: {
    name: 'spa-apply',
    color: 'b60205',
    description: 'An apply that was refused or failed (opened and closed by the apply workflow)',
  },
} as const;

/**
 * The one open issue of a kind: found by label and hidden marker in an issue of the workflow's identity, never
 * by search (eventually consistent and rate-limited). Duplicates, from an earlier race, are closed.
 */
export async function findOwnIssue(
  repo: GithubRepo,
  label: string,
  kind: MarkerKind,
  botLogin: string,
): Promise<Issue | undefined> {
  const open = (await repo.listIssues(label, 'open'))
    .filter((i) => i.author === botLogin && parseMarker(i.body)?.kind === kind)
    .sort((a, b) => a.number - b.number);
  const [keep, ...duplicates] = open;
  for (const d of duplicates) await repo.updateIssue(d.number, { state: 'closed' });
  return keep;
}

/** Opens the issue, or updates the open one (left alone when its text is the same). */
export async function upsertIssue(
  repo: GithubRepo,
  label: (typeof LABELS)[keyof typeof LABELS],
  kind: MarkerKind,
  botLogin: string,
  title: string,
  body: string,
): Promise<{ number: number; action: 'opened' | 'updated' | 'unchanged' }> {
  await repo.ensureLabel(label.name, label.color, label.description);
  const existing = await findOwnIssue(repo, label.name, kind, botLogin);
  if (!existing) return { number: await repo.createIssue(title, body, [label.name]), action: 'opened' };
  if (existing.body === body) return { number: existing.number, action: 'unchanged' };
  await repo.updateIssue(existing.number, { body, title });
  return { number: existing.number, action: 'updated' };
}

/** Closes the open issue of a kind with a last comment, when there is one. */
export async function closeIssue(
  repo: GithubRepo,
  label: string,
  kind: MarkerKind,
  botLogin: string,
  comment: string,
): Promise<number | undefined> {
  const existing = await findOwnIssue(repo, label, kind, botLogin);
  if (!existing) return undefined;
  await repo.createComment(existing.number, comment);
  await repo.updateIssue(existing.number, { state: 'closed' });
  return existing.number;
}
