import { isState } from '../../lifecycle/states.js';
import { accountContext } from './account-context.js';
import { adoptAccount } from './adopt.js';
import type { LifecyclePorts } from './deps.js';

/** What adopting an account at first sight reads and writes. */
export type FirstSightPorts = Pick<
  LifecyclePorts,
  'environment' | 'published' | 'records' | 'reader' | 'ouPaths' | 'events' | 'telemetry' | 'now'
>;

/**
 * An event about an account that the transition table has nothing to judge (another tag changed): still the
 * runtime's first sight of it, so a managed account in the lifecycle without a record is adopted now (unless
 * vanilla).
 */
export async function adoptAtFirstSight(deps: FirstSightPorts, accountId: string): Promise<boolean> {
  const published = await deps.published.current();
  const stored = await deps.records.get(accountId);
  if (stored && stored.version > 0) return false;
  const context = await accountContext(deps, published, accountId);
  const tag = context?.account.tags[published.index.desired.settings.reservedTags.state];
  // A vanilla tag is a hand-over whose own TagResource event on-boards the account: adopting it first would make
  // that event look older than the record, and the account would never be on-boarded.
  if (!context?.settings || tag === undefined || !isState(tag) || tag === 'vanilla') return false;
  await adoptAccount(deps, accountId, tag, { now: deps.now().toISOString(), by: 'runtime' });
  return true;
}
