import { CORE_SCHEMA, load } from 'js-yaml';
import type { Position, PositionIndex } from '../domain/source.js';

/**
 * Positions computed on first use: `compute` runs the full parser over the file only when a diagnostic or a
 * provenance asks where a value is. Validation of a valid tree never asks.
 */
export class LazyPositions extends Map<string, Position> {
  private pending: (() => PositionIndex) | undefined;

  constructor(compute: () => PositionIndex) {
    super();
    this.pending = compute;
  }

  private fill(): void {
    const compute = this.pending;
    if (!compute) return;
    this.pending = undefined;
    for (const [k, v] of compute()) super.set(k, v);
  }

  override get(key: string): Position | undefined {
    this.fill();
    return super.get(key);
  }
  override has(key: string): boolean {
    this.fill();
    return super.has(key);
  }
  override get size(): number {
    this.fill();
    return super.size;
  }
  override entries(): MapIterator<[string, Position]> {
    this.fill();
    return super.entries();
  }
  override keys(): MapIterator<string> {
    this.fill();
    return super.keys();
  }
  override values(): MapIterator<Position> {
    this.fill();
    return super.values();
  }
  override forEach(fn: (value: Position, key: string, map: Map<string, Position>) => void): void {
    this.fill();
    super.forEach(fn);
  }
  override [Symbol.iterator](): MapIterator<[string, Position]> {
    return this.entries();
  }
}

/** A value the full parser reads otherwise: a merge key (`<<`), or a node shared through an alias. */
function needsFullParser(value: unknown, seen = new Set<object>()): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (seen.has(value)) return true;
  seen.add(value);
  if (Array.isArray(value)) return value.some((item) => needsFullParser(item, seen));
  for (const [key, item] of Object.entries(value))
    if (key === '<<' || needsFullParser(item, seen)) return true;
  return false;
}

/**
 * The fast reading of a plain settings file: its value, without positions. Returns undefined whenever the
 * file needs the full parser: any error (its diagnostics come from the full parser), an empty document,
 * several documents, aliases (and their expansion limit), merge keys. Both read YAML 1.2's core schema.
 */
export function fastValue(text: string): unknown {
  let value: unknown;
  try {
    value = load(text, { schema: CORE_SCHEMA });
  } catch {
    return undefined;
  }
  if (value === null || value === undefined || needsFullParser(value)) return undefined;
  return value;
}
