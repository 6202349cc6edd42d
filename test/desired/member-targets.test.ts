import { describe, expect, it } from 'vitest';
import {
  memberStackSetRegions,
  outermostManagedPaths,
  targetChanges,
} from '../../engine/src/desired/member-targets.js';

const ous = (list: [string, boolean][]) => ({
  organizationalUnits: list.map(([path, managed]) => ({ path, managed })),
});

describe('the OU targets of the member StackSet', () => {
  it('are the outermost managed OUs: the StackSet reaches the OUs below them', () => {
    const desired = ous([
      ['Sandbox', true],
      ['Sandbox/Personal', true],
      ['Lab', false],
      ['Lab/Team', true],
      ['Lab/Team/Deep', true],
    ]);
    expect(outermostManagedPaths(desired as never)).toEqual(['Sandbox', 'Lab/Team']);
  });

  it('deploy to the runtime region first, us-east-1 and Identity Center region once each', () => {
    expect(memberStackSetRegions('eu-west-1', 'eu-west-1')).toEqual(['eu-west-1', 'us-east-1']);
    expect(memberStackSetRegions('us-east-1')).toEqual(['us-east-1']);
    expect(memberStackSetRegions('eu-west-1', 'eu-central-1')).toEqual([
      'eu-west-1',
      'us-east-1',
      'eu-central-1',
    ]);
  });

  it('add the managed OUs not targeted, remove the targeted OUs no longer managed, keep the others', () => {
    const ids = new Map([
      ['Sandbox', 'ou-a'],
      ['Lab', 'ou-b'],
      ['Old', 'ou-c'],
    ]);
    expect(targetChanges(['Sandbox', 'Lab'], ids, ['ou-c', 'ou-a', 'ou-gone'])).toEqual({
      add: [{ path: 'Lab', id: 'ou-b' }],
      remove: [{ id: 'ou-c', path: 'Old' }, { id: 'ou-gone' }],
      kept: [{ path: 'Sandbox', id: 'ou-a' }],
      absent: [],
    });
  });

  it('name the managed OUs that do not exist yet, and never remove a target for them', () => {
    const ids = new Map([['Sandbox', 'ou-a']]);
    expect(targetChanges(['New', 'Sandbox'], ids, ['ou-a'])).toEqual({
      add: [],
      remove: [],
      kept: [{ path: 'Sandbox', id: 'ou-a' }],
      absent: ['New'],
    });
  });

  it('list the OUs to add, keep and remove by path, and the ids to remove in order', () => {
    const ids = new Map([
      ['Zeta', 'ou-1'],
      ['Alpha', 'ou-2'],
      ['Mid', 'ou-3'],
      ['Kept-z', 'ou-4'],
      ['Kept-a', 'ou-5'],
    ]);
    expect(
      targetChanges(['Zeta', 'Kept-z', 'Alpha', 'Kept-a'], ids, ['ou-z', 'ou-4', 'ou-3', 'ou-5']),
    ).toEqual({
      add: [
        { path: 'Alpha', id: 'ou-2' },
        { path: 'Zeta', id: 'ou-1' },
      ],
      remove: [{ id: 'ou-3', path: 'Mid' }, { id: 'ou-z' }],
      kept: [
        { path: 'Kept-a', id: 'ou-5' },
        { path: 'Kept-z', id: 'ou-4' },
      ],
      absent: [],
    });
    expect(targetChanges(['Zeta', 'Alpha'], new Map(), []).absent).toEqual(['Alpha', 'Zeta']);
  });

  it('change nothing when the targets are the managed OUs', () => {
    const ids = new Map([['Sandbox', 'ou-a']]);
    const changes = targetChanges(['Sandbox'], ids, ['ou-a']);
    expect([changes.add, changes.remove, changes.absent]).toEqual([[], [], []]);
  });
});
