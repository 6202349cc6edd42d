import { resolve } from 'node:path';
import { readSettingsTree } from '../../../adapters/fs/settings-reader.js';
import { reservedTagKeys } from '../../../config/resolve-settings.js';
import { suggest } from '../../../config/schema-validator.js';
import { validateSettings } from '../../../desired/validate.js';
import { EngineError, ExitCode } from '../../../domain/errors.js';
import { renderDiagnosticsText } from '../../../render/diagnostics.js';
import { renderExplainJson, renderExplainText } from '../../../render/explain.js';
import { outputOf, type CliIo } from '../io.js';

export interface ExplainOptions {
  dir: string;
  format: 'text' | 'json';
}

/** `spa explain ACCOUNT`: the effective settings of one account (by name, email or id), each with its source. */
export async function explainCommand(account: string, options: ExplainOptions, io: CliIo): Promise<number> {
  const out = outputOf(io);
  const files = await readSettingsTree(resolve(io.cwd, options.dir));
  const validation = validateSettings(files);
  if (!validation.valid || !validation.model) {
    io.stderr.write(
      renderDiagnosticsText(
        {
          diagnostics: validation.diagnostics.filter((d) => d.severity === 'error'),
          fileCount: validation.fileCount,
          lines: validation.lines,
        },
        out.color,
      ),
    );
    io.stderr.write('The settings are invalid: fix the errors above, then run spa explain again.\n');
    return ExitCode.userError;
  }
  const wanted = account.trim().toLowerCase();
  const found = validation.accounts.find(
    (a) => a.name.toLowerCase() === wanted || a.email === wanted || a.id === wanted,
  );
  if (!found) {
    const names = validation.accounts.map((a) => a.name);
    const guess = suggest(account, names);
    throw new EngineError('unknown-account', `no account file has the name, email or id "${account}"`, {
      source: 'user',
      hint: guess
        ? `did you mean "${guess}"?`
        : `known accounts: ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', ...' : ''}. Accounts without a file are explained by spa plan.`,
    });
  }
  if (options.format === 'json') out.result(renderExplainJson(found));
  else
    out.result(
      renderExplainText(found, { reserved: reservedTagKeys(validation.model.settings.resolved) }, out.color),
    );
  return ExitCode.ok;
}
