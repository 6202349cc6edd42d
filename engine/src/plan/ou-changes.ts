import type { OuEntry } from '../domain/model.js';
import { locate } from '../config/schema-validator.js';
import { pointerOf } from '../config/pointer.js';
import type { PlanContext } from './context.js';
import { diffTags, sortKeys } from './tags-diff.js';
import { changeKey } from './types.js';

/**
 * Creates the OUs that files declare and AWS lacks (parents first) and reconciles their ouTags (additive:
 * undeclared OU tags are left alone). Returns the create-ou change key of each OU path created by the plan.
 */
export function planOus(ctx: PlanContext, ous: ReadonlyMap<string, OuEntry>): Map<string, string> {
  const created = new Map<string, string>();
  const paths = [...ous.keys()].sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : 1));
  for (const path of paths) {
    const entry = ous.get(path)!;
    const address = `ou/${path}`;
    const slash = path.lastIndexOf('/');
    const parentPath = slash < 0 ? '' : path.slice(0, slash);
    const name = path.slice(slash + 1);
    const declared = entry.value.ouTags ?? {};
    const sourced = Object.fromEntries(
      Object.entries(declared).map(([k, v]) => [
        k,
        {
          value: v,
          source: { file: entry.file, line: locate(entry.positions, pointerOf(['ouTags', k])).line },
        },
      ]),
    );
    const observed = ctx.observed.ous.get(path);
    if (!observed) {
      const key = changeKey('create-ou', address);
      const parentChange = created.get(parentPath);
      created.set(path, key);
      ctx.changes.push({
        key,
        address,
        action: 'create-ou',
        reason: 'missing',
        destructive: false,
        summary: `create OU ${path}${
          Object.keys(declared).length
            ? ` with tags ${Object.entries(declared)
                .map(([k, v]) => `${k}=${v}`)
                .join(', ')}`
            : ''
        }`,
        target: { kind: 'ou', name: path, path, file: entry.file },
        before: null,
        after: { name, parentPath, tags: sortKeys(declared) },
        provenance: {
          ou: `${entry.file}:1`,
          ...Object.fromEntries(
            Object.entries(sourced).map(([k, v]) => [`tags.${k}`, `${v.source.file}:${v.source.line}`]),
          ),
        },
        dependsOn: parentChange ? [parentChange] : [],
        precondition: { parentPath, absent: true },
      });
      continue;
    }
    const diff = diffTags(
      observed.tags ?? {},
      sourced,
      {},
      { mode: 'additive', ignore: [], reserved: [], modeSource: ctx.settingsFile },
    );
    if (!diff) continue;
    ctx.changes.push({
      key: changeKey('tag-ou', address),
      address,
      action: 'tag-ou',
      reason: 'differs',
      destructive: false,
      summary: `set ${Object.keys(diff.after).length} tag${Object.keys(diff.after).length === 1 ? '' : 's'} on OU ${path} (${Object.keys(diff.after).join(', ')})`,
      target: { kind: 'ou', name: path, path, ouId: observed.id, file: entry.file },
      before: { tags: diff.before },
      after: { tags: diff.after },
      provenance: diff.provenance,
      dependsOn: [],
      precondition: { ouId: observed.id, parentPath, tags: diff.before },
    });
  }
  return created;
}
