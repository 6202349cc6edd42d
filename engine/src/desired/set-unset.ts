import type { Provenance } from '../domain/source.js';

/**
 * Keys that levels of the precedence chain set and unset (tags, alternate contacts): a key set at one level
 * and unset at another goes to the higher level; set and unset at the same level is a diagnostic of its file,
 * where the set wins here.
 */
export class SetUnset<V> {
  private readonly sets = new Map<string, { rank: number; value: V }>();
  private readonly unsets = new Map<string, { rank: number; source: Provenance }>();

  set(key: string, rank: number, value: V): void {
    this.sets.set(key, { rank, value });
  }

  unset(key: string, rank: number, source: Provenance): void {
    this.unsets.set(key, { rank, source });
  }

  /** The keys set and the keys unset at the end of the chain, each sorted. */
  resolve(): { set: Record<string, V>; unset: Record<string, Provenance> } {
    const set: Record<string, V> = {};
    const unset: Record<string, Provenance> = {};
    for (const key of [...this.sets.keys()].sort()) {
      const s = this.sets.get(key)!;
      const u = this.unsets.get(key);
      if (!u || s.rank >= u.rank) set[key] = s.value;
    }
    for (const key of [...this.unsets.keys()].sort()) {
      const u = this.unsets.get(key)!;
      const s = this.sets.get(key);
      if (!s || u.rank > s.rank) unset[key] = u.source;
    }
    return { set, unset };
  }
}
