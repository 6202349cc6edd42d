import { resolve } from 'node:path';
import { directorySettings } from '../../../adapters/fs/settings-source.js';
import { ExitCode } from '../../../domain/errors.js';
import { explain, type ExplainOptions } from '../../../app/gitops/explain.js';
import { outputOf, type CliIo } from '../io.js';

export interface ExplainCommandOptions extends ExplainOptions {
  dir: string;
}

/** `spa explain ACCOUNT`: exit 0 explained, 1 invalid settings or no such account. */
export async function explainCommand(
  account: string,
  options: ExplainCommandOptions,
  io: CliIo,
): Promise<number> {
  const settings = directorySettings(resolve(io.cwd, options.dir), io.env);
  const { outcome } = await explain(account, { settings, out: outputOf(io) }, options);
  return outcome === 'explained' ? ExitCode.ok : ExitCode.userError;
}
