/** A lock held by one apply; `id` is what `spa unlock --force` takes. */
export interface LockInfo {
  id: string;
  owner: string;
  startedAt: string;
  expiresAt: string;
}

export type Acquired =
  { acquired: true; lock: LockInfo; release(): Promise<void> } | { acquired: false; heldBy: LockInfo };

/**
 * One apply at a time per organization: taken before the first read that decides a write, released at the end
 * (also on failure and interruption). A lock past its expiry is taken over.
 */
export interface ApplyLock {
  /** Where the lock lives, for people: a DynamoDB table, or this machine. */
  readonly where: string;
  acquire(owner: string, ttlMs: number): Promise<Acquired>;
  /** Removes a lock left by a killed run. Returns false when no lock has this id. */
  forceUnlock(id: string): Promise<boolean>;
}
