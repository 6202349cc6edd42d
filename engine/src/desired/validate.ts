import { loadSettings } from '../config/load-settings.js';
import { locate } from '../config/schema-validator.js';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../domain/diagnostic.js';
import type { EffectiveAccount, SettingsModel } from '../domain/model.js';
import type { SourceFile } from '../domain/source.js';
import { compileDesired } from './compile.js';
import { MAX_TAGS, RESERVED_TAG_COUNT, tagCount } from './effective.js';
import type { DesiredOrganization } from './types.js';

export interface Validation {
  valid: boolean;
  /** Present when settings.yaml could be read; complete only when `valid`. */
  model: SettingsModel | undefined;
  /** The desired organization, when the files could be read. */
  desired: DesiredOrganization | undefined;
  /** The effective settings of every account file. */
  accounts: EffectiveAccount[];
  diagnostics: Diagnostic[];
  lines: Map<string, string[]>;
  fileCount: number;
}

/**
 * Everything `spa validate` checks: each file, then across files, then the merged settings of every account.
 * `commit` is recorded in the desired organization it computes.
 */
export function validateSettings(files: readonly SourceFile[], commit: string | null = null): Validation {
  const loaded = loadSettings(files);
  const diagnostics = [...loaded.diagnostics];
  let desired: DesiredOrganization | undefined;
  if (loaded.model) {
    desired = compileDesired(loaded.model, { commit, files });
    loaded.model.accounts.forEach((entry, i) => {
      const count = tagCount(desired!.accounts[i]!.settings);
      if (count <= MAX_TAGS) return;
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
    });
  }
  const sorted = sortDiagnostics(diagnostics);
  return {
    valid: !hasErrors(sorted),
    model: loaded.model,
    desired,
    accounts: (desired?.accounts ?? []).map(({ name, email, id, file, settings }) => ({
      name,
      email,
      ...(id !== undefined ? { id } : {}),
      file,
      settings,
    })),
    diagnostics: sorted,
    lines: loaded.lines,
    fileCount: loaded.fileCount,
  };
}
