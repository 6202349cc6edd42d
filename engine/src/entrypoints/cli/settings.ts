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

/** A progress line on a terminal, rewritten in place at most ten times a second. */
export function progressLine(io: CliIo): { update(text: string): void; done(): void } {
  const tty = io.stderr.isTTY === true;
  let last = 0;
  let shown = false;
  return {
    update(text: string) {
      if (!tty) return;
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      shown = true;
      io.stderr.write(`\r\u001b[2K${text}`);
    },
    done() {
      if (tty && shown) io.stderr.write('\r\u001b[2K');
    },
  };
}
