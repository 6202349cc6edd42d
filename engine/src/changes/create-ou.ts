import { EngineError } from '../domain/errors.js';
import { formatProvenance } from '../domain/source.js';
import type { DesiredOu } from '../desired/types.js';
import type { PlanContext } from './context.js';
import { sortKeys } from './tags-diff.js';
import { tagRows } from './display-rows.js';
import { change, DONE, READY, refused, stale, type ChangeKind } from './kind.js';
import { ouDesiredTags, ouTagValues, sameRecord } from './ou-tags.js';

/** Plans the creation of an OU that a file declares and AWS lacks; returns the change key. */
export function planCreateOu(ctx: PlanContext, ou: DesiredOu, parentChange: string | undefined): string {
  const address = `ou/${ou.path}`;
  const desired = ouDesiredTags(ou, ctx.desired.desired.environment);
  const declared = ouTagValues(ou, ctx.desired.desired.environment);
  const listed = Object.entries(declared).map(([k, v]) => `${k}=${v}`);
  const planned = change(createOu, {
    address,
    reason: 'missing',
    summary: `create OU ${ou.path}${listed.length ? ` with tags ${listed.join(', ')}` : ''}`,
    target: { kind: 'ou', name: ou.path, path: ou.path, file: ou.file },
    before: null,
    after: { name: ou.name, parentPath: ou.parentPath, tags: sortKeys(declared) },
    provenance: {
      ou: `${ou.file}:1`,
      ...Object.fromEntries(
        Object.entries(desired).map(([k, v]) => [`tags.${k}`, formatProvenance(v.source)]),
      ),
    },
    dependsOn: parentChange ? [parentChange] : [],
    precondition: { parentPath: ou.parentPath, absent: true },
  });
  ctx.changes.push(planned);
  return planned.key;
}

export const createOu: ChangeKind<'create-ou'> = {
  action: 'create-ou',
  sign: '+',
  destructive: false,
  order: 10,
  touchesAccount: false,
  rows: tagRows,
  async check(change, { world, desired }) {
    const ou = desired.ous.get(change.target.path);
    if (!ou) return refused(`no OU file declares ${change.target.path}`);
    if (
      ou.name !== change.after.name ||
      ou.parentPath !== change.after.parentPath ||
      !sameRecord(ouTagValues(ou, desired.desired.environment), change.after.tags)
    )
      return refused(`${ou.file} does not declare the OU the plan creates`);
    if ((await world.ouId(change.target.path)) !== undefined) return DONE;
    const parent = change.precondition.parentPath;
    const parentPlanned = change.dependsOn.length > 0;
    if (!parentPlanned && (await world.ouId(parent)) === undefined)
      return stale(`parent OU ${parent} exists`, 'it does not');
    return READY;
  },
  async execute(change, { world, writer }) {
    const path = change.target.path;
    const existing = await world.ouId(path);
    if (existing) return { changed: false, message: `OU ${path} exists`, resourceId: existing };
    const parentPath = change.after.parentPath;
    const parentId = await world.ouId(parentPath);
    if (!parentId)
      throw new EngineError('parent-ou-missing', `parent OU ${parentPath} of ${path} does not exist`, {
        source: 'system',
      });
    const tags = Object.fromEntries(
      Object.entries(change.after.tags).filter((e): e is [string, string] => e[1] !== null),
    );
    try {
      const ou = await writer.createOu(parentId, change.after.name, tags);
      await world.addOu({ ...ou, path });
      return { changed: true, message: `created OU ${path}`, resourceId: ou.id };
    } catch (error) {
      // A lost answer may hide a success: look again before failing.
      const tree = await world.reader.readOuTree();
      const found = tree.ous.get(path);
      if (!found) throw error;
      await world.addOu(found);
      return { changed: true, message: `created OU ${path}`, resourceId: found.id };
    }
  },
};
