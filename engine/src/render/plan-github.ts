import type { Plan } from '../plan/types.js';
import { escapeData, escapeProperty } from './diagnostics.js';
import { countsLine } from './plan-words.js';

/** For GitHub Actions: a notice on the file behind each change, an error or warning per finding. */
export function renderPlanGithub(plan: Plan): string {
  const lines: string[] = [];
  for (const c of plan.changes) {
    if (!c.target.file) continue;
    lines.push(
      `::notice file=${escapeProperty(c.target.file)},line=1,title=${escapeProperty(`spa ${c.action}`)}::${escapeData(c.summary)}`,
    );
  }
  for (const f of plan.findings) {
    if (f.severity === 'info') continue;
    const props = [
      f.file ? `file=${escapeProperty(f.file)}` : '',
      f.file ? `line=${f.line ?? 1}` : '',
      `title=${escapeProperty(f.kind)}`,
    ].filter(Boolean);
    lines.push(`::${f.severity} ${props.join(',')}::${escapeData(f.message)}`);
  }
  lines.push(
    `Plan: ${plan.summary.changes} change(s) (${countsLine(plan.summary.byAction)}), ${plan.summary.errors} error(s), digest ${plan.digest}`,
  );
  return lines.join('\n') + '\n';
}
