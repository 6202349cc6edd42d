import { resolve } from 'node:path';
import type { AwsPorts } from '../../../adapters/aws/connect.js';
import { localArtifacts } from '../../../adapters/fs/artifacts.js';
import { directorySettings } from '../../../adapters/fs/settings-source.js';
import { ExitCode } from '../../../domain/errors.js';
import { systemClock } from '../../../ports/clock.js';
import { planChanges, type PlanChangesOptions } from '../../../usecases/plan-changes.js';
import { awsOf } from '../aws.js';
import { outputOf, type CliIo } from '../io.js';

export interface PlanOptions extends PlanChangesOptions {
  dir: string;
  detailedExitcode?: boolean;
}

/** `spa plan`: exit 0 (no changes, or changes without --detailed-exitcode), 2 (changes, with it), 1 (errors). */
export async function planCommand(options: PlanOptions, io: CliIo): Promise<number> {
  const out = outputOf(io);
  let aws: AwsPorts | undefined;
  const planned = await planChanges(
    {
      settings: directorySettings(resolve(io.cwd, options.dir), io.env),
      connect: (settings) => (aws = awsOf(io, settings, out.progress)),
      clock: systemClock,
      out,
      artifacts: localArtifacts(io.cwd),
    },
    options,
  );
  if (io.env.SPA_REPORT_CALLS && aws)
    out.info(`AWS calls: ${JSON.stringify(Object.fromEntries(aws.caller.calls))}`);
  if (planned.outcome === 'invalid-settings' || planned.errors) return ExitCode.userError;
  return options.detailedExitcode && planned.plan.changes.length > 0 ? ExitCode.changesPresent : ExitCode.ok;
}
