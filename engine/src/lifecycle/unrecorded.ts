import type { AccountView } from './account-view.js';
import { isState, type AccountState } from './states.js';

/**
 * The managed accounts whose state tag names a state of the lifecycle but that have no record in the runtime:
 * accounts of an earlier SPA, or handed to the lifecycle before the runtime was deployed. Until they are adopted,
 * the runtime cannot tell which state a change of their tag came from.
 */
export function unrecordedAccounts(
  views: readonly AccountView[],
  stateKey: string,
): { view: AccountView; state: AccountState }[] {
  return views.flatMap((view) => {
    const tag = view.tags[stateKey];
    if (!view.settings || (view.record?.version ?? 0) > 0 || tag === undefined || !isState(tag)) return [];
    return [{ view, state: tag }];
  });
}
