import { EXCEPTION_LABEL, type ExceptionLabel } from '../../../exceptions/case.js';
import { parseMarker, type ExceptionMarker } from '../../../gitops/markers.js';
import type { Issue } from '../../../ports/github.js';
import type { ExceptionTracker } from '../../../ports/exceptions.js';

export interface OwnIssue {
  issue: Issue;
  marker: ExceptionMarker;
}

/**
 * The open exception issues of the runtime: found by the label `spa-exception` and the hidden marker, in issues
 * of the App's bot only (a marker in anyone else's issue is not trusted), never by search.
 */
export async function openExceptionIssues(tracker: ExceptionTracker): Promise<OwnIssue[]> {
  const out: OwnIssue[] = [];
  for (const issue of await tracker.repo.listIssues(EXCEPTION_LABEL.name, 'open')) {
    if (issue.author !== tracker.login) continue;
    const marker = parseMarker(issue.body);
    if (marker?.kind === 'exception') out.push({ issue, marker });
  }
  return out.sort((a, b) => a.issue.number - b.issue.number);
}

/** The open issue of an account and a kind, when there is one (the oldest, if a race opened two). */
export async function findOpenIssue(
  tracker: ExceptionTracker,
  account: string,
  label: ExceptionLabel,
): Promise<OwnIssue | undefined> {
  return (await openExceptionIssues(tracker)).find(
    (o) => o.marker.account === account && o.marker.label === label,
  );
}

/** Closes an issue with a comment that says why. */
export async function closeWith(
  tracker: ExceptionTracker,
  issueNumber: number,
  comment: string,
): Promise<void> {
  await tracker.repo.createComment(issueNumber, comment);
  await tracker.repo.updateIssue(issueNumber, { state: 'closed' });
}

/** The labels of an issue exist before it is opened (a label GitHub creates on the fly has no description). */
export async function ensureLabels(tracker: ExceptionTracker, label: ExceptionLabel): Promise<void> {
  await tracker.repo.ensureLabel(EXCEPTION_LABEL.name, EXCEPTION_LABEL.color, EXCEPTION_LABEL.description);
  await tracker.repo.ensureLabel(label, 'fbca04', `SPA exception: ${label}`);
}
