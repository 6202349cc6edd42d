import type { Account } from '@aws-sdk/client-organizations';
import type { AccountSnapshot, AccountStatus, ObservedAccount } from '../../observed/types.js';
import { errorName } from './aws-errors.js';

/** Organizations' account, as the engine observes it. */
export function statusOf(a: Account): AccountStatus {
  const s = (a.State ?? a.Status ?? 'ACTIVE') as string;
  return s === 'SUSPENDED' || s === 'CLOSED'
    ? 'SUSPENDED'
    : s === 'PENDING_CLOSURE'
      ? 'PENDING_CLOSURE'
      : 'ACTIVE';
}

export function toSnapshot(a: Account, parentId: string): AccountSnapshot {
  return {
    id: a.Id!,
    name: a.Name ?? '',
    email: (a.Email ?? '').toLowerCase(),
    status: statusOf(a),
    parentId,
    tags: {},
  };
}

export function toObserved(a: Account, parentId: string, ouPath: string): ObservedAccount {
  return { ...toSnapshot(a, parentId), ouPath };
}

/** Organizations answers that the account, OU, parent or target asked for does not exist. */
export function isNotFound(error: unknown): boolean {
  const name = errorName(error);
  return (
    name === 'AccountNotFoundException' ||
    name === 'ChildNotFoundException' ||
    name === 'TargetNotFoundException' ||
    name === 'OrganizationalUnitNotFoundException' ||
    name === 'ParentNotFoundException'
  );
}
