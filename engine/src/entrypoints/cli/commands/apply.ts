import { resolve } from 'node:path';
import { readPlanToApply } from '../../../adapters/fs/input-files.js';
import { directorySettings } from '../../../adapters/fs/settings-source.js';
import { ExitCode } from '../../../domain/errors.js';
import { systemClock } from '../../../ports/clock.js';
import { applyChanges, type ApplyChangesOptions } from '../../../app/gitops/apply-changes.js';
import { awsOf } from '../aws.js';
import { outputOf, type CliIo } from '../io.js';
import { lockOwner, releasedOnSignal } from '../lock.js';

export interface ApplyCommandOptions {
  dir: string;
  format: ApplyChangesOptions['format'];
  allowLarge?: boolean;
}

/** `spa apply PLAN.json`: exit 0 applied, 1 refused or some changes failed, 4 stale plan refused. */
export async function applyCommand(
  planPath: string,
  options: ApplyCommandOptions,
  io: CliIo,
): Promise<number> {
  const plan = readPlanToApply(resolve(io.cwd, planPath));
  const out = outputOf(io);
  const poll = Number(io.env.SPA_CREATE_POLL_MS);
  const applied = await applyChanges(
    plan,
    {
      settings: directorySettings(resolve(io.cwd, options.dir), io.env),
      connect(settings) {
        const aws = awsOf(io, settings, out.progress);
        return { ...aws, applyLock: (...where) => releasedOnSignal(aws.applyLock(...where)) };
      },
      clock: systemClock,
      out,
      owner: lockOwner(io.env),
      ...(Number.isFinite(poll) && poll >= 0 && io.env.SPA_CREATE_POLL_MS ? { pollMs: poll } : {}),
    },
    { format: options.format, allowLarge: options.allowLarge === true },
  );
  if (applied.outcome === 'invalid-settings') return ExitCode.userError;
  const { result } = applied;
  if (result.outcome === 'refused')
    return result.refusal?.code === 'stale-plan' ? ExitCode.stalePlan : ExitCode.userError;
  return result.outcome === 'partial' ? ExitCode.userError : ExitCode.ok;
}
