import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
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
 * The lock of applies on one machine, when no lock table is configured: a file created exclusively in the
 * temporary folder, per organization. A lock whose process is gone, or past its expiry, is taken over.
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

  acquire(owner: string, ttlMs: number): Promise<Acquired> {
    for (let tries = 0; tries < 3; tries++) {
      const now = Date.now();
      const lock = newLock(owner, ttlMs, now);
      try {
        const fd = openSync(this.path, 'wx', 0o600);
        writeSync(fd, JSON.stringify({ ...lock, pid: process.pid }));
        closeSync(fd);
        return Promise.resolve({
          acquired: true,
          lock,
          release: () => Promise.resolve(void this.releaseIf(lock.id)),
        });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
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
