import { stringify } from 'yaml';
import {
  ACCOUNTS_DIR,
  CSV_DIR,
  OUS_DIR,
  POLICIES_DIR,
  schemaComment,
  SETTINGS_FILE,
} from '../config/layout.js';

/** A YAML mapping as written: keys in the order given, values that schemas/ accepts. */
export type YamlValue = Record<string, unknown>;

/** A settings repository before it is written: what `spa import` produces, as data. */
export interface RepositoryModel {
  settings: YamlValue;
  /** By OU path (Sandbox/Personal). */
  ous: Map<string, YamlValue>;
  /** By account name, which is also its file name. */
  accounts: Map<string, YamlValue>;
  /** CSV files by their name in tags-csv/, as text. */
  csv: Map<string, string>;
  /** Service control policy documents by their file name in infra/policies/, as text. */
  policies?: Map<string, string>;
  /** A comment written under the schema line of settings.yaml (where the settings came from). */
  origin?: string;
}

export interface RepositoryFile {
  /** Relative to the settings directory, forward slashes. */
  path: string;
  text: string;
}

/**
 * A YAML settings file: the schema line that makes editors validate it, an optional comment, then the value.
 * Strings that any YAML reader, 1.1 or 1.2, would read otherwise are quoted: account ids and "0042" keep their
 * leading zeros, "yes" stays a string.
 */
export function yamlFile(
  path: string,
  kind: 'settings' | 'ou' | 'account',
  value: YamlValue,
  comment?: string,
) {
  const lines = [schemaComment(path, kind)];
  if (comment) lines.push('#', ...comment.split('\n').map((l) => (l ? `# ${l}` : '#')));
  return `${lines.join('\n')}\n${stringify(value, { lineWidth: 0, version: '1.1' })}`;
}

/** Every file of the repository, in a stable order. */
export function repositoryFiles(model: RepositoryModel): RepositoryFile[] {
  const sorted = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return [
    { path: SETTINGS_FILE, text: yamlFile(SETTINGS_FILE, 'settings', model.settings, model.origin) },
    ...sorted(model.ous).map(([path, value]) => {
      const file = `${OUS_DIR}${path}.yaml`;
      return { path: file, text: yamlFile(file, 'ou', value) };
    }),
    ...sorted(model.accounts).map(([name, value]) => {
      const file = `${ACCOUNTS_DIR}${name}.yaml`;
      return { path: file, text: yamlFile(file, 'account', value) };
    }),
    ...sorted(model.csv).map(([name, text]) => ({ path: `${CSV_DIR}${name}`, text })),
    ...sorted(model.policies ?? new Map<string, string>()).map(([name, text]) => ({
      path: `${POLICIES_DIR}${name}`,
      text,
    })),
  ];
}
