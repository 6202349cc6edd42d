import { awsOf } from '../aws.js';
import { EngineError, ExitCode } from '../../../domain/errors.js';
import type { CliIo } from '../io.js';
import { loadValidSettings, progressLine } from '../settings.js';

export interface UnlockOptions {
  dir: string;
  force?: boolean;
}

/** `spa unlock --force LOCK_ID`: removes the apply lock a killed run left; refuses any other lock id. */
export async function unlockCommand(lockId: string, options: UnlockOptions, io: CliIo): Promise<number> {
  if (!options.force)
    throw new EngineError('unlock-needs-force', 'spa unlock removes a lock another apply may still hold', {
      source: 'user',
      hint: `make sure no apply runs on this organization (CI runs included), then: spa unlock --force ${lockId}`,
    });
  const loaded = await loadValidSettings(options.dir, io, 'text');
  if (!loaded) return ExitCode.userError;
  const settings = loaded.desired.settings;
  const aws = awsOf(io, settings, progressLine(io));
  const identity = await aws.reader.identity();
  const lock = aws.applyLock(identity.organizationId, settings.runtime.applyLockTable, settings.aws.region);
  if (await lock.forceUnlock(lockId)) {
    io.stderr.write(`removed the apply lock ${lockId} (${lock.where})\n`);
    return ExitCode.ok;
  }
  throw new EngineError('no-such-lock', `no apply lock has the id ${lockId} (${lock.where})`, {
    source: 'user',
    hint: 'the lock was released meanwhile, or its id is another: spa apply prints the id of the lock it finds held',
  });
}
