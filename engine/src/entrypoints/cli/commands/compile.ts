import { resolve } from 'node:path';
import { localArtifacts } from '../../../adapters/fs/artifacts.js';
import { directorySettings } from '../../../adapters/fs/settings-source.js';
import { ExitCode } from '../../../domain/errors.js';
import { compile } from '../../../app/gitops/compile.js';
import { outputOf, type CliIo } from '../io.js';

export interface CompileOptions {
  dir: string;
  out?: string;
}

/** `spa compile [--out FILE]`: exit 0 written, 1 invalid settings. */
export async function compileCommand(options: CompileOptions, io: CliIo): Promise<number> {
  const { outcome } = await compile(
    {
      settings: directorySettings(resolve(io.cwd, options.dir), io.env),
      out: outputOf(io),
      artifacts: localArtifacts(io.cwd),
    },
    options.out === undefined ? {} : { out: options.out },
  );
  return outcome === 'compiled' ? ExitCode.ok : ExitCode.userError;
}
