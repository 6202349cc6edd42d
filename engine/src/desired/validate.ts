import { loadSettings } from '../config/load-settings.js';
import { siteOf } from '../config/locate.js';
import { diagnostic, hasErrors, sortDiagnostics, type Diagnostic } from '../domain/diagnostic.js';
import type { EffectiveAccount, SettingsModel } from '../domain/model.js';
import type { SourceFile } from '../domain/source.js';
import { compileOrganization, sealDesired, type DesiredBody } from './compile.js';
import { MAX_TAGS, RESERVED_TAG_COUNT, tagCount } from './effective.js';
import { checkPolicies } from './policy-checks.js';
import type { DesiredOrganization } from './types.js';

export interface Validation {
  valid: boolean;
  /** Present when settings.yaml could be read; complete only when `valid`. */
  model: SettingsModel | undefined;
  /** The desired organization, when the files could be read and `seal` was asked. */
  desired: DesiredOrganization | undefined;
  /** The effective settings of every account file. */
  accounts: EffectiveAccount[];
  diagnostics: Diagnostic[];
  lines: Map<string, string[]>;
  fileCount: number;
}

export interface ValidateOptions {
  /** Seal the desired organization with this commit, the files' digests and its own digest (plan, apply). */
  seal?: boolean;
  commit?: string | null;
  /**
   * Validation only (spa validate): no provenance is computed, and the positions of values are read only for
   * the files that have a diagnostic.
   */
  checkOnly?: boolean;
}

/** Everything `spa validate` checks: each file, then across files, then the merged settings of every account. */
export function validateSettings(files: readonly SourceFile[], options: ValidateOptions = {}): Validation {
  const checkOnly = options.checkOnly === true && !options.seal;
  const loaded = loadSettings(files, { lazyPositions: checkOnly });
  const diagnostics = [...loaded.diagnostics];
  let organization: DesiredBody | undefined;
  if (loaded.model) {
    const { settings, ous, policies } = loaded.model;
    diagnostics.push(...checkPolicies(settings, ous, policies));
    organization = compileOrganization(loaded.model, { provenance: !checkOnly });
    loaded.model.accounts.forEach((entry, i) => {
      const count = tagCount(organization!.accounts[i]!.settings);
      if (count <= MAX_TAGS) return;
      diagnostics.push(
        diagnostic(siteOf(entry.file, entry.positions, '/tags', true), {
          code: 'too-many-tags',
          summary: `the account would carry ${count} tags after merging defaults, OUs, the file and CSV rows (${count - RESERVED_TAG_COUNT} declared + ${RESERVED_TAG_COUNT} reserved)`,
          value: count,
          allowed: `at most ${MAX_TAGS} tags per account (AWS limit)`,
          hint: 'remove tags at some level, or list keys in unsetTags (run `spa explain` to see where each tag comes from)',
        }),
      );
    });
  }
  const sorted = sortDiagnostics(diagnostics);
  const desired =
    organization && options.seal
      ? sealDesired(organization, { commit: options.commit ?? null, files })
      : undefined;
  return {
    valid: !hasErrors(sorted),
    model: loaded.model,
    desired,
    accounts: (organization?.accounts ?? []).map(({ name, email, id, file, settings }) => ({
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
