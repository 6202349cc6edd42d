import { describe, expect, it } from 'vitest';
import { EXCEPTION_LABEL } from '../../engine/src/exceptions/case.js';
import { formatMarker } from '../../engine/src/gitops/markers.js';
import { closeOnNewMonth } from '../../engine/src/app/runtime/exceptions/closing.js';
import { BOT, MemoryRepo } from '../helpers/memory-github.js';

/** The runtime's open issues: budget alerts of November and December 2026, and a failed build of November. */
async function repository() {
  const repo = new MemoryRepo();
  const open = (account: string, label: string, month: string) =>
    repo.createIssue(
      `${label}: ${account}`,
      `${formatMarker({ kind: 'exception', account, label, month })}\n\n${label} of ${month}`,
      [EXCEPTION_LABEL.name, label],
    );
  const issue = {
    october: await open('111111111111', 'BudgetAlertException', '2026-10'),
    november: await open('222222222222', 'BudgetAlertException', '2026-11'),
    december: await open('333333333333', 'BudgetAlertException', '2026-12'),
    build: await open('222222222222', 'FailedCodebuildException', '2026-11'),
  };
  return { repo, issue };
}

const closeAt = (repo: MemoryRepo, now: string) =>
  closeOnNewMonth({
    tracker: () => Promise.resolve({ repo, login: BOT, issueUrl: (n) => `https://github.test/issues/${n}` }),
    now: () => new Date(now),
  });

describe('closing the budget alerts of earlier months', () => {
  it('at the first instant of a month, closes the alerts of earlier months and keeps this month’s open', async () => {
    const { repo, issue } = await repository();
    expect((await closeAt(repo, '2026-12-01T00:00:00.000Z')).sort()).toEqual(
      [issue.october, issue.november].sort(),
    );
    expect(repo.issues.get(issue.december)!.state).toBe('open');
    expect(repo.issues.get(issue.build)!.state).toBe('open');
    for (const n of [issue.october, issue.november]) {
      expect(repo.issues.get(n)!.state).toBe('closed');
      expect(repo.commentsOn(n).map((c) => c.body)).toEqual([
        'A new month began (2026-12): the budget counts from zero again. Closed by the runtime.',
      ]);
    }
  });

  it('at the last instant of a month, keeps that month’s alerts open', async () => {
    const { repo, issue } = await repository();
    expect(await closeAt(repo, '2026-11-30T23:59:59.999Z')).toEqual([issue.october]);
    for (const n of [issue.november, issue.december, issue.build])
      expect(repo.issues.get(n)!.state).toBe('open');
  });
});
