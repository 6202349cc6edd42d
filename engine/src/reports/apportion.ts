import { CENT, floorDiv, type Cents, type Exact } from './money.js';

/**
 * Splits `target` cents over parts of exact amounts by the largest remainder method: each part gets its exact
 * amount rounded down or up to the cent, and the parts add up to `target` exactly. Rounding each part on its own
 * would make a column of 10,000 accounts drift from its total by dollars; this never drifts.
 *
 * Ties go to the earlier part, so that the same amounts in the same order always give the same cents.
 */
export function apportion(target: Cents, parts: readonly Exact[]): Cents[] {
  const floors = parts.map((p) => floorDiv(p, CENT));
  if (parts.length === 0) return floors;
  let missing = target - floors.reduce((s, f) => s + f, 0n);
  // Largest remainders first take a cent; when the target is below the floors, smallest remainders give one back.
  const order = parts
    .map((p, i) => ({ i, remainder: p - floors[i]! * CENT }))
    .sort((a, b) => (a.remainder === b.remainder ? a.i - b.i : a.remainder > b.remainder ? -1 : 1));
  while (missing > 0n) {
    for (const { i } of order) {
      if (missing === 0n) break;
      floors[i]! += 1n;
      missing -= 1n;
    }
  }
  while (missing < 0n) {
    for (let k = order.length - 1; k >= 0 && missing < 0n; k--) {
      floors[order[k]!.i]! -= 1n;
      missing += 1n;
    }
  }
  return floors;
}
