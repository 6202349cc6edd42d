import { validateSettings } from '../desired/validate.js';
import type { Output } from '../ports/output.js';
import type { SettingsSource } from '../ports/settings-source.js';
import {
  renderDiagnosticsGithub,
  renderDiagnosticsJson,
  renderDiagnosticsText,
} from '../render/diagnostics.js';

export interface ValidateDeps {
  settings: SettingsSource;
  out: Output;
}

export interface ValidateOptions {
  /** text for people, json (schemas/diagnostics.schema.json), github (workflow annotations). */
  format: 'text' | 'json' | 'github';
}

/** `spa validate`: every problem in every settings file at once, as the result. */
export async function validate(deps: ValidateDeps, options: ValidateOptions): Promise<{ valid: boolean }> {
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
