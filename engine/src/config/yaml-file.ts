import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node,
} from 'yaml';
import { diagnostic, warning, type Diagnostic } from '../domain/diagnostic.js';
import type { PositionIndex } from '../domain/source.js';
import { pointerOf } from './pointer.js';
import { decodeUtf8, emptyFile } from './text.js';
import { fastValue, LazyPositions } from './yaml-fast.js';

export interface ParsedYaml {
  file: string;
  /** The plain value, or undefined when the file could not be read (its diagnostics say why). */
  value: unknown;
  positions: PositionIndex;
  /** The file's lines, to quote the offending line under a diagnostic. */
  lines: string[];
  diagnostics: Diagnostic[];
}

/**
 * YAML aliases may expand a small file into a huge value (the "billion laughs"). A settings file has no use for
 * more than a few; past this count the file is refused.
 */
export const MAX_ALIAS_COUNT = 50;

/**
 * Reads a YAML settings file: the value and the position of every value in it, or diagnostics. With `lazy`,
 * a plain file takes the fast reading (yaml-fast.ts) and its positions are computed only when asked for;
 * anything else, errors included, takes the full parser.
 */
export function parseYamlFile(file: string, bytes: Uint8Array, options: { lazy?: boolean } = {}): ParsedYaml {
  const decoded = decodeUtf8(file, bytes);
  if (!decoded.ok)
    return { file, value: undefined, positions: new Map(), lines: [], diagnostics: [decoded.diagnostic] };
  const text = decoded.text;
  const lines = text.split(/\r?\n/);
  const value = options.lazy ? fastValue(text) : undefined;
  if (value === undefined) return fullYaml(file, text, lines);
  const positions = new LazyPositions(() => fullYaml(file, text, lines).positions);
  return { file, value, positions, lines, diagnostics: [] };
}

/** The full YAML parser: every error and warning with its position, the alias limit, custom tags. */
export function fullYaml(file: string, text: string, lines: string[] = text.split(/\r?\n/)): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true, merge: true });
  const unread = (diagnostics: Diagnostic[]): ParsedYaml => ({
    file,
    value: undefined,
    positions: new Map(),
    lines,
    diagnostics,
  });
  const diagnostics = parserProblems(file, doc);
  if (diagnostics.some((d) => d.severity === 'error')) return unread(diagnostics);
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null))
    return unread([...diagnostics, emptyFile(file, 'yaml')]);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    return unread([...diagnostics, aliasLimit(file, doc, lineCounter, error)]);
  }
  const positions: PositionIndex = new Map();
  indexPositions(doc.contents, '', positions, lineCounter, undefined);
  return { file, value, positions, lines, diagnostics };
}

/** The parser's errors and warnings (custom tags), each at its line and column. */
function parserProblems(file: string, doc: Document): Diagnostic[] {
  const at = (p: { linePos?: [{ line: number; col: number }, ...unknown[]] }) => {
    const pos = p.linePos?.[0] ?? { line: 1, col: 1 };
    return { file, line: pos.line, column: pos.col, pointer: '' };
  };
  const errors = doc.errors.map((error) => {
    const duplicate = error.code === 'DUPLICATE_KEY';
    return diagnostic(at(error), {
      code: duplicate ? 'yaml-duplicate-key' : 'yaml-syntax',
      summary: firstLine(error.message),
      allowed: 'valid YAML 1.2',
      hint: duplicate
        ? 'keep one of the keys: a mapping may not repeat a key'
        : 'check the indentation, quotes and colons around this place',
    });
  });
  const warnings = doc.warnings.map((w) =>
    warning(at(w), {
      code: 'yaml-warning',
      summary: firstLine(w.message),
      hint: 'rewrite this part in plain YAML',
    }),
  );
  return [...errors, ...warnings];
}

function aliasLimit(file: string, doc: Document, lineCounter: LineCounter, error: unknown): Diagnostic {
  const at = firstAlias(doc.contents, lineCounter) ?? { line: 1, column: 1 };
  return diagnostic(
    { file, ...at, pointer: '' },
    {
      code: 'yaml-alias-limit',
      summary: `YAML aliases expand this file past the limit (${error instanceof Error ? error.message : String(error)})`,
      allowed: `at most ${MAX_ALIAS_COUNT} alias expansions per file`,
      hint: 'write the values out instead of nesting anchors and aliases',
    },
  );
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

function linePos(lineCounter: LineCounter, offset: number): { line: number; column: number } {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

function indexPositions(
  node: unknown,
  pointer: string,
  index: PositionIndex,
  lineCounter: LineCounter,
  key: { line: number; column: number } | undefined,
): void {
  const range = (node as Node | null)?.range;
  if (!range) return;
  const at = linePos(lineCounter, range[0]);
  index.set(pointer, key ? { ...at, keyLine: key.line, keyColumn: key.column } : at);
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const k = pair.key;
      if (!isScalar(k)) continue;
      const child = pointer + pointerOf([String(k.value)]);
      const keyAt = k.range ? linePos(lineCounter, k.range[0]) : at;
      if (pair.value === null || (pair.value as Node).range === undefined) {
        index.set(child, { ...keyAt, keyLine: keyAt.line, keyColumn: keyAt.column });
      } else {
        indexPositions(pair.value, child, index, lineCounter, keyAt);
      }
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => indexPositions(item, `${pointer}/${i}`, index, lineCounter, undefined));
  }
}

function firstAlias(node: unknown, lineCounter: LineCounter): { line: number; column: number } | undefined {
  if (isAlias(node) && node.range) return linePos(lineCounter, node.range[0]);
  if (isMap(node) || isSeq(node)) {
    for (const item of node.items) {
      const found = isPair(item) ? firstAlias(item.value, lineCounter) : firstAlias(item, lineCounter);
      if (found) return found;
    }
  }
  return undefined;
}
