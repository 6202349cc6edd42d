import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { headingsOf, linksOf, parseMarkdown } from '../helpers/markdown.js';
import { repoRoot } from '../helpers/tree.js';

const GUIDES = [
  'accounts/README.md',
  'tags-csv/README.md',
  'reports/README.md',
  'infra/README.md',
  'buildspecs/README.md',
  'engine/README.md',
  'schemas/README.md',
];
const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');

describe('the guides', () => {
  it('are reached from the root README, which stays short and keeps the two commands', () => {
    const root = read('README.md');
    expect(root.split('\n').length).toBeLessThan(250);
    expect(root).toContain(
      'npm ci && npm run demo   # the main job on the embedded sample settings\nnpm test                 # the test suite (builds first)\n',
    );
    const targets = linksOf(parseMarkdown('README.md')).map((l) => l.href.split('#')[0]);
    for (const guide of GUIDES) expect(targets, guide).toContain(guide);
  });

  it.each(GUIDES)(
    '%s opens with a title and a one-line purpose, and lists its sections when long',
    (guide) => {
      const tokens = parseMarkdown(guide);
      expect(tokens[0]?.tag).toBe('h1');
      expect(tokens[3]?.type).toBe('paragraph_open');
      if (read(guide).split('\n').length <= 150) return;
      const first = tokens.findIndex((t) => t.type === 'heading_open' && t.tag === 'h2');
      const listed = linksOf(tokens.slice(0, first)).map((l) => l.href);
      const sections = headingsOf(tokens).filter((h) => h.level === 2);
      expect(sections.filter((h) => !listed.includes(`#${h.anchor}`)).map((h) => h.text)).toEqual([]);
    },
  );
});
