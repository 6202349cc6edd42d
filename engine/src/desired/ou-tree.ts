import type { OuEntry } from '../domain/model.js';

/** The OU paths from the outermost to the given one: Sandbox/Personal -> [Sandbox, Sandbox/Personal]. */
export function ouChain(path: string): string[] {
  const parts = path.split('/');
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

/** Effective `managed` of an OU: the nearest explicit value on its chain, inner first; false when none. */
export function isManagedOu(ous: ReadonlyMap<string, OuEntry>, path: string): boolean {
  const chain = ouChain(path);
  for (let i = chain.length - 1; i >= 0; i--) {
    const managed = ous.get(chain[i] ?? '')?.value.managed;
    if (managed !== undefined) return managed;
  }
  return false;
}
