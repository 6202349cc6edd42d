import { CLOSED_BY_RELEASE, type ExceptionLabel } from '../../../exceptions/case.js';
import { newMonthComment, releasedComment } from '../../../exceptions/issue-text.js';
import type { ExceptionPorts } from './deps.js';
import { closeWith, openExceptionIssues } from './issues.js';

/** A released account: the issues of its failed builds, on-boarding and maintenance close, each saying why. */
export async function closeOnRelease(
  deps: Pick<ExceptionPorts, 'tracker'>,
  accountId: string,
  time: string,
): Promise<number[]> {
  const tracker = await deps.tracker();
  const closed: number[] = [];
  if (!tracker) return closed;
  for (const o of await openExceptionIssues(tracker)) {
    if (o.marker.account !== accountId) continue;
    if (!CLOSED_BY_RELEASE.includes(o.marker.label as ExceptionLabel)) continue;
    await closeWith(tracker, o.issue.number, releasedComment(time));
    closed.push(o.issue.number);
  }
  return closed;
}

/** A new month: the budget alerts of earlier months close (the budget counts from zero again). */
export async function closeOnNewMonth(deps: Pick<ExceptionPorts, 'tracker' | 'now'>): Promise<number[]> {
  const month = deps.now().toISOString().slice(0, 7);
  const tracker = await deps.tracker();
  const closed: number[] = [];
  if (!tracker) return closed;
  for (const o of await openExceptionIssues(tracker)) {
    if (o.marker.label !== 'BudgetAlertException' || o.marker.month >= month) continue;
    await closeWith(tracker, o.issue.number, newMonthComment(month));
    closed.push(o.issue.number);
  }
  return closed;
}
