import { describe, expect, it } from 'vitest';
import { validateSettings } from '../../engine/src/desired/validate.js';
import type { Diagnostic } from '../../engine/src/domain/diagnostic.js';
import { lineOf, minimalTree, toFiles, type MinimalTree } from '../helpers/tree.js';

const DOC = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}';
const NAMES = ['p1', 'p2', 'p3', 'p4', 'p5'];

/** settings.yaml defining the policies named, each in its own file. */
function withPolicies(names: string[], spec: MinimalTree): ReturnType<typeof minimalTree> {
  return minimalTree({
    ...spec,
    settings: {
      serviceControlPolicies: Object.fromEntries(names.map((n) => [n, { file: `infra/policies/${n}.json` }])),
    },
    files: Object.fromEntries(names.map((n) => [`infra/policies/${n}.json`, DOC])),
  });
}

function diagnostics(tree: ReturnType<typeof minimalTree>, code: string): Diagnostic[] {
  return validateSettings(toFiles(tree)).diagnostics.filter((d) => d.code === code);
}

describe('the service control policies across files', () => {
  it('name a policy file that does not exist, where settings.yaml names it', () => {
    const tree = minimalTree({
      settings: { serviceControlPolicies: { gone: { file: 'infra/policies/gone.json' } } },
    });
    expect(diagnostics(tree, 'policy-file-missing')).toEqual([
      {
        severity: 'error',
        code: 'policy-file-missing',
        file: 'settings.yaml',
        line: lineOf(tree, 'settings.yaml', 'file: infra/policies/gone.json'),
        column: expect.any(Number) as number,
        pointer: '/serviceControlPolicies/gone/file',
        summary: 'policy "gone" names the file infra/policies/gone.json, which does not exist',
        value: 'infra/policies/gone.json',
        allowed: 'a JSON policy document in infra/policies/',
        hint: 'create infra/policies/gone.json, or correct the path',
      },
    ]);
  });

  it('refuse an OU that attaches an undefined policy, with the closest name when there is one', () => {
    const tree = withPolicies(['deny-root', 'audit'], {
      ous: { Lab: { serviceControlPolicies: { attach: ['audit', 'deny-rot', 'zzzzzzzz'] } } },
    });
    const [close, far, ...rest] = diagnostics(tree, 'unknown-policy');
    expect(rest).toEqual([]);
    expect(close).toMatchObject({
      file: 'organizational-units/Lab.yaml',
      pointer: '/serviceControlPolicies/attach/1',
      summary: 'service control policy "deny-rot" is not defined in settings.yaml; did you mean "deny-root"?',
      value: 'deny-rot',
      allowed: 'one of audit, deny-root',
      hint: 'write "deny-root"',
    });
    expect(far).toMatchObject({
      pointer: '/serviceControlPolicies/attach/2',
      summary: 'service control policy "zzzzzzzz" is not defined in settings.yaml',
      hint: 'define "zzzzzzzz" under serviceControlPolicies in settings.yaml',
    });
  });

  it('say where to define a policy when settings.yaml defines none', () => {
    const tree = minimalTree({ ous: { Lab: { serviceControlPolicies: { attach: ['audit'] } } } });
    expect(diagnostics(tree, 'unknown-policy')).toMatchObject([
      { value: 'audit', allowed: 'a policy defined under serviceControlPolicies in settings.yaml' },
    ]);
  });

  it('allow four policies on an OU (five with FullAWSAccess) and refuse a fifth, inherited ones counted', () => {
    const four = withPolicies(NAMES, {
      ous: {
        Lab: { serviceControlPolicies: { attach: ['p1', 'p2'] } },
        'Lab/Team': { serviceControlPolicies: { attach: ['p3', 'p4', 'p1'] } },
      },
    });
    expect(diagnostics(four, 'too-many-policies')).toEqual([]);
    const five = withPolicies(NAMES, {
      ous: {
        Lab: { serviceControlPolicies: { attach: ['p1', 'p2'] } },
        'Lab/Team': { serviceControlPolicies: { attach: ['p3', 'p4', 'p5'] } },
      },
    });
    const TEAM = 'organizational-units/Lab/Team.yaml';
    expect(diagnostics(five, 'too-many-policies')).toEqual([
      {
        severity: 'error',
        code: 'too-many-policies',
        file: TEAM,
        line: lineOf(five, TEAM, 'serviceControlPolicies:'),
        column: 1,
        pointer: '/serviceControlPolicies',
        summary:
          'OU Lab/Team would have 6 service control policies: FullAWSAccess, p1 (inherited), p2 (inherited), p3, p4, p5',
        value: 6,
        allowed: 'at most 5 per OU, FullAWSAccess included',
        hint: 'merge some policy documents into one, or set inherit: false and list what this OU needs',
      },
    ]);
  });

  it('point at the start of an OU file that inherits too many without attaching any, and stop at inherit: false', () => {
    const MID = 'organizational-units/Lab/Mid.yaml';
    const TEAM = 'organizational-units/Lab/Mid/Team.yaml';
    const tree = withPolicies(NAMES, {
      ous: {
        Lab: { serviceControlPolicies: { attach: ['p1', 'p2', 'p3', 'p4'] } },
        'Lab/Mid': { serviceControlPolicies: { attach: ['p5'] } },
        'Lab/Mid/Team': { managed: true },
        'Lab/Mid/Quiet': { serviceControlPolicies: { attach: ['p1'], inherit: false } },
      },
    });
    expect(diagnostics(tree, 'too-many-policies').map((d) => [d.file, d.line, d.pointer, d.value])).toEqual([
      [MID, lineOf(tree, MID, 'serviceControlPolicies'), '/serviceControlPolicies', 6],
      [TEAM, lineOf(tree, TEAM, 'managed: true'), '', 6],
    ]);
  });
});
