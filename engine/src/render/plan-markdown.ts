import type { Change, Finding, Plan } from '../plan/types.js';
import { code, escapeMarkdown } from './markdown-escape.js';
import { fieldRows, SIGN } from './plan-words.js';

/** GitHub refuses comments above 65,536 characters; chunks stay well below, room left for markers. */
export const MARKDOWN_CHUNK_LIMIT = 60_000;

export interface MarkdownSection {
  heading: string;
  changes: Change[];
  /** Shown under the heading when the section has no change. */
  empty?: string;
}

export interface MarkdownOptions {
  /** Characters per chunk, at most, marker included. */
  limit?: number;
  /** A title line (the pull request workflow says which plan this is: of the PR, or of main against AWS). */
  title?: string;
  /** The sections of changes, in order (default: destructive changes, then the others). */
  sections?: MarkdownSection[];
  /** The block under the title of the first chunk (default: counts per action). */
  summary?: string;
  /** A first line for each chunk, such as a hidden marker; counted in the limit. */
  marker?: (part: number, parts: number) => string;
}

const EMOJI: Record<string, string> = { '+': '🟢', '~': '🟡', '-': '🔴' };

function header(plan: Plan, title: string): string {
  const commit = plan.git.commit ? `commit ${code(plan.git.commit.slice(0, 12))}` : 'uncommitted settings';
  // The title is the engine's own text (the environment name is validated): it is not escaped.
  return `### ${title}\n\nPlanned at ${commit} against organization ${code(plan.organizationId)} · digest ${code(plan.digest.slice(0, 19))}`;
}

export function summaryBlock(plan: Plan): string {
  const lines = ['| Action | Count |', '|---|---:|'];
  for (const [action, n] of Object.entries(plan.summary.byAction)) {
    const sign = SIGN[action as keyof typeof SIGN];
    lines.push(`| ${EMOJI[sign] ?? ''} ${code(`${sign} ${action}`)} | ${n} |`);
  }
  if (plan.summary.changes === 0) lines.push('| no changes | 0 |');
  const out = [
    lines.join('\n'),
    `**${plan.summary.changes} change${plan.summary.changes === 1 ? '' : 's'}** on ${plan.summary.touchedAccounts} of ${plan.summary.managedAccounts} managed accounts` +
      (plan.summary.errors
        ? ` · **${plan.summary.errors} error${plan.summary.errors === 1 ? '' : 's'}**`
        : '') +
      (plan.summary.warnings
        ? ` · ${plan.summary.warnings} warning${plan.summary.warnings === 1 ? '' : 's'}`
        : ''),
  ];
  if (plan.large.isLarge)
    out.push(
      `> [!WARNING]\n> This plan is large: ${escapeMarkdown(plan.large.reasons.join('; '))}. Applying it needs \`--allow-large\`.`,
    );
  if (plan.summary.errors)
    out.push(
      '> [!CAUTION]\n> The plan has errors (see the findings): it cannot be applied until they are fixed.',
    );
  return out.join('\n\n');
}

export function changeBlock(c: Change, limit: number): string {
  const sign = SIGN[c.action];
  const head = `${EMOJI[sign]} ${code(`${sign} ${c.action}`)} ${code(c.address)} — ${escapeMarkdown(c.summary)}`;
  const rows = fieldRows(c);
  if (rows.length === 0) return `- ${head}`;
  const table = ['| Field | Before | After | From |', '|---|---|---|---|'];
  const show = (v: string | null) => (v === null ? '_(none)_' : code(v));
  let body = '';
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const line = `| ${escapeMarkdown(r.field)} | ${show(r.before)} | ${show(r.after)} | ${r.source ? code(r.source) : ''} |`;
    if (table.join('\n').length + line.length > limit - 500) {
      body = `\n\n_${rows.length - i} more rows: see the plan file._`;
      break;
    }
    table.push(line);
  }
  return `<details><summary>${head}</summary>\n\n${table.join('\n')}${body}\n\n</details>`;
}

function findingsBlock(findings: Finding[]): string[] {
  const icon = (f: Finding) => (f.severity === 'error' ? '❌' : f.severity === 'warning' ? '⚠️' : 'ℹ️');
  return findings.map((f) => {
    const where = f.file
      ? ` ${code(`${f.file}${f.line ? `:${f.line}` : ''}`)}`
      : f.address
        ? ` ${code(f.address)}`
        : '';
    return `- ${icon(f)} **${f.severity}** ${code(f.kind)}${where} ${escapeMarkdown(f.message)}`;
  });
}

/** A heading and the blocks under it, as they are packed into chunks. */
interface Section {
  heading: string;
  blocks: string[];
}

/**
 * The plan for a pull request comment, in chunks of at most `limit` characters, each readable alone: every
 * chunk says which plan and which part it is; destructive changes come first; per-account details are folded.
 */
export function renderPlanMarkdown(plan: Plan, options: MarkdownOptions = {}): string[] {
  const limit = options.limit ?? MARKDOWN_CHUNK_LIMIT;
  const title = options.title ?? `SPA plan: ${plan.environment}`;
  const marker = options.marker ?? (() => '');
  const partHeader = (i: number, n: number) => {
    const m = marker(i, n);
    return `${m ? `${m}\n` : ''}${header(plan, n > 1 ? `${title} (part ${i} of ${n})` : title)}`;
  };
  const chunks = packChunks(
    options.summary ?? summaryBlock(plan),
    sectionsOf(plan, options.sections, Math.floor(limit / 2)),
    limit,
    partHeader(99, 99).length + 200,
  );
  const n = chunks.length;
  return chunks.map((blocks, i) => `${partHeader(i + 1, n)}\n\n${blocks.join('\n\n')}\n`);
}

/** The sections asked for (default: destructive changes, then the others), then the findings. */
function sectionsOf(plan: Plan, wanted: MarkdownSection[] | undefined, blockLimit: number): Section[] {
  const destructive = plan.changes.filter((c) => c.destructive);
  const others = plan.changes.filter((c) => !c.destructive);
  const sections: Section[] = [];
  for (const section of wanted ?? [
    ...(destructive.length
      ? [{ heading: `#### 🔴 Destructive changes (${destructive.length})`, changes: destructive }]
      : []),
    ...(others.length ? [{ heading: `#### Changes (${others.length})`, changes: others }] : []),
  ]) {
    // Destructive changes come first in every section.
    const ordered = [
      ...section.changes.filter((c) => c.destructive),
      ...section.changes.filter((c) => !c.destructive),
    ];
    const blocks = ordered.map((c) => changeBlock(c, blockLimit));
    if (blocks.length === 0 && section.empty) blocks.push(section.empty);
    if (blocks.length) sections.push({ heading: section.heading, blocks });
  }
  if (plan.findings.length)
    sections.push({
      heading: `#### Findings (${plan.findings.length})`,
      blocks: findingsBlock(plan.findings),
    });
  return sections;
}

/**
 * Packs blocks greedily into chunks of at most `limit` characters (`reserve` kept for each chunk's header); a
 * section cut across chunks repeats its heading, marked continued.
 */
function packChunks(
  summary: string,
  sections: readonly Section[],
  limit: number,
  reserve: number,
): string[][] {
  const chunks: string[][] = [[summary]];
  let size = reserve + summary.length;
  for (const section of sections) {
    let first = true;
    let headed = false;
    for (const block of section.blocks) {
      const heading = first ? section.heading : `${section.heading} — continued`;
      const needed = block.length + (headed ? 0 : heading.length) + 4;
      if (size + needed > limit && chunks[chunks.length - 1]!.length > 0) {
        chunks.push([]);
        size = reserve;
        headed = false;
      }
      const current = chunks[chunks.length - 1]!;
      if (!headed) {
        current.push(heading);
        size += heading.length + 2;
        headed = true;
      }
      current.push(block);
      size += block.length + 2;
      first = false;
    }
  }
  return chunks;
}
