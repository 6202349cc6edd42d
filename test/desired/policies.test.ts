import { describe, expect, it } from 'vitest';
import { desiredPolicies } from '../../engine/src/desired/policies.js';
import { loadSettings } from '../../engine/src/config/load-settings.js';
import { lineOf, minimalTree, toFiles } from '../helpers/tree.js';

const DOC =
  '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Deny", "Action": "*", "Resource": "*" }]\n}\n';
const MINIFIED = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}';

describe('the service control policies of the desired organization', () => {
  it('are the policies of settings.yaml by name, each with its document minified and the line of its name', () => {
    const tree = minimalTree({
      settings: {
        serviceControlPolicies: {
          zeta: { file: 'infra/policies/zeta.json', description: 'the last' },
          alpha: { file: 'infra/policies/alpha.json' },
          gone: { file: 'infra/policies/gone.json' },
        },
      },
      files: { 'infra/policies/zeta.json': DOC, 'infra/policies/alpha.json': DOC },
    });
    const { model } = loadSettings(toFiles(tree));
    const policies = desiredPolicies(model!);
    expect(Object.keys(policies)).toEqual(['alpha', 'zeta']);
    expect(policies).toEqual({
      alpha: {
        file: 'infra/policies/alpha.json',
        content: MINIFIED,
        source: { file: 'settings.yaml', line: lineOf(tree, 'settings.yaml', 'alpha:') },
      },
      zeta: {
        file: 'infra/policies/zeta.json',
        description: 'the last',
        content: MINIFIED,
        source: { file: 'settings.yaml', line: lineOf(tree, 'settings.yaml', 'zeta:') },
      },
    });
  });

  it('are none when settings.yaml defines none', () => {
    const { model } = loadSettings(toFiles(minimalTree({})));
    expect(desiredPolicies(model!)).toEqual({});
  });
});
