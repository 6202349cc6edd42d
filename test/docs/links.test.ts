import { existsSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchorsOf, linksOf, markdownFiles, parseMarkdown } from '../helpers/markdown.js';
import { repoRoot } from '../helpers/tree.js';

const files = markdownFiles();
const anchors = new Map<string, Set<string>>();
const anchorsIn = (path: string): Set<string> => {
  if (!anchors.has(path)) anchors.set(path, anchorsOf(parseMarkdown(path)));
  return anchors.get(path)!;
};

/** Each relative link of a file that leads nowhere: a missing file, or a heading the target does not have. */
function brokenLinks(file: string, text?: string): string[] {
  const broken: string[] = [];
  const tokens = parseMarkdown(file, text);
  for (const { href, line } of linksOf(tokens)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) continue; // https:, mailto:...
    const [rawPath = '', rawAnchor] = href.split('#', 2);
    const path = decodeURIComponent(rawPath);
    const where = `${file}:${line} -> ${href}`;
    const anchor = rawAnchor === undefined ? undefined : decodeURIComponent(rawAnchor);
    if (path === '') {
      if (anchor !== undefined && !anchorsOf(tokens).has(anchor))
        broken.push(`${where}: no heading #${anchor}`);
      continue;
    }
    const target = normalize(join(dirname(file), path));
    if (target.startsWith('..') || !existsSync(join(repoRoot, target))) {
      broken.push(`${where}: no file ${target}`);
      continue;
    }
    if (anchor === undefined) continue;
    if (!target.endsWith('.md') || statSync(join(repoRoot, target)).isDirectory())
      broken.push(`${where}: an anchor into a file that is not Markdown`);
    else if (!anchorsIn(target).has(anchor)) broken.push(`${where}: ${target} has no heading #${anchor}`);
  }
  return broken;
}

describe('the Markdown files of the repository', () => {
  it('include the root README and the guide of each folder', () => {
    for (const guide of [
      'README.md',
      'accounts/README.md',
      'tags-csv/README.md',
      'reports/README.md',
      'infra/README.md',
      'buildspecs/README.md',
      'engine/README.md',
      'schemas/README.md',
    ])
      expect(files).toContain(guide);
  });

  it('are checked by a rule that finds a missing file and a missing heading, here or in another guide', () => {
    const text = [
      '# Example',
      '',
      '## Here and `there`',
      '',
      '[a](../nope.md) [b](../infra/README.md#no-such-heading) [c](#nowhere)',
      '[d](../infra/README.md#spa-doctor) [e](#here-and-there) [f](README.md#ask-for-an-account)',
      '[g](alice-sandbox.yaml) [h](https://example.com/x.md#y) ![i](missing.png)',
    ].join('\n');
    expect(brokenLinks('accounts/EXAMPLE.md', text)).toEqual([
      'accounts/EXAMPLE.md:5 -> ../nope.md: no file nope.md',
      'accounts/EXAMPLE.md:5 -> ../infra/README.md#no-such-heading: infra/README.md has no heading #no-such-heading',
      'accounts/EXAMPLE.md:5 -> #nowhere: no heading #nowhere',
      'accounts/EXAMPLE.md:7 -> missing.png: no file accounts/missing.png',
    ]);
    expect(linksOf(parseMarkdown('README.md')).length).toBeGreaterThan(20);
  });

  it.each(files)('%s: every relative link reaches a file, and every anchor a heading', (file) => {
    expect(brokenLinks(file)).toEqual([]);
  });
});
