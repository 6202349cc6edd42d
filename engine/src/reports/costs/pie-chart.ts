import { escapeMermaidLabel } from '../../render/mermaid-escape.js';
import { formatCents, type Cents } from '../money.js';

const SLICES = 8;

/**
 * A Mermaid pie chart of the cost centers, which GitHub renders in a Markdown file: the largest ones, the rest
 * as one slice. A pie has no negative slices: cost centers at or below zero are left out, and said so.
 */
export function pieChart(title: string, slices: { label: string; cents: Cents }[]): string | undefined {
  const positive = slices.filter((s) => s.cents > 0n).sort((a, b) => (a.cents === b.cents ? 0 : a.cents > b.cents ? -1 : 1));
  if (positive.length === 0) return undefined;
  const shown = positive.length > SLICES + 1 ? positive.slice(0, SLICES) : positive;
  const rest = positive.slice(shown.length).reduce((s, x) => s + x.cents, 0n);
  const lines = ['```mermaid', 'pie showData', `    title ${escapeMermaidLabel(title, 80)}`];
  const used = new Set<string>();
  for (const s of shown) {
    // Two labels that escape alike would merge into one slice: number the second.
    let label = escapeMermaidLabel(s.label);
    for (let n = 2; used.has(label); n++) label = `${escapeMermaidLabel(s.label, 36)} (${n})`;
    used.add(label);
    lines.push(`    "${label}" : ${formatCents(s.cents)}`);
  }
  if (rest > 0n) lines.push(`    "${positive.length - shown.length} other cost centers" : ${formatCents(rest)}`);
  lines.push('```');
  return lines.join('\n');
}
