import { POLICIES_DIR } from '../domain/policies.js';

/** Where each kind of settings file lives in the repository (DESIGN.md section 3). */
export const SETTINGS_FILE = 'settings.yaml';
export const ACCOUNTS_DIR = 'accounts/';
export const OUS_DIR = 'organizational-units/';
export const CSV_DIR = 'tags-csv/';

/** Policy documents: read only when settings.yaml names them (serviceControlPolicies.<name>.file). */
export { POLICIES_DIR } from '../domain/policies.js';

export type FileKind = 'settings' | 'ou' | 'account' | 'csv' | 'policy' | 'ignored' | 'unexpected';

const YAML = /\.ya?ml$/;
const IGNORED = /(^|\/)(\.gitkeep|\.DS_Store)$/;
/** A folder's guide, which GitHub renders when someone browses the folder (whatever the case of its name). */
const GUIDE = /(^|\/)readme\.md$/i;

export function classify(path: string): FileKind {
  if (path === SETTINGS_FILE) return 'settings';
  if (IGNORED.test(path) || GUIDE.test(path)) return 'ignored';
  if (path.startsWith(OUS_DIR)) return YAML.test(path) ? 'ou' : 'unexpected';
  if (path.startsWith(ACCOUNTS_DIR)) return YAML.test(path) ? 'account' : 'unexpected';
  if (path.startsWith(CSV_DIR)) return path.endsWith('.csv') ? 'csv' : 'unexpected';
  if (path.startsWith(POLICIES_DIR) && path.endsWith('.json')) return 'policy';
  return 'ignored';
}

/** organizational-units/Sandbox/Personal.yaml -> Sandbox/Personal */
export function ouPathOf(file: string): string {
  return file.slice(OUS_DIR.length).replace(YAML, '');
}

/** accounts/team-a/alice.yaml -> alice */
export function accountNameOf(file: string): string {
  const base = file.slice(file.lastIndexOf('/') + 1);
  return base.replace(YAML, '');
}

/** The first line that makes editors validate a file against its schema. */
export function schemaComment(file: string, kind: 'settings' | 'ou' | 'account'): string {
  const depth = file.split('/').length - 1;
  const up = depth === 0 ? './' : '../'.repeat(depth);
  const schema = kind === 'settings' ? 'settings' : kind === 'ou' ? 'organizational-unit' : 'account';
  return `# yaml-language-server: $schema=${up}schemas/${schema}.schema.json`;
}
