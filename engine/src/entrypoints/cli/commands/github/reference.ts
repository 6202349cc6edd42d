import { localArtifacts } from '../../../../adapters/fs/artifacts.js';
import { ExitCode } from '../../../../domain/errors.js';
import { findReference } from '../../../../app/github/reference.js';
import { githubDeps } from '../../github.js';
import type { CliIo } from '../../io.js';

export interface ReferenceOptions {
  out: string;
  driftWorkflow: string;
  forPush?: boolean;
  applied?: string;
}

/**
 * `spa github reference`: exit 0 whether or not a full plan was found (without one, plans are full); outputs
 * run-id and applied-commit, empty when there is none.
 */
export async function referenceCommand(options: ReferenceOptions, io: CliIo): Promise<number> {
  const deps = githubDeps(io);
  const runId = io.env.GITHUB_RUN_ID ? Number(io.env.GITHUB_RUN_ID) : undefined;
  await findReference(
    { ...deps, artifacts: localArtifacts(io.cwd) },
    {
      out: options.out,
      driftWorkflow: options.driftWorkflow,
      forPush: options.forPush === true,
      applied: options.applied,
      runId,
    },
  );
  return ExitCode.ok;
}
