import type { WorkflowRun } from '../ports/github.js';
import { escapeMarkdown } from '../render/markdown-escape.js';

/**
 * The apply runs that may have written to AWS while the drift plan read it: every run queued or in progress now,
 * and every run that ended after `since` (when the drift job began to plan). A drift plan read in the middle of
 * an apply shows half of it as drift; the drift check skips rather than report that.
 */
export function appliesDuringPlan(
  inFlight: readonly WorkflowRun[],
  completed: readonly WorkflowRun[],
  since: string | undefined,
): WorkflowRun[] {
  const from = since === undefined ? undefined : Date.parse(since);
  const ended = from === undefined ? [] : completed.filter((r) => Date.parse(r.updatedAt) >= from);
  const seen = new Set<number>();
  return [...inFlight, ...ended].filter((r) => !seen.has(r.id) && seen.add(r.id));
}

/** The job summary of a skipped drift check. */
export function renderDriftSkipped(runs: readonly WorkflowRun[]): string {
  const list = runs.map((r) => `- [run ${r.id}](${r.url}): ${escapeMarkdown(r.status)}`).join('\n');
  return `### Drift check skipped\n\nThe apply workflow ran while this check read AWS, so its plan may show an apply halfway through. The drift issue is left as it was; the next drift check plans again.\n\n${list}\n`;
}
