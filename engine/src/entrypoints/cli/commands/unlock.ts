import { resolve } from 'node:path';
import { directorySettings } from '../../../adapters/fs/settings-source.js';
import { ExitCode } from '../../../domain/errors.js';
import { forceUnlock } from '../../../app/gitops/force-unlock.js';
import { awsOf } from '../aws.js';
import { outputOf, type CliIo } from '../io.js';

export interface UnlockOptions {
  dir: string;
  force?: boolean;
}

/** `spa unlock --force LOCK_ID`: exit 0 removed, 1 without --force, invalid settings or no such lock. */
export async function unlockCommand(lockId: string, options: UnlockOptions, io: CliIo): Promise<number> {
  const out = outputOf(io);
  const { outcome } = await forceUnlock(
    lockId,
    {
      settings: directorySettings(resolve(io.cwd, options.dir), io.env),
      connect: (settings) => awsOf(io, settings, out.progress),
      out,
    },
    { force: options.force === true },
  );
  return outcome === 'removed' ? ExitCode.ok : ExitCode.userError;
}
