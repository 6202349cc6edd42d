import { resolve } from 'node:path';
import { currentCommit } from '../../adapters/fs/git.js';
import { readSettingsTree } from '../../adapters/fs/settings-reader.js';
import type { DesiredOrganization } from '../../desired/types.js';
import { validateSettings } from '../../desired/validate.js';
import type { SettingsModel } from '../../domain/model.js';
import type { SourceFile } from '../../domain/source.js';
import { renderDiagnosticsGithub, renderDiagnosticsText } from '../../render/diagnostics.js';
import { colorEnabled, type CliIo } from './io.js';

/** Reads and validates the settings; prints the errors (nothing else is done) when they are invalid. */
export async function loadValidSettings(
  dir: string,
  io: CliIo,
  format: string,
): Promise<
  { model: SettingsModel; desired: DesiredOrganization; files: SourceFile[]; dir: string } | undefined
> {
  const root = resolve(io.cwd, dir);
  const files = await readSettingsTree(root);
  const validation = validateSettings(files, { commit: currentCommit(root, io.env), seal: true });
  if (validation.valid && validation.model && validation.desired)
    return { model: validation.model, desired: validation.desired, files, dir: root };
  const report = {
    diagnostics: validation.diagnostics.filter((d) => d.severity === 'error'),
    fileCount: validation.fileCount,
    lines: validation.lines,
  };
  if (format === 'github') io.stdout.write(renderDiagnosticsGithub(report));
  else io.stderr.write(renderDiagnosticsText(report, colorEnabled(io, 'stderr')));
  io.stderr.write(
    'The settings are invalid: nothing was read from AWS nor changed. Fix the errors above (spa validate) and run again.\n',
  );
  return undefined;
}

/** The progress helper of the commands (progress.ts), under the name they know it by. */
export { progress as progressLine } from './progress.js';
