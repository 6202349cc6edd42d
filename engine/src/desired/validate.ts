import { loadSettings } from '../config/load-settings.js';
import { locate } from '../config/schema-validator.js';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../domain/diagnostic.js';
import type { EffectiveAccount, SettingsModel } from '../domain/model.js';
import type { SourceFile } from '../domain/source.js';
import { effectiveAccount, MAX_TAGS, RESERVED_TAG_COUNT, tagCount } from './effective.js';

export interface Validation {
  valid: boolean;
  /** Present when settings.yaml could be read; complete only when `valid`. */
  model: SettingsModel | undefined;
  /** The effective settings of every account file. */
  accounts: EffectiveAccount[];
  diagnostics: Diagnostic[];
  lines: Map<string, string[]>;
  fileCount: number;
}

/** Everything `spa validate` checks: each file, then across files, then the merged settings of every account. */
export function validateSettings(files: readonly SourceFile[]): Validation {
  const loaded = loadSettings(files);
  const diagnostics = [...loaded.diagnostics];
  const accounts: EffectiveAccount[] = [];
  if (loaded.model) {
    for (const entry of loaded.model.accounts) {
      const effective = effectiveAccount(loaded.model, entry);
      accounts.push(effective);
      const count = tagCount(effective.settings);
      if (count > MAX_TAGS) {
        const at = locate(entry.positions, '/tags', true);
        diagnostics.push({
          severity: 'error',
          code: 'too-many-tags',
          file: entry.file,
          line: at.line,
          column: at.column,
          pointer: '/tags',
          summary: `the account would carry ${count} tags after merging defaults, OUs, the file and CSV rows (${count - RESERVED_TAG_COUNT} declared + ${RESERVED_TAG_COUNT} reserved)`,
          value: count,
          allowed: `at most ${MAX_TAGS} tags per account (AWS limit)`,
          hint: 'remove tags at some level, or list keys in unsetTags (run `spa explain` to see where each tag comes from)',
        });
      }
    }
  }
  const sorted = sortDiagnostics(diagnostics);
  return {
    valid: !hasErrors(sorted),
    model: loaded.model,
    accounts,
    diagnostics: sorted,
    lines: loaded.lines,
    fileCount: loaded.fileCount,
  };
}
