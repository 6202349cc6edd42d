import { resolve } from 'node:path';
import { directorySettings } from '../../../adapters/fs/settings-source.js';
import { ExitCode } from '../../../domain/errors.js';
import { validate, type ValidateOptions } from '../../../app/gitops/validate.js';
import { outputOf, type CliIo } from '../io.js';

export interface ValidateCommandOptions extends ValidateOptions {
  dir: string;
}

/** `spa validate`: exit 0 valid, 1 invalid. */
export async function validateCommand(options: ValidateCommandOptions, io: CliIo): Promise<number> {
  const settings = directorySettings(resolve(io.cwd, options.dir), io.env);
  const { valid } = await validate({ settings, out: outputOf(io) }, options);
  return valid ? ExitCode.ok : ExitCode.userError;
}
