import { diagnostic, fileStart, type Diagnostic } from '../domain/diagnostic.js';
import { MAX_POLICY_CHARACTERS } from '../domain/policies.js';
import type { PositionIndex } from '../domain/source.js';
import { jsonErrorOffset } from './json-error.js';
import { validateAgainst } from './schema-validator.js';
import { decodeUtf8 } from './text.js';
import { parseYamlFile } from './yaml-file.js';

/** A policy document of infra/policies/, read and checked on its own. */
export interface PolicyEntry {
  file: string;
  /** The document minified, as AWS stores it; undefined when the file is not a valid document. */
  content: string | undefined;
  lines: string[];
  diagnostics: Diagnostic[];
}

/** Reads a policy document: JSON (strictly), the SCP grammar of its schema, and the size AWS allows. */
export function parsePolicyFile(file: string, bytes: Uint8Array): PolicyEntry {
  const decoded = decodeUtf8(file, bytes);
  if (!decoded.ok) return { file, content: undefined, lines: [], diagnostics: [decoded.diagnostic] };
  const text = decoded.text;
  const lines = text.split(/\r?\n/);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { file, content: undefined, lines, diagnostics: [notJson(file, text, error)] };
  }
  // Valid JSON is YAML too: the YAML reader gives the line of every value, and refuses duplicate keys.
  const parsed = parseYamlFile(file, bytes);
  const positions: PositionIndex = parsed.value === undefined ? new Map<string, never>() : parsed.positions;
  const diagnostics = parsed.diagnostics.filter((d) => d.code === 'yaml-duplicate-key');
  diagnostics.push(...validateAgainst('service-control-policy.schema.json', { file, value, positions }));
  const content = JSON.stringify(value);
  if (content.length > MAX_POLICY_CHARACTERS)
    diagnostics.push(
      diagnostic(fileStart(file), {
        code: 'policy-too-large',
        summary: `the policy is ${content.length} characters long without its whitespace, more than the ${MAX_POLICY_CHARACTERS} AWS allows for a service control policy`,
        value: content.length,
        allowed: `at most ${MAX_POLICY_CHARACTERS} characters, whitespace outside strings not counted`,
        hint: 'split the statements into two policies, or shorten lists with wildcards (ec2:Purchase*)',
      }),
    );
  const valid = !diagnostics.some((d) => d.severity === 'error');
  return { file, content: valid ? content : undefined, lines, diagnostics };
}

function notJson(file: string, text: string, error: unknown): Diagnostic {
  const offset = Math.max(0, jsonErrorOffset(text));
  const before = text.slice(0, offset).split('\n');
  const at = { file, line: before.length, column: before[before.length - 1]!.length + 1, pointer: '' };
  return diagnostic(at, {
    code: 'policy-not-json',
    summary: `the policy document is not JSON: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    allowed: 'a JSON object: no comments, no trailing commas, keys and strings in double quotes',
    hint: 'fix the JSON at this place (an editor or `jq . FILE` shows where it breaks)',
  });
}
