import { EngineError } from '../../domain/errors.js';
import type { CostGroup } from '../../domain/cost-group.js';
import { parseAmount, type Exact } from '../money.js';

export type { CostGroup } from '../../domain/cost-group.js';

/** Costs per account and key, summed exactly as the pages of Cost Explorer arrive. */
export class CostMatrix {
  readonly byAccount = new Map<string, Map<string, Exact>>();
  /** Account names from Cost Explorer's DimensionValueAttributes: the only name a deleted account still has. */
  readonly names = new Map<string, string>();
  unit: string | undefined;
  groups = 0;

  add(group: CostGroup): void {
    if (this.unit === undefined) this.unit = group.unit;
    else if (group.unit !== this.unit)
      throw new EngineError(
        'mixed-currencies',
        `Cost Explorer answered in ${group.unit} and in ${this.unit}; a report needs one currency`,
        { source: 'system' },
      );
    const amount = parseAmount(group.amount);
    this.groups++;
    if (amount === 0n) return;
    let lines = this.byAccount.get(group.account);
    if (!lines) this.byAccount.set(group.account, (lines = new Map<string, Exact>()));
    lines.set(group.key, (lines.get(group.key) ?? 0n) + amount);
  }

  total(): Exact {
    let sum = 0n;
    for (const lines of this.byAccount.values()) for (const v of lines.values()) sum += v;
    return sum;
  }

  /** Every key seen, sorted. */
  keys(): string[] {
    const keys = new Set<string>();
    for (const lines of this.byAccount.values()) for (const k of lines.keys()) keys.add(k);
    return [...keys].sort();
  }
}
