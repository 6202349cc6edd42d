import { canonicalJson, sha256Hex } from '../../domain/digest.js';
import { indexDesired } from '../../desired/index-of.js';
import type { DesiredOrganization } from '../../desired/types.js';
import { BUILDSPEC_PREFIX, SETTINGS_KEY, buildspecKey, scheduleName } from '../../domain/runtime-names.js';
import { windowInput } from '../../events/maintenance-message.js';
import { maintenanceWindows } from '../../lifecycle/maintenance-windows.js';
import type { RuntimeBucket } from '../../ports/runtime-settings.js';
import type { ScheduleStore, WindowSchedule } from '../../ports/schedules.js';

export interface PublishResult {
  written: string[];
  removed: string[];
  schedules: { created: string[]; updated: string[]; deleted: string[]; unchanged: string[] };
  windows: WindowSchedule[];
}

/** The schedules the settings ask for: one per distinct effective maintenance window, in runtime.timezone. */
export function desiredSchedules(desired: DesiredOrganization): WindowSchedule[] {
  const timezone = desired.settings.runtime.timezone;
  return [...maintenanceWindows(indexDesired(desired))].map(([expression, ous]) => ({
    name: scheduleName(sha256Hex(`${expression}\u0000${timezone}`)),
    expression,
    timezone,
    input: windowInput(expression, timezone, ous),
  }));
}

/**
 * `spa publish`: the buildspecs first, then the effective settings (the Lambdas read the buildspecs once the
 * settings' ETag changes), then the maintenance schedules brought to match the settings.
 */
export async function publish(
  deps: { bucket: RuntimeBucket; schedules: ScheduleStore },
  input: { desired: DesiredOrganization; buildspecs: Record<string, string> },
): Promise<PublishResult> {
  const written: string[] = [];
  for (const [name, text] of Object.entries(input.buildspecs).sort()) {
    await deps.bucket.put(buildspecKey(name), text, 'application/yaml');
    written.push(buildspecKey(name));
  }
  const stale = (await deps.bucket.list(BUILDSPEC_PREFIX)).filter((k) => !written.includes(k));
  for (const key of stale) await deps.bucket.delete(key);
  await deps.bucket.put(SETTINGS_KEY, canonicalJson(input.desired) + '\n', 'application/json');
  written.push(SETTINGS_KEY);

  const wanted = desiredSchedules(input.desired);
  const existing = new Map((await deps.schedules.list()).map((s) => [s.name, s]));
  const schedules: PublishResult['schedules'] = { created: [], updated: [], deleted: [], unchanged: [] };
  for (const s of wanted) {
    const now = existing.get(s.name);
    if (now && now.expression === s.expression && now.timezone === s.timezone && now.input === s.input) {
      schedules.unchanged.push(s.name);
      continue;
    }
    await deps.schedules.put(s, now !== undefined);
    (now ? schedules.updated : schedules.created).push(s.name);
  }
  for (const name of existing.keys())
    if (!wanted.some((s) => s.name === name)) {
      await deps.schedules.delete(name);
      schedules.deleted.push(name);
    }
  return { written, removed: stale, schedules, windows: wanted };
}
