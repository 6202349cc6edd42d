import { randomUUID } from 'node:crypto';
import type { LockInfo } from '../ports/lock.js';

/** A new lock for `owner`, held from `now` for `ttlMs`, with an id that spa unlock --force takes. */
export function newLock(owner: string, ttlMs: number, now = Date.now()): LockInfo {
  return {
    id: randomUUID(),
    owner,
    startedAt: new Date(now).toISOString(),
    expiresAt: new Date(now + ttlMs).toISOString(),
  };
}
