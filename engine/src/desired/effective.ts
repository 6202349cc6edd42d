import { MANAGED_TAG_KEYS } from '../domain/managed-tags.js';
import type { EffectiveSettings } from '../domain/model.js';

/** Tags the engine writes beside the declared ones: <prefix>state, <prefix>holder and the mark of what SPA manages. */
export const RESERVED_TAG_COUNT = 2 + MANAGED_TAG_KEYS.length;
/** AWS allows 50 user tags per resource. */
export const MAX_TAGS = 50;

export function tagCount(settings: EffectiveSettings): number {
  return Object.keys(settings.tags).length + RESERVED_TAG_COUNT;
}
