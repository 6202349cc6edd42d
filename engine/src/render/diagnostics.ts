import type { Diagnostic } from '../domain/diagnostic.js';
import { escapeInvisible as visible } from '../domain/visible-text.js';
import { style as makeStyle, type Style } from './style.js';

export interface DiagnosticsReport {
  diagnostics: readonly Diagnostic[];
  fileCount: number;
  /** Lines of each file, to quote the offending line. */
  lines?: ReadonlyMap<string, readonly string[]>;
}

/** Codes whose offending line must not be printed: it may hold a secret. */
const NO_SNIPPET = new Set(['secret-in-settings']);

export function countBySeverity(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const d of diagnostics) if (d.severity === 'error') errors++;
  return { errors, warnings: diagnostics.length - errors };
}

export function summaryLine(report: DiagnosticsReport): string {
  const { errors, warnings } = countBySeverity(report.diagnostics);
  const files = `${report.fileCount} file${report.fileCount === 1 ? '' : 's'}`;
  if (errors === 0 && warnings === 0) return `${files} valid`;
  const parts = [
    `${errors} error${errors === 1 ? '' : 's'}`,
    `${warnings} warning${warnings === 1 ? '' : 's'}`,
  ];
  return `${parts.join(', ')} in ${files}${errors === 0 ? ' (valid)' : ''}`;
}

/** For people: one block per problem, the offending line quoted with a caret under the column. */
export function renderDiagnosticsText(report: DiagnosticsReport, color = false): string {
  const s = makeStyle(color);
  const blocks = report.diagnostics.map((d) => renderOne(d, report.lines?.get(d.file), s));
  const { errors } = countBySeverity(report.diagnostics);
  const summary = errors > 0 ? s.red(summaryLine(report)) : s.green(summaryLine(report));
  return [...blocks, summary].join('\n\n') + '\n';
}

/** Text from settings files reaches a terminal: invisible and control characters are shown as escapes. */
function renderOne(d: Diagnostic, lines: readonly string[] | undefined, s: Style): string {
  const severity = d.severity === 'error' ? s.red(s.bold('error')) : s.yellow(s.bold('warning'));
  const out = [
    `${s.bold(visible(`${d.file}:${d.line}:${d.column}`))} ${severity} ${s.dim(`[${d.code}]`)} ${visible(d.summary)}`,
  ];
  const text = lines?.[d.line - 1];
  if (text !== undefined && !NO_SNIPPET.has(d.code) && text.length <= 300) {
    const gutter = String(d.line).padStart(4);
    const caret = visible(text.slice(0, Math.max(0, d.column - 1))).length;
    out.push(s.dim(`${gutter} | `) + visible(text));
    out.push(s.dim(`${' '.repeat(gutter.length)} | `) + ' '.repeat(caret) + s.red('^'));
  }
  if (d.allowed) out.push(`  ${s.dim('allowed:')} ${visible(d.allowed)}`);
  out.push(`  ${s.dim('fix:')} ${visible(d.hint)}`);
  for (const r of d.related ?? [])
    out.push(`  ${s.dim('see:')} ${visible(`${r.file}:${r.line}:${r.column}`)}`);
  return out.join('\n');
}

/** For machines: the shape of schemas/diagnostics.schema.json. */
export function renderDiagnosticsJson(report: DiagnosticsReport): string {
  const { errors } = countBySeverity(report.diagnostics);
  return (
    JSON.stringify(
      { version: 1, valid: errors === 0, files: report.fileCount, diagnostics: report.diagnostics },
      null,
      2,
    ) + '\n'
  );
}

/** For GitHub Actions: workflow commands that put each problem on its line of the pull request. */
export function renderDiagnosticsGithub(report: DiagnosticsReport): string {
  const lines = report.diagnostics.map((d) => {
    const props = [
      `file=${escapeProperty(visible(d.file))}`,
      `line=${d.line}`,
      `col=${d.column}`,
      `title=${escapeProperty(`${d.code}`)}`,
    ];
    const message = [d.summary, d.allowed ? `Allowed: ${d.allowed}` : '', `Fix: ${d.hint}`]
      .filter(Boolean)
      .join('\n');
    return `::${d.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${escapeData(visible(message))}`;
  });
  lines.push(summaryLine(report));
  return lines.join('\n') + '\n';
}

/** Escaping of workflow command data, as @actions/core does it. */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
