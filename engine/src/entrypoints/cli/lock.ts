import { hostname, userInfo } from 'node:os';
import type { Acquired, ApplyLock } from '../../ports/lock.js';

/** Who holds the lock, for the people who find it held: user and host, and the CI run when there is one. */
export function lockOwner(env: Record<string, string | undefined>): string {
  let user = env.USER ?? 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // no user database (a container): keep USER
  }
  const run =
    env.GITHUB_RUN_ID && env.GITHUB_REPOSITORY
      ? ` (GitHub Actions run ${env.GITHUB_REPOSITORY}#${env.GITHUB_RUN_ID})`
      : '';
  return `${user}@${hostname()} pid ${process.pid}${run}`;
}

/** Releases a held lock when the process is interrupted (Ctrl-C, SIGTERM), then exits as the signal asks. */
export function releasedOnSignal(lock: ApplyLock): ApplyLock {
  return {
    where: lock.where,
    forceUnlock: (id) => lock.forceUnlock(id),
    async acquire(owner, ttlMs): Promise<Acquired> {
      const got = await lock.acquire(owner, ttlMs);
      if (!got.acquired) return got;
      const onSignal = (signal: NodeJS.Signals) => {
        void got.release().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
      };
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      return {
        ...got,
        release: async () => {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
          await got.release();
        },
      };
    },
  };
}
