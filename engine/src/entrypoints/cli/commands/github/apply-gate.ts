import { readStepPlan } from '../../../../adapters/fs/input-files.js';
import { ExitCode } from '../../../../domain/errors.js';
import { applyGate } from '../../../../app/github/apply-gate.js';
import { githubDeps } from '../../github.js';
import type { CliIo } from '../../io.js';

/**
 * `spa github apply-gate`: exit 0 with the output apply=true to go on (allow-large=true when apply may take a
 * large plan), exit 0 with apply=false when there is nothing to do, exit 1 when refused.
 */
export async function applyGateCommand(
  options: { plan: string; confirm?: string },
  io: CliIo,
): Promise<number> {
  const deps = githubDeps(io);
  const { outcome } = await applyGate(readStepPlan(options.plan, io.cwd), deps, { confirm: options.confirm });
  return outcome === 'refused' ? ExitCode.userError : ExitCode.ok;
}
