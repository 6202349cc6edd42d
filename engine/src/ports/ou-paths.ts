import type { ObservedOu } from '../observed/types.js';

/** The OU tree of the organization by path, kept between calls (the runtime reads it once per container). */
export interface OuPathIndex {
  /** The path of a root or OU id ('' for the root), or undefined when the organization has no such parent. */
  pathOf(parentId: string): Promise<string | undefined>;
  /** Every OU by path. */
  all(): Promise<Map<string, ObservedOu>>;
}
