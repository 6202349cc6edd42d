import { readStepApplyResult } from '../../../../adapters/fs/input-files.js';
import { ExitCode } from '../../../../domain/errors.js';
import { pullNumbers, reportApply } from '../../../../app/github/report-apply.js';
import { githubDeps } from '../../github.js';
import type { CliIo } from '../../io.js';

/** `spa github report-apply`: exit 0 once the result is on the pull requests and the spa-apply issue is up to date. */
export async function reportApplyCommand(
  options: { result: string; prs?: string },
  io: CliIo,
): Promise<number> {
  const deps = githubDeps(io);
  const result = readStepApplyResult(options.result, io.cwd);
  await reportApply(result, deps, { prs: pullNumbers(options.prs) });
  return ExitCode.ok;
}
