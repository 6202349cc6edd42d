import type { DesiredOrganization } from '../../desired/types.js';
import { validateSettings } from '../../desired/validate.js';
import type { SettingsModel } from '../../domain/model.js';
import type { SourceFile } from '../../domain/source.js';
import type { Output } from '../../ports/output.js';
import type { SettingsSource } from '../../ports/settings-source.js';
import { renderDiagnosticsGithub, renderDiagnosticsText } from '../../render/diagnostics.js';

export interface ValidSettings {
  model: SettingsModel;
  desired: DesiredOrganization;
  files: SourceFile[];
}

/**
 * The settings of a use case that acts on them (plan, apply, compile...): read, validated and sealed with their
 * commit. When they are invalid, their errors are shown (as workflow annotations on the result stream with the
 * format `github`) and the use case does nothing else.
 */
export async function readValidSettings(
  source: SettingsSource,
  out: Output,
  format: string,
): Promise<ValidSettings | undefined> {
  const files = await source.files();
  const validation = validateSettings(files, { commit: source.commit(), seal: true });
  if (validation.valid && validation.model && validation.desired)
    return { model: validation.model, desired: validation.desired, files };
  const report = {
    diagnostics: validation.diagnostics.filter((d) => d.severity === 'error'),
    fileCount: validation.fileCount,
    lines: validation.lines,
  };
  if (format === 'github') out.result(renderDiagnosticsGithub(report));
  else out.info(renderDiagnosticsText(report, out.color.info));
  out.info(
    'The settings are invalid: nothing was read from AWS nor changed. Fix the errors above (spa validate) and run again.',
  );
  return undefined;
}
