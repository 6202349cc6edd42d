import { describe, expect, it } from 'vitest';
import { indexDesired } from '../../engine/src/desired/index-of.js';
import { effectiveOu } from '../../engine/src/desired/ou-tree.js';
import { ouTreeOfDesired, ouTreeOfModel } from '../../engine/src/desired/ou-tree-of.js';
import { windowOfOu } from '../../engine/src/lifecycle/maintenance-windows.js';
import { desiredOf, modelOf } from '../helpers/observed.js';
import { lineOf, minimalTree } from '../helpers/tree.js';

const DOC = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}';
const tree = minimalTree({
  settings: {
    maintenanceWindow: 'cron(0 18 ? * SAT *)',
    serviceControlPolicies: {
      root: { file: 'infra/policies/root.json' },
      leave: { file: 'infra/policies/leave.json' },
    },
  },
  ous: {
    Sandbox: { managed: true, serviceControlPolicies: { attach: ['root'] } },
    'Sandbox/Lab': {
      maintenanceWindow: 'cron(0 6 ? * MON *)',
      serviceControlPolicies: { attach: ['leave'] },
    },
    'Sandbox/Lab/Quiet': { managed: false, serviceControlPolicies: { attach: ['leave'], inherit: false } },
  },
  accounts: {
    alice: { organizationalUnit: 'Sandbox/Lab/Quiet' },
    bob: { organizationalUnit: 'Sandbox/Lab' },
    carol: { organizationalUnit: 'Sandbox' },
  },
  files: { 'infra/policies/root.json': DOC, 'infra/policies/leave.json': DOC },
});
const LAB = 'organizational-units/Sandbox/Lab.yaml';
const QUIET = 'organizational-units/Sandbox/Lab/Quiet.yaml';
const SANDBOX = 'organizational-units/Sandbox.yaml';

describe('the effective settings of an OU', () => {
  const files = ouTreeOfModel(modelOf(tree), true);

  it('take managed from the nearest OU file that says it, the window from the innermost, with their lines', () => {
    const lab = effectiveOu(files, 'Sandbox/Lab/Deeper');
    expect(lab.files).toEqual(['Sandbox', 'Sandbox/Lab']);
    expect(lab.managed).toEqual({
      value: true,
      source: { file: SANDBOX, line: lineOf(tree, SANDBOX, 'managed') },
    });
    expect(lab.maintenanceWindow).toEqual({
      value: 'cron(0 6 ? * MON *)',
      source: { file: LAB, line: lineOf(tree, LAB, 'maintenanceWindow') },
    });
    expect(effectiveOu(files, 'Sandbox/Lab/Quiet').managed.value).toBe(false);
  });

  it('attach each policy once, from the outermost file, and stop at the nearest inherit: false', () => {
    expect(
      effectiveOu(files, 'Sandbox/Lab').serviceControlPolicies.map((r) => [r.value, r.source.file]),
    ).toEqual([
      ['root', SANDBOX],
      ['leave', LAB],
    ]);
    expect(effectiveOu(files, 'Sandbox/Lab/Quiet/Below').serviceControlPolicies).toEqual([
      { value: 'leave', source: { file: QUIET, line: lineOf(tree, QUIET, '- leave') } },
    ]);
  });

  it("outside every OU file, are settings.yaml's window and not managed", () => {
    const out = effectiveOu(files, 'Elsewhere');
    expect(out.files).toEqual([]);
    expect(out.managed.value).toBe(false);
    expect(out.maintenanceWindow?.value).toBe('cron(0 18 ? * SAT *)');
  });

  it('are the same read from the files or from the compiled organization', () => {
    const desired = desiredOf(tree);
    const compiled = ouTreeOfDesired(desired.settings, indexDesired(desired).ous);
    for (const path of [
      'Sandbox',
      'Sandbox/Lab',
      'Sandbox/Lab/Deeper',
      'Sandbox/Lab/Quiet/Below',
      'Elsewhere',
    ]) {
      const a = effectiveOu(files, path);
      const b = effectiveOu(compiled, path);
      expect([b.files, b.managed.value, b.maintenanceWindow, b.serviceControlPolicies], path).toEqual([
        a.files,
        a.managed.value,
        a.maintenanceWindow,
        a.serviceControlPolicies,
      ]);
    }
  });

  it("give an account file the window that the runtime's schedule of its OU has", () => {
    const desired = desiredOf(tree);
    const index = indexDesired(desired);
    for (const account of desired.accounts) {
      const scheduled = windowOfOu(index, account.settings.organizationalUnit!.value);
      expect(account.settings.maintenanceWindow?.value, account.name).toBe(scheduled);
    }
  });
});
