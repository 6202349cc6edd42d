import type { Plan } from '../plan/types.js';
import { countsLine, fieldRows, SIGN } from './plan-words.js';
import { style as makeStyle } from './style.js';

/** For people in a terminal: terraform-style, destructive changes first, each field with its source. */
export function renderPlanText(plan: Plan, color = false): string {
  const s = makeStyle(color);
  const out: string[] = [];
  const commit = plan.git.commit ? `commit ${plan.git.commit.slice(0, 12)}` : 'uncommitted settings';
  out.push(
    s.bold(`SPA plan for ${plan.environment}`) +
      s.dim(
        ` (organization ${plan.organizationId}, management account ${plan.managementAccountId}, ${commit})`,
      ),
  );
  out.push('');
  const paint = (sign: string, text: string) =>
    sign === '+' ? s.green(text) : sign === '-' ? s.red(text) : s.yellow(text);
  // Actions line up in a column as wide as the longest one of the plan.
  const width = Math.max(15, ...plan.changes.map((c) => c.action.length));
  const destructive = plan.changes.filter((c) => c.destructive);
  const others = plan.changes.filter((c) => !c.destructive);
  const block = (title: string, changes: typeof plan.changes) => {
    if (changes.length === 0) return;
    out.push(s.bold(`${title} (${changes.length})`));
    for (const c of changes) {
      const sign = SIGN[c.action];
      out.push(`  ${paint(sign, `${sign} ${c.action.padEnd(width)}`)} ${c.address}`);
      out.push(`      ${c.summary}`);
      for (const r of fieldRows(c)) {
        const value =
          r.before === null
            ? s.green(`+ ${r.field}: ${JSON.stringify(r.after)}`)
            : r.after === null
              ? s.red(`- ${r.field}: ${JSON.stringify(r.before)}`)
              : s.yellow(`~ ${r.field}: ${JSON.stringify(r.before)} -> ${JSON.stringify(r.after)}`);
        out.push(`        ${value}${r.source ? s.dim(`   # ${r.source}`) : ''}`);
      }
    }
    out.push('');
  };
  block(s.red('Destructive changes'), destructive);
  block('Changes', others);
  out.push(...findingLines(plan, s));
  const sum = plan.summary;
  out.push(
    s.bold(
      `Plan: ${sum.changes === 0 ? 'no changes' : `${sum.changes} change${sum.changes === 1 ? '' : 's'} (${countsLine(sum.byAction)})`}, ` +
        `${sum.touchedAccounts} of ${sum.managedAccounts} managed accounts touched` +
        (sum.errors ? `, ${sum.errors} error${sum.errors === 1 ? '' : 's'}` : '') +
        (sum.warnings ? `, ${sum.warnings} warning${sum.warnings === 1 ? '' : 's'}` : ''),
    ),
  );
  if (plan.large.isLarge)
    out.push(s.yellow(`This plan is large: ${plan.large.reasons.join('; ')}. apply needs --allow-large.`));
  if (sum.errors) out.push(s.red('The plan has errors: apply refuses it until they are fixed.'));
  out.push(s.dim(`digest ${plan.digest}`));
  return out.join('\n') + '\n';
}

function findingLines(plan: Plan, s: ReturnType<typeof makeStyle>): string[] {
  if (plan.findings.length === 0) return [];
  const out = [s.bold(`Findings (${plan.findings.length})`)];
  for (const f of plan.findings) {
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
