import { validateSettings } from '../../desired/validate.js';
import type { Ports } from '../../ports/ports.js';
import {
  renderDiagnosticsGithub,
  renderDiagnosticsJson,
  renderDiagnosticsText,
} from '../../render/diagnostics.js';

export interface ValidateOptions {
  /** text for people, json (schemas/diagnostics.schema.json), github (workflow annotations). */
  format: 'text' | 'json' | 'github';
}

/** `spa validate`: every problem in every settings file at once, as the result. */
export async function validate(
  deps: Pick<Ports, 'settings' | 'out'>,
  options: ValidateOptions,
): Promise<{ valid: boolean }> {
  const { out } = deps;
  const validation = validateSettings(await deps.settings.files(), { checkOnly: true });
  const report = {
    diagnostics: validation.diagnostics,
    fileCount: validation.fileCount,
    lines: validation.lines,
  };
  if (options.format === 'json') out.result(renderDiagnosticsJson(report));
  else if (options.format === 'github') out.result(renderDiagnosticsGithub(report));
  else out.result(renderDiagnosticsText(report, out.color.result));
  return { valid: validation.valid };
}
