import type { ApplyResult } from '../domain/generated/types.js';
import { ACTION_ORDER } from '../changes/registry.js';
import { style as makeStyle } from './style.js';

type Result = ApplyResult['results'][number];

/** Results stream one by one: actions line up in a column as wide as the longest action. */
const ACTION_WIDTH = Math.max(...ACTION_ORDER.map((a) => a.length));

export function renderApplyResultLine(r: Result, color = false): string {
  const s = makeStyle(color);
  const mark =
    r.status === 'applied'
      ? s.green('✓ applied        ')
      : r.status === 'already-applied'
        ? s.dim('= already applied')
        : r.status === 'failed'
          ? s.red('✗ failed         ')
          : s.yellow('- skipped        ');
  return `${mark} ${r.action.padEnd(ACTION_WIDTH)} ${r.address}${r.message ? s.dim(`  ${r.message}`) : ''}`;
}

/** For people: the refusal, or the summary of what was applied. */
export function renderApplySummary(result: ApplyResult, color = false): string {
  const s = makeStyle(color);
  if (result.outcome === 'refused' && result.refusal) {
    const lines = [s.red(s.bold(`Apply refused (${result.refusal.code}): ${result.refusal.message}`))];
    for (const st of result.refusal.stale ?? [])
      lines.push(`  ${st.change}: expected ${st.expected}; found ${st.found}`);
    return lines.join('\n') + '\n';
  }
  if (result.outcome === 'nothing-to-do') return s.green('Nothing to apply: the plan has no changes.\n');
  const sum = result.summary;
  const line = `Apply ${result.outcome === 'applied' ? 'complete' : 'incomplete'}: ${sum.applied} applied, ${sum.alreadyApplied} already applied, ${sum.failed} failed, ${sum.skipped} skipped.`;
  return (result.outcome === 'applied' ? s.green(s.bold(line)) : s.red(s.bold(line))) + '\n';
}
