import { stringify } from 'yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSettingsTree } from '../../engine/src/adapters/fs/settings-reader.js';
import type { Diagnostic } from '../../engine/src/domain/diagnostic.js';
import type { SourceFile } from '../../engine/src/domain/source.js';

export const repoRoot = join(import.meta.dirname, '..', '..');

/** A settings tree as text, path -> content: easy to mutate in a test. */
export type Tree = Record<string, string>;

let sample: Tree | undefined;

/** The sample settings shipped at the root of the repository. */
export async function sampleTree(): Promise<Tree> {
  if (!sample) {
    const files = await readSettingsTree(repoRoot);
    sample = Object.fromEntries(files.map((f) => [f.path, Buffer.from(f.bytes).toString('utf8')]));
  }
  return { ...sample };
}

export function toFiles(tree: Tree): SourceFile[] {
  return Object.entries(tree).map(([path, text]) => ({ path, bytes: Buffer.from(text, 'utf8') }));
}

/** Replaces text in one file of a tree; fails loudly when the text is not there, so that tests do not rot. */
export function edit(tree: Tree, path: string, from: string | RegExp, to: string): Tree {
  const before = tree[path];
  if (before === undefined) throw new Error(`no file ${path} in the tree`);
  const after = before.replace(from, to);
  if (after === before) throw new Error(`${String(from)} not found in ${path}`);
  return { ...tree, [path]: after };
}

/** The 1-based line of the first line of a file containing `text`. */
export function lineOf(tree: Tree, path: string, text: string): number {
  const lines = (tree[path] ?? '').split('\n');
  const i = lines.findIndex((l) => l.includes(text));
  if (i < 0) throw new Error(`"${text}" not found in ${path}`);
  return i + 1;
}

export function describeDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.summary}`)
    .join('\n');
}

export function readRepoFile(path: string): string {
  return readFileSync(join(repoRoot, path), 'utf8');
}

export interface MinimalTree {
  settings?: Record<string, unknown>;
  defaults?: Record<string, unknown>;
  ous?: Record<string, Record<string, unknown>>;
  accounts?: Record<string, Record<string, unknown>>;
  csv?: Record<string, string>;
  /** Other files by path, such as policy documents (infra/policies/*.json). */
  files?: Record<string, string>;
}

/** A small settings tree written from objects, each file with its schema comment. */
export function minimalTree(spec: MinimalTree): Tree {
  const comment = (path: string, schema: string) =>
    `# yaml-language-server: $schema=${'../'.repeat(path.split('/').length - 1) || './'}schemas/${schema}.schema.json\n`;
  const tree: Tree = {};
  const settings = {
    environment: 'SpaTest',
    aws: { region: 'eu-west-1', managementAccountId: '123456789012' },
    ...(spec.defaults ? { defaults: spec.defaults } : {}),
    ...spec.settings,
  };
  tree['settings.yaml'] = comment('settings.yaml', 'settings') + stringify(settings);
  for (const [path, ou] of Object.entries(spec.ous ?? {})) {
    const file = `organizational-units/${path}.yaml`;
    tree[file] = comment(file, 'organizational-unit') + (Object.keys(ou).length ? stringify(ou) : '{}\n');
  }
  for (const [name, a] of Object.entries(spec.accounts ?? {})) {
    const file = `accounts/${name}.yaml`;
    tree[file] = comment(file, 'account') + stringify({ name, email: `${name}@example.com`, ...a });
  }
  for (const [name, text] of Object.entries(spec.csv ?? {})) tree[`tags-csv/${name}`] = text;
  for (const [path, text] of Object.entries(spec.files ?? {})) tree[path] = text;
  return tree;
}
