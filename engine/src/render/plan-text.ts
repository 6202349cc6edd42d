import type { Change, Finding, Plan } from '../plan/types.js';
import { countsLine, fieldRows, SIGN, type FieldRow } from './plan-words.js';
import { style as makeStyle, type Style } from './style.js';

/** For people in a terminal: terraform-style, destructive changes first, each field with its source. */
export function renderPlanText(plan: Plan, color = false): string {
  const s = makeStyle(color);
  const commit = plan.git.commit ? `commit ${plan.git.commit.slice(0, 12)}` : 'uncommitted settings';
  // Actions line up in a column as wide as the longest one of the plan.
  const width = Math.max(15, ...plan.changes.map((c) => c.action.length));
  const out = [
    s.bold(`SPA plan for ${plan.environment}`) +
      s.dim(
        ` (organization ${plan.organizationId}, management account ${plan.managementAccountId}, ${commit})`,
      ),
    '',
    ...changesBlock(
      s,
      width,
      s.red('Destructive changes'),
      plan.changes.filter((c) => c.destructive),
    ),
    ...changesBlock(
      s,
      width,
      'Changes',
      plan.changes.filter((c) => !c.destructive),
    ),
    ...findingsBlock(s, plan.findings),
    ...summaryLines(s, plan),
  ];
  return out.join('\n') + '\n';
}

function changesBlock(s: Style, width: number, title: string, changes: readonly Change[]): string[] {
  if (changes.length === 0) return [];
  const paint = (sign: string, text: string) =>
    sign === '+' ? s.green(text) : sign === '-' ? s.red(text) : s.yellow(text);
  const out = [s.bold(`${title} (${changes.length})`)];
  for (const c of changes) {
    const sign = SIGN[c.action];
    out.push(`  ${paint(sign, `${sign} ${c.action.padEnd(width)}`)} ${c.address}`);
    out.push(`      ${c.summary}`);
    for (const r of fieldRows(c))
      out.push(`        ${fieldLine(s, r)}${r.source ? s.dim(`   # ${r.source}`) : ''}`);
  }
  out.push('');
  return out;
}

function fieldLine(s: Style, r: FieldRow): string {
  if (r.before === null) return s.green(`+ ${r.field}: ${JSON.stringify(r.after)}`);
  if (r.after === null) return s.red(`- ${r.field}: ${JSON.stringify(r.before)}`);
  return s.yellow(`~ ${r.field}: ${JSON.stringify(r.before)} -> ${JSON.stringify(r.after)}`);
}

function findingsBlock(s: Style, findings: readonly Finding[]): string[] {
  if (findings.length === 0) return [];
  const out = [s.bold(`Findings (${findings.length})`)];
  for (const f of findings) {
    const sev =
      f.severity === 'error'
        ? s.red('error  ')
        : f.severity === 'warning'
          ? s.yellow('warning')
          : s.dim('info   ');
    const where = f.file ? `${f.file}${f.line ? `:${f.line}` : ''}` : (f.address ?? '');
    out.push(`  ${sev} ${f.kind.padEnd(20)} ${where ? s.dim(where) + ' ' : ''}${f.message}`);
  }
  out.push('');
  return out;
}

function summaryLines(s: Style, plan: Plan): string[] {
  const sum = plan.summary;
  const out = [
    s.bold(
      `Plan: ${sum.changes === 0 ? 'no changes' : `${sum.changes} change${sum.changes === 1 ? '' : 's'} (${countsLine(sum.byAction)})`}, ` +
        `${sum.touchedAccounts} of ${sum.managedAccounts} managed accounts touched` +
        (sum.errors ? `, ${sum.errors} error${sum.errors === 1 ? '' : 's'}` : '') +
        (sum.warnings ? `, ${sum.warnings} warning${sum.warnings === 1 ? '' : 's'}` : ''),
    ),
  ];
  if (plan.large.isLarge)
    out.push(s.yellow(`This plan is large: ${plan.large.reasons.join('; ')}. apply needs --allow-large.`));
  if (sum.errors) out.push(s.red('The plan has errors: apply refuses it until they are fixed.'));
  out.push(s.dim(`digest ${plan.digest}`));
  return out;
}
