import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import GithubSlugger from 'github-slugger';
import MarkdownIt, { type Token } from 'markdown-it';
import { repoRoot } from './tree.js';

/** Folders whose Markdown is not the repository's own: installed packages, build output, the emulator. */
const SKIPPED = new Set([
  '.git',
  'node_modules',
  '.venv',
  '.cache',
  'coverage',
  'cdk.out',
  'dist',
  'dist-lambda',
]);

const md = new MarkdownIt({ html: true });

/** Every Markdown file of the repository, as paths relative to its root. */
export function markdownFiles(dir = repoRoot): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && !SKIPPED.has(entry.name)) files.push(...markdownFiles(join(dir, entry.name)));
    else if (entry.isFile() && entry.name.endsWith('.md'))
      files.push(relative(repoRoot, join(dir, entry.name)));
  }
  return files.sort();
}

export function parseMarkdown(path: string, text = readFileSync(join(repoRoot, path), 'utf8')): Token[] {
  return md.parse(text, {});
}

/** The link and image targets of a file, with the line each is on (1-based). */
export function linksOf(tokens: Token[]): { href: string; line: number }[] {
  const links: { href: string; line: number }[] = [];
  for (const block of tokens) {
    let line = (block.map?.[0] ?? 0) + 1;
    for (const t of block.children ?? []) {
      if (t.type === 'softbreak' || t.type === 'hardbreak') line++;
      const href = t.type === 'link_open' ? t.attrGet('href') : t.type === 'image' ? t.attrGet('src') : null;
      if (typeof href === 'string') links.push({ href, line });
    }
  }
  return links;
}

/** The headings of a file with the anchors GitHub gives them (github-slugger, duplicates numbered as GitHub does). */
export function headingsOf(tokens: Token[]): { level: number; text: string; anchor: string }[] {
  const slugger = new GithubSlugger();
  return tokens.flatMap((t, i) => {
    if (t.type !== 'heading_open') return [];
    const text = (tokens[i + 1]?.children ?? [])
      .filter((c) => c.type === 'text' || c.type === 'code_inline')
      .map((c) => c.content)
      .join('');
    return [{ level: Number(t.tag.slice(1)), text, anchor: slugger.slug(text) }];
  });
}

export function anchorsOf(tokens: Token[]): Set<string> {
  return new Set(headingsOf(tokens).map((h) => h.anchor));
}

/** The fenced code blocks of a file with their info string (`sh`, `yaml`...) and first line (1-based). */
export function codeBlocksOf(tokens: Token[]): { info: string; content: string; line: number }[] {
  return tokens
    .filter((t) => t.type === 'fence')
    .map((t) => ({ info: t.info.trim(), content: t.content, line: (t.map?.[0] ?? 0) + 1 }));
}
