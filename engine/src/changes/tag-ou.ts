import type { DesiredOu } from '../desired/types.js';
import type { ObservedOu } from '../observed/types.js';
import type { PlanContext } from './context.js';
import { diffTags } from './tags-diff.js';
import { tagRows } from './display-rows.js';
import { change, refused, stale, type ChangeKind } from './kind.js';
import { ouDesiredTags } from './ou-tags.js';
import { compareTags, describeTagWrite, splitTags } from './tags.js';

/** Reconciles the ouTags of an OU file (additive: undeclared OU tags are left alone). */
export function planTagOu(ctx: PlanContext, ou: DesiredOu, observed: ObservedOu): void {
  const diff = diffTags(
    observed.tags ?? {},
    ouDesiredTags(ou, ctx.desired.desired.environment),
    {},
    { mode: 'additive', ignore: [], reserved: [], modeSource: ctx.settings.file },
  );
  if (!diff) return;
  const address = `ou/${ou.path}`;
  const n = Object.keys(diff.after).length;
  ctx.changes.push(
    change(tagOu, {
      address,
      reason: 'differs',
      summary: `set ${n} tag${n === 1 ? '' : 's'} on OU ${ou.path} (${Object.keys(diff.after).join(', ')})`,
      target: { kind: 'ou', name: ou.path, path: ou.path, ouId: observed.id, file: ou.file },
      before: { tags: diff.before },
      after: { tags: diff.after },
      provenance: diff.provenance,
      dependsOn: [],
      precondition: { tags: diff.before },
    }),
  );
}

export const tagOu: ChangeKind<'tag-ou'> = {
  action: 'tag-ou',
  sign: '~',
  destructive: false,
  order: 20,
  touchesAccount: false,
  rows: tagRows,
  async check(change, { world, desired }) {
    const ou = desired.ous.get(change.target.path);
    if (!ou) return refused(`no OU file declares ${change.target.path}`);
    const want = ouDesiredTags(ou, desired.desired.environment);
    for (const [key, value] of Object.entries(change.after.tags))
      if (want[key]?.value !== value)
        return refused(`${ou.file} does not set the OU tag ${key} = ${JSON.stringify(value)}`);
    const id = change.target.ouId;
    if (id === undefined || (await world.ouId(change.target.path)) !== id)
      return stale(`OU ${change.target.path} (${id}) exists`, 'it does not');
    const tags = await world.tagsOf(id);
    if (!tags) return stale(`OU ${change.target.path} (${id}) exists`, 'it does not');
    return compareTags(change.precondition.tags, change.after.tags, tags);
  },
  async execute(change, { writer }) {
    const id = change.target.ouId!;
    const { set, unset } = splitTags(change.after.tags);
    await writer.tagResource(id, set);
    await writer.untagResource(id, unset);
    return { changed: true, message: describeTagWrite(set, unset), resourceId: id };
  },
};
