import { readStepPlan } from '../../../../adapters/fs/input-files.js';
import { ExitCode } from '../../../../domain/errors.js';
import { driftIssue, type DriftIssueOptions as DriftOptions } from '../../../../app/github/drift-issue.js';
import { githubDeps } from '../../github.js';
import type { CliIo } from '../../io.js';

export interface DriftIssueOptions extends DriftOptions {
  plan: string;
}

/** `spa github drift-issue`: exit 0 whether the drift issue was opened, updated, closed, or left alone (skipped). */
export async function driftIssueCommand(options: DriftIssueOptions, io: CliIo): Promise<number> {
  const deps = githubDeps(io);
  await driftIssue(readStepPlan(options.plan, io.cwd), deps, options);
  return ExitCode.ok;
}
