import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AwsPorts } from '../../../adapters/aws/connect.js';
import { localArtifacts } from '../../../adapters/fs/artifacts.js';
import { directorySettings } from '../../../adapters/fs/settings-source.js';
import { ExitCode } from '../../../domain/errors.js';
import { systemClock } from '../../../ports/clock.js';
import { planChanges, type PlanChangesOptions } from '../../../app/gitops/plan-changes.js';
import { awsOf } from '../aws.js';
import { outputOf, type CliIo } from '../io.js';

export interface PlanOptions extends PlanChangesOptions {
  dir: string;
  detailedExitcode?: boolean;
  /** The settings of the pull request's base, to plan only what differs. */
  base?: string;
  /** The last full plan of the base branch (its drift run's artifact). */
  reference?: string;
}

/** `spa plan`: exit 0 (no changes, or changes without --detailed-exitcode), 2 (changes, with it), 1 (errors). */
export async function planCommand(options: PlanOptions, io: CliIo): Promise<number> {
  const out = outputOf(io);
  let aws: AwsPorts | undefined;
  const planned = await planChanges(
    {
      settings: directorySettings(resolve(io.cwd, options.dir), io.env),
      connect: (settings) => {
        const ports = (aws = awsOf(io, settings, out.progress));
        return { ...ports, calls: () => ports.caller.totalCalls() };
      },
      clock: systemClock,
      out,
      artifacts: localArtifacts(io.cwd),
      ...(options.base
        ? {
            // The base is at its own commit: SPA_BASE_COMMIT, else git in its directory.
            baseSettings: directorySettings(resolve(io.cwd, options.base), {
              ...io.env,
              SPA_GIT_COMMIT: io.env.SPA_BASE_COMMIT,
              GITHUB_SHA: undefined,
            }),
          }
        : {}),
      reference: () => {
        const path = options.reference ? resolve(io.cwd, options.reference) : undefined;
        return Promise.resolve(path && existsSync(path) ? readFileSync(path, 'utf8') : undefined);
      },
    },
    options,
  );
  if (io.env.SPA_REPORT_CALLS && aws)
    out.info(`AWS calls: ${JSON.stringify(Object.fromEntries(aws.caller.calls))}`);
  if (planned.outcome === 'invalid-settings' || planned.errors) return ExitCode.userError;
  return options.detailedExitcode && planned.plan.changes.length > 0 ? ExitCode.changesPresent : ExitCode.ok;
}
