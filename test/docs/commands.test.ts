import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spa } from '../helpers/cli.js';
import { codeBlocksOf, markdownFiles, parseMarkdown } from '../helpers/markdown.js';
import { repoRoot } from '../helpers/tree.js';

/** Commands that read only the settings: their examples run against the sample settings at the root. */
const OFFLINE = new Set(['validate', 'explain', 'compile']);

interface Example {
  where: string;
  command: string;
  words: string[];
  /** The exit code the example's comment claims (`# exit 1`), 0 when it says none. */
  exit: number;
}

/** Every `npx spa ...` line of the shell blocks of the repository's Markdown. */
function examples(): Example[] {
  return markdownFiles().flatMap((file) =>
    codeBlocksOf(parseMarkdown(file))
      .filter((b) => ['sh', 'bash', 'shell', 'console'].includes(b.info))
      .flatMap((b) =>
        b.content.split('\n').flatMap((text, i) => {
          const m = /^\s*npx spa (.*?)\s*(?:\s#\s?(.*))?$/.exec(text);
          if (!m) return [];
          const claimed = /\bexits? (\d)\b/.exec(m[2] ?? '');
          return [
            {
              where: `${file}:${b.line + 1 + i}`,
              command: `spa ${m[1]}`,
              words: m[1]!.split(/\s+/),
              exit: claimed ? Number(claimed[1]) : 0,
            },
          ];
        }),
      ),
  );
}

/** The command path of an example (`report costs`, `plan`), found through the help of the CLI itself. */
async function commandPath(words: string[]): Promise<{ path: string[]; help: string }> {
  const path = [words[0]!];
  for (;;) {
    const help = (await spa([...path, '--help'])).stdout;
    const next = words[path.length];
    if (!help.includes('\nCommands:\n') || next === undefined || next.startsWith('-')) return { path, help };
    path.push(next);
  }
}

/** What is wrong with an example that needs AWS or GitHub: an unknown command, or a flag its help does not list. */
async function unknownParts(e: Pick<Example, 'command' | 'words'>): Promise<string[]> {
  const { path, help } = await commandPath(e.words);
  if (!help.startsWith(`Usage: spa ${path.join(' ')} `)) return [`unknown command: spa ${path.join(' ')}`];
  const flags = [...e.command.matchAll(/(?<![\w-])--[a-z][a-z-]*/g)].map((f) => f[0]);
  return flags
    .filter((flag) => !new RegExp(`(^|[\\s,])${flag}(?=[\\s=,<\\[]|$)`, 'm').test(help))
    .map((flag) => `spa ${path.join(' ')} has no flag ${flag}`);
}

/** Runs an example that reads only the settings, in a scratch folder, against the sample settings. */
async function runOffline(e: Pick<Example, 'words'>, cwd: string) {
  const dir = e.words.includes('--dir') ? [] : ['--dir', repoRoot];
  return spa([...e.words, ...dir], { cwd });
}

const all = examples();
const offline = all.filter((e) => OFFLINE.has(e.words[0]!));
const online = all.filter((e) => !OFFLINE.has(e.words[0]!));
const cwd = mkdtempSync(join(tmpdir(), 'spa-docs-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('the spa examples of the guides', () => {
  it('are found in the guides, both those that run offline and those that need AWS or GitHub', () => {
    expect(offline.map((e) => e.words[0])).toEqual(
      expect.arrayContaining(['validate', 'explain', 'compile']),
    );
    expect(online.map((e) => e.words[0])).toEqual(
      expect.arrayContaining(['plan', 'apply', 'report', 'github', 'accounts', 'runtime']),
    );
  });

  it.each(offline.map((e) => [e.where, e] as const))(
    '%s runs against the sample settings with the exit code it claims',
    async (_, e) => {
      expect(
        e.words.every((w) => /^[\w@.:/=,-]+$/.test(w)),
        `${e.command}: a plain command`,
      ).toBe(true);
      const r = await runOffline(e, cwd);
      expect(r.code, `${e.command}\n${r.stdout}${r.stderr}`).toBe(e.exit);
      const out = e.words.indexOf('--out');
      if (out !== -1) expect(existsSync(join(cwd, e.words[out + 1]!))).toBe(true);
    },
  );

  // These need AWS or GitHub: the command must exist and its help must list every flag the example shows.
  it.each(online.map((e) => [e.where, e] as const))('%s names a known command and flags', async (_, e) => {
    expect(await unknownParts(e)).toEqual([]);
  });

  it('would catch an unknown command or flag, and an example that exits otherwise than it says', async () => {
    const example = (command: string) => ({ command, words: command.split(' ').slice(1) });
    expect(await unknownParts(example('spa no-such-command --out x'))).toEqual([
      'unknown command: spa no-such-command',
    ]);
    expect(await unknownParts(example('spa report costs --month 2026-10 --mont 2026-10 [--commit]'))).toEqual(
      ['spa report costs has no flag --mont'],
    );
    expect(await unknownParts(example('spa github reference --for [--for-push]'))).toEqual([
      'spa github reference has no flag --for',
    ]);
    expect((await runOffline({ words: ['validate', '--no-such-flag'] }, cwd)).code).toBe(1);
    expect((await runOffline({ words: ['explain', 'nobody-sandbox'] }, cwd)).code).not.toBe(0);
  });
});
