import { ExitCode } from '../../../../domain/errors.js';
import { requestAccount } from '../../../../app/github/request-account.js';
import { requestDeps } from '../../github.js';
import type { CliIo } from '../../io.js';

/**
 * `spa github request-account`: exit 0 when the request became a pull request or was not one (another issue),
 * 1 when the request is invalid (the issue says why).
 */
export async function requestAccountCommand(options: { dir: string }, io: CliIo): Promise<number> {
  const deps = await requestDeps(io, options.dir);
  const result = await requestAccount(deps);
  if (result.outcome === 'pull-request') deps.out.outputs({ pull: result.pull });
  return result.outcome === 'invalid' ? ExitCode.userError : ExitCode.ok;
}
