import type { LifecyclePorts } from '../../app/runtime/deps.js';
import { sweepDeadlines } from '../../app/runtime/sweep-deadlines.js';
import { processContainer } from './process-container.js';

/**
 * The sweeper, run every few minutes by a schedule: transactions past their deadline raise their exception once.
 * A failure fails the invocation; the next run takes it again.
 */
export async function handleDeadlines(
  deps: LifecyclePorts,
): Promise<{ reported: number; accounts: string[] }> {
  const results = await sweepDeadlines(deps);
  const reported = results.filter((r) => r.result.outcome === 'update');
  for (const r of results)
    deps.telemetry.log('info', `deadline: ${r.result.outcome}, ${r.result.reason}`, { account: r.accountId });
  return { reported: reported.length, accounts: reported.map((r) => r.accountId) };
}

export const handler = async (): Promise<{ reported: number; accounts: string[] }> => {
  const { container } = processContainer();
  return handleDeadlines(await container.deps());
};
