import { describe, expect, it } from 'vitest';
import { effectiveOu, ouChain, type OuTree } from '../../engine/src/desired/ou-tree.js';
import { ouTreeOfDesired, ouTreeOfModel } from '../../engine/src/desired/ou-tree-of.js';
import type { DesiredOu, Level } from '../../engine/src/desired/types.js';
import { DEFAULT_PROVENANCE } from '../../engine/src/domain/source.js';
import { modelOf } from '../helpers/observed.js';
import { lineOf, minimalTree } from '../helpers/tree.js';

const src = (file: string, line: number) => ({ file, line });
const level = (file: string): Level => ({ kind: 'ou', fields: {}, sources: {}, fallback: src(file, 1) });

/** An OU tree written by hand: path -> node. */
const handTree: OuTree = {
  maintenanceWindow: { value: 'root-window', source: src('settings.yaml', 2) },
  node: (path) =>
    ({
      A: {
        file: 'A.yaml',
        managed: { value: true, source: src('A.yaml', 1) },
        serviceControlPolicies: { inherit: true, attach: [{ value: 'p', source: src('A.yaml', 3) }] },
        level: level('A.yaml'),
      },
      'A/B': {
        file: 'B.yaml',
        maintenanceWindow: { value: 'b-window', source: src('B.yaml', 2) },
        serviceControlPolicies: {
          inherit: true,
          attach: [
            { value: 'q', source: src('B.yaml', 3) },
            { value: 'p', source: src('B.yaml', 4) },
          ],
        },
      },
      'A/B/C': {
        file: 'C.yaml',
        managed: { value: false, source: src('C.yaml', 1) },
        serviceControlPolicies: { inherit: false, attach: [{ value: 'r', source: src('C.yaml', 3) }] },
        level: level('C.yaml'),
      },
    })[path],
};

describe('an OU path', () => {
  it('goes from the outermost OU to itself', () => {
    expect(ouChain('A/B/C')).toEqual(['A', 'A/B', 'A/B/C']);
    expect(ouChain('A')).toEqual(['A']);
  });

  it('outside every file is not managed, has the root window, no policy and no level', () => {
    expect(effectiveOu(handTree, 'Z/Y')).toEqual({
      path: 'Z/Y',
      files: [],
      managed: { value: false, source: DEFAULT_PROVENANCE },
      maintenanceWindow: handTree.maintenanceWindow,
      serviceControlPolicies: [],
      levels: [],
    });
  });

  it('takes each setting from the innermost file that gives it, each policy once from the outermost', () => {
    expect(effectiveOu(handTree, 'A/B/X')).toEqual({
      path: 'A/B/X',
      files: ['A', 'A/B'],
      managed: { value: true, source: src('A.yaml', 1) },
      maintenanceWindow: { value: 'b-window', source: src('B.yaml', 2) },
      serviceControlPolicies: [
        { value: 'p', source: src('A.yaml', 3) },
        { value: 'q', source: src('B.yaml', 3) },
      ],
      levels: [level('A.yaml')],
    });
  });

  it('stops inheriting policies at the innermost inherit: false', () => {
    const c = effectiveOu(handTree, 'A/B/C');
    expect(c.files).toEqual(['A', 'A/B', 'A/B/C']);
    expect(c.managed).toEqual({ value: false, source: src('C.yaml', 1) });
    expect(c.serviceControlPolicies).toEqual([{ value: 'r', source: src('C.yaml', 3) }]);
    expect(c.levels).toEqual([level('A.yaml'), level('C.yaml')]);
  });
});

const DOC = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}';
const tree = minimalTree({
  settings: {
    maintenanceWindow: 'cron(0 18 ? * SAT *)',
    serviceControlPolicies: { audit: { file: 'infra/policies/audit.json' } },
  },
  ous: {
    Lab: {
      managed: true,
      maintenanceWindow: 'cron(0 6 ? * MON *)',
      serviceControlPolicies: { attach: ['audit'] },
    },
    'Lab/Quiet': { serviceControlPolicies: { attach: ['audit'], inherit: false } },
    'Lab/Plain': {},
  },
  files: { 'infra/policies/audit.json': DOC },
});
const LAB = 'organizational-units/Lab.yaml';
const QUIET = 'organizational-units/Lab/Quiet.yaml';

describe('the OU tree of the settings files', () => {
  it('gives each OU file its managed flag, window and policies with their lines', () => {
    const files = ouTreeOfModel(modelOf(tree), true);
    expect(files.maintenanceWindow).toEqual({
      value: 'cron(0 18 ? * SAT *)',
      source: src('settings.yaml', lineOf(tree, 'settings.yaml', 'maintenanceWindow')),
    });
    expect(files.node('Lab')).toEqual({
      file: LAB,
      managed: { value: true, source: src(LAB, lineOf(tree, LAB, 'managed')) },
      maintenanceWindow: {
        value: 'cron(0 6 ? * MON *)',
        source: src(LAB, lineOf(tree, LAB, 'maintenanceWindow')),
      },
      serviceControlPolicies: {
        inherit: true,
        attach: [{ value: 'audit', source: src(LAB, lineOf(tree, LAB, '- audit')) }],
      },
    });
    expect(files.node('Lab/Quiet')?.serviceControlPolicies).toEqual({
      inherit: false,
      attach: [{ value: 'audit', source: src(QUIET, lineOf(tree, QUIET, '- audit')) }],
    });
    expect(files.node('Lab/Plain')).toEqual({
      file: 'organizational-units/Lab/Plain.yaml',
      managed: undefined,
      maintenanceWindow: undefined,
      serviceControlPolicies: undefined,
    });
    expect(files.node('Lab/None')).toBeUndefined();
    expect(files.node('Lab')).toBe(files.node('Lab'));
  });

  it('without provenance, gives every line as 0', () => {
    const files = ouTreeOfModel(modelOf(tree), false);
    expect(files.maintenanceWindow?.source).toEqual(src('settings.yaml', 0));
    const lab = files.node('Lab')!;
    expect([
      lab.managed?.source,
      lab.maintenanceWindow?.source,
      lab.serviceControlPolicies?.attach[0]?.source,
    ]).toEqual([src(LAB, 0), src(LAB, 0), src(LAB, 0)]);
  });

  it('has no window when settings.yaml gives none', () => {
    expect(ouTreeOfModel(modelOf(minimalTree({})), true).maintenanceWindow).toBeUndefined();
  });
});

describe('the OU tree of a compiled organization', () => {
  const ou = (path: string, fields: Level['fields'], managed: boolean): DesiredOu => ({
    path,
    name: path,
    parentPath: '',
    file: `${path}.yaml`,
    managed,
    ouTags: {},
    serviceControlPolicies: [{ value: 'p', source: src(`${path}.yaml`, 5) }],
    level: {
      kind: 'ou',
      fields,
      sources: { '/maintenanceWindow': src(`${path}.yaml`, 7) },
      fallback: src(`${path}.yaml`, 1),
    },
  });

  it('gives each OU its effective managed flag and policies, its own window and level', () => {
    const lab = ou('Lab', { maintenanceWindow: 'w' }, true);
    const compiled = ouTreeOfDesired({}, new Map([['Lab', lab]]));
    expect(compiled.maintenanceWindow).toBeUndefined();
    expect(compiled.node('Lab')).toEqual({
      file: 'Lab.yaml',
      managed: { value: true, source: src('Lab.yaml', 0) },
      maintenanceWindow: { value: 'w', source: src('Lab.yaml', 7) },
      serviceControlPolicies: { inherit: false, attach: lab.serviceControlPolicies },
      level: lab.level,
    });
    expect(compiled.node('Lab')).toBe(compiled.node('Lab'));
    expect(compiled.node('Other')).toBeUndefined();
    const plain = ouTreeOfDesired({}, new Map([['Lab', ou('Lab', {}, false)]])).node('Lab');
    expect(plain?.maintenanceWindow).toBeUndefined();
    expect(plain?.managed?.value).toBe(false);
  });
});
