import { resolve } from 'node:path';
import { writeFileAtomic } from '../../../adapters/fs/write-file.js';
import { canonicalTextOf } from '../../../desired/compile.js';
import { ExitCode } from '../../../domain/errors.js';
import type { CliIo } from '../io.js';
import { loadValidSettings } from '../settings.js';

export interface CompileOptions {
  dir: string;
  out?: string;
}

/**
 * `spa compile`: the desired organization (schemas/effective-settings.schema.json) as canonical JSON, to
 * standard output or to --out. What the runtime reads instead of the repository.
 */
export async function compileCommand(options: CompileOptions, io: CliIo): Promise<number> {
  const loaded = await loadValidSettings(options.dir, io, 'text');
  if (!loaded) return ExitCode.userError;
  const text = canonicalTextOf(loaded.desired) + '\n';
  if (options.out) {
    writeFileAtomic(resolve(io.cwd, options.out), text);
    const d = loaded.desired;
    io.stderr.write(
      `wrote ${options.out}: ${d.organizationalUnits.length} OUs, ${d.accounts.length} accounts, digest ${d.digest}\n`,
    );
  } else io.stdout.write(text);
  return ExitCode.ok;
}
