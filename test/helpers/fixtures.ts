import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './tree.js';

export type FixtureName =
  | 'cloudtrail-create-account-result'
  | 'cloudtrail-move-account'
  | 'cloudtrail-tag-resource'
  | 'codebuild-build-state-change'
  | 'scheduler-maintenance-window'
  | 'signin-console-login-assumed-role'
  | 'signin-console-login-iam-user'
  | 'signin-console-login-root';

/**
 * A recorded event (test/fixtures/events), with its placeholders replaced: `111111111111` (management account),
 * `444444444444` (member account), `ou-exampleouid111`, and any other text given.
 */
export function fixture(name: FixtureName, replace: Record<string, string> = {}): Record<string, unknown> {
  let text = readFileSync(join(repoRoot, 'test/fixtures/events', `${name}.json`), 'utf8');
  for (const [from, to] of Object.entries(replace)) text = text.split(from).join(to);
  return JSON.parse(text) as Record<string, unknown>;
}
