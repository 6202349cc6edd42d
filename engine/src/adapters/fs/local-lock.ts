import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Acquired, ApplyLock, LockInfo } from '../../ports/lock.js';
import { newLock } from '../new-lock.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The lock of applies on one machine, when no lock table is configured: a file per organization in the
 * temporary folder. It is written whole beside its place, then linked into place, which fails when a lock is
 * there: the lock file is never seen empty or half written. A lock whose process is gone, or past its expiry, is
 * taken over.
 */
export class LocalApplyLock implements ApplyLock {
  readonly where: string;
  private readonly path: string;

  constructor(organizationId: string, dir = tmpdir()) {
    this.path = join(dir, `spa-apply-${organizationId}.lock`);
    this.where = `this machine only (${this.path}); configure runtime.applyLockTable to lock across machines`;
  }

  private read(): (LockInfo & { pid: number }) | undefined {
    try {
      return JSON.parse(readFileSync(this.path, 'utf8')) as LockInfo & { pid: number };
    } catch {
      return undefined;
    }
  }

  /** Puts the lock in place whole, or returns false when a lock is already there. */
  private place(lock: LockInfo): boolean {
    const draft = `${this.path}.${process.pid}.${lock.id}`;
    writeFileSync(draft, JSON.stringify({ ...lock, pid: process.pid }), { mode: 0o600, flag: 'wx' });
    try {
      linkSync(draft, this.path);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      return false;
    } finally {
      rmSync(draft, { force: true });
    }
  }

  acquire(owner: string, ttlMs: number): Promise<Acquired> {
    for (let tries = 0; tries < 3; tries++) {
      const now = Date.now();
      const lock = newLock(owner, ttlMs, now);
      if (this.place(lock))
        return Promise.resolve({
          acquired: true,
          lock,
          release: () => Promise.resolve(void this.releaseIf(lock.id)),
        });
      const held = this.read();
      if (held && alive(held.pid) && Date.parse(held.expiresAt) > now) {
        const { pid: _pid, ...heldBy } = held;
        return Promise.resolve({ acquired: false, heldBy });
      }
      // Left by a process that is gone, or expired: take it over.
      this.releaseIf(held?.id);
    }
    throw new Error(`cannot take the apply lock ${this.path}`);
  }

  private releaseIf(id: string | undefined): boolean {
    const held = this.read();
    if (held !== undefined && id !== undefined && held.id !== id) return false;
    rmSync(this.path, { force: true });
    return held !== undefined;
  }

  forceUnlock(id: string): Promise<boolean> {
    const held = this.read();
    return Promise.resolve(held?.id === id ? this.releaseIf(id) : false);
  }
}
