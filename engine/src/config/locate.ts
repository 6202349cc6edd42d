import type { DiagnosticSite, Location } from '../domain/diagnostic.js';
import type { PositionIndex } from '../domain/source.js';
import { parentPointer } from './pointer.js';

/** Finds the closest position: the value itself, else its nearest ancestor that the file spells out. */
export function locate(
  positions: PositionIndex,
  pointer: string,
  onKey = false,
): { line: number; column: number } {
  let p = pointer;
  for (;;) {
    const pos = positions.get(p);
    if (pos) {
      if (onKey && p === pointer && pos.keyLine !== undefined)
        return { line: pos.keyLine, column: pos.keyColumn ?? 1 };
      if (pos.keyLine !== undefined && p !== pointer)
        return { line: pos.keyLine, column: pos.keyColumn ?? 1 };
      return { line: pos.line, column: pos.column };
    }
    if (p === '') return { line: 1, column: 1 };
    p = parentPointer(p);
  }
}

/** The place of a value of a file (`onKey`: of its key), for the `related` places of a diagnostic. */
export function locationOf(file: string, positions: PositionIndex, pointer: string, onKey = false): Location {
  return { file, ...locate(positions, pointer, onKey) };
}

/** Where a diagnostic about a value of a file points: its place and its pointer. */
export function siteOf(
  file: string,
  positions: PositionIndex,
  pointer: string,
  onKey = false,
): DiagnosticSite {
  return { ...locationOf(file, positions, pointer, onKey), pointer };
}
