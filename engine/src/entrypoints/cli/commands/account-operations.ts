import type { AccountState } from '../../../lifecycle/states.js';

/** The operations of `spa accounts` that set a state, and the state each sets. */
export const OPERATIONS = {
  reset: 'vanilla',
  release: 'released',
  expire: 'expired',
} as const satisfies Record<string, AccountState>;
