import { reservedTagKeys } from '../../config/resolve-settings.js';
import { suggest } from '../../config/schema-validator.js';
import { validateSettings } from '../../desired/validate.js';
import { EngineError } from '../../domain/errors.js';
import type { Ports } from '../../ports/ports.js';
import { renderDiagnosticsText } from '../../render/diagnostics.js';
import { renderExplainJson, renderExplainText } from '../../render/explain.js';

export interface ExplainOptions {
  format: 'text' | 'json';
}

/**
 * `spa explain ACCOUNT`: the effective settings of one account file (by name, email or id), each value with the
 * file and line it comes from. An account no file names is a user error, with the closest name suggested.
 */
export async function explain(
  account: string,
  deps: Pick<Ports, 'settings' | 'out'>,
  options: ExplainOptions,
): Promise<{ outcome: 'explained' | 'invalid-settings' }> {
  const { out } = deps;
  const validation = validateSettings(await deps.settings.files());
  if (!validation.valid || !validation.model) {
    const errors = validation.diagnostics.filter((d) => d.severity === 'error');
    out.info(
      renderDiagnosticsText(
        { diagnostics: errors, fileCount: validation.fileCount, lines: validation.lines },
        out.color.info,
      ),
    );
    out.info('The settings are invalid: fix the errors above, then run spa explain again.');
    return { outcome: 'invalid-settings' };
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
      renderExplainText(
        found,
        {
          reserved: reservedTagKeys(validation.model.settings.resolved),
          environment: validation.model.settings.resolved.environment,
        },
        out.color.result,
      ),
    );
  return { outcome: 'explained' };
}
