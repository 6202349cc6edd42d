import type { EffectiveSettings } from '../domain/model.js';

/** Tags the engine writes beside the declared ones: <prefix>state and <prefix>holder. */
export const RESERVED_TAG_COUNT = 2;
/** AWS allows 50 user tags per resource. */
export const MAX_TAGS = 50;

export function tagCount(settings: EffectiveSettings): number {
  return Object.keys(settings.tags).length + RESERVED_TAG_COUNT;
}
