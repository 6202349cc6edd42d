import { pointerOf } from '../config/pointer.js';
import { locate } from '../config/locate.js';
import type { SettingsModel } from '../domain/model.js';
import type { GlobalSettings } from './types.js';

/** The service control policies of settings.yaml, each with its document minified (valid documents only). */
export function desiredPolicies(model: SettingsModel): GlobalSettings['serviceControlPolicies'] {
  const { settings } = model;
  const out: GlobalSettings['serviceControlPolicies'] = {};
  for (const [name, p] of Object.entries(settings.value.serviceControlPolicies ?? {}).sort(([a], [b]) =>
    a < b ? -1 : 1,
  )) {
    const content = model.policies.get(p.file)?.content;
    if (content === undefined) continue;
    const { line } = locate(settings.positions, pointerOf(['serviceControlPolicies', name]), true);
    out[name] = {
      file: p.file,
      ...(p.description !== undefined ? { description: p.description } : {}),
      content,
      source: { file: settings.file, line },
    };
  }
  return out;
}
