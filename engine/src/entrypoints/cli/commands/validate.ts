import { resolve } from 'node:path';
import { readSettingsTree } from '../../../adapters/fs/settings-reader.js';
import { validateSettings } from '../../../desired/validate.js';
import { ExitCode } from '../../../domain/errors.js';
import {
  renderDiagnosticsGithub,
  renderDiagnosticsJson,
  renderDiagnosticsText,
} from '../../../render/diagnostics.js';
import { outputOf, type CliIo } from '../io.js';

export interface ValidateOptions {
  dir: string;
  format: 'text' | 'json' | 'github';
}

/** `spa validate`: every problem in every file at once. Exit 0 valid, 1 invalid. */
export async function validateCommand(options: ValidateOptions, io: CliIo): Promise<number> {
  const out = outputOf(io);
  const files = await readSettingsTree(resolve(io.cwd, options.dir));
  const validation = validateSettings(files, { checkOnly: true });
  const report = {
    diagnostics: validation.diagnostics,
    fileCount: validation.fileCount,
    lines: validation.lines,
  };
  if (options.format === 'json') out.result(renderDiagnosticsJson(report));
  else if (options.format === 'github') out.result(renderDiagnosticsGithub(report));
  else out.result(renderDiagnosticsText(report, out.color));
  return validation.valid ? ExitCode.ok : ExitCode.userError;
}
