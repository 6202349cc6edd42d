import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { interopDefault } from '../../engine/src/domain/interop.js';

/**
 * GitHub's official OpenAPI description (@octokit/openapi), loaded once, and the checks of requests and responses
 * against it that the loopback GitHub server makes.
 */

export type Json = Record<string, unknown>;
type Spec = {
  paths: Record<string, Record<string, Json>>;
  components: { examples: Record<string, { value: unknown }>; parameters: Record<string, Json> };
};

const root = join(import.meta.dirname, '..', '..');
let spec: Spec | undefined;
let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();

export function loadSpec(): { spec: Spec; ajv: Ajv } {
  if (!spec || !ajv) {
    spec = toJsonSchema(
      JSON.parse(
        readFileSync(join(root, 'node_modules/@octokit/openapi/generated/api.github.com.json'), 'utf8'),
      ),
    ) as Spec;
    ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, discriminator: false });
    type AddFormats = typeof addFormatsModule.default;
    interopDefault(addFormatsModule as unknown as AddFormats | { default: AddFormats })(ajv);
    ajv.addSchema(spec, 'github');
  }
  return { spec, ajv };
}

/**
 * OpenAPI 3.0 writes "may be null" as `nullable: true`; JSON Schema writes it as a type. The one difference that
 * matters for validation is converted once, on load.
 */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json))
    out[k] = k === 'example' || k === 'examples' ? v : toJsonSchema(v);
  if (out.nullable === true) {
    delete out.nullable;
    if (typeof out.type === 'string')
      return {
        ...out,
        type: [out.type, 'null'],
        ...(Array.isArray(out.enum) ? { enum: [...(out.enum as unknown[]), null] } : {}),
      };
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

function validator(pointer: string): ValidateFunction {
  let v = validators.get(pointer);
  if (!v) {
    v = loadSpec().ajv.compile({ $ref: `github#${pointer}` });
    validators.set(pointer, v);
  }
  return v;
}

const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** An example of the description, by name, as a fresh copy. */
export const example = <T>(name: string): T =>
  structuredClone(loadSpec().spec.components.examples[name]!.value) as T;

export const hasOperation = (template: string, method: string): boolean =>
  loadSpec().spec.paths[template]?.[method] !== undefined;

function queryParameters(template: string, method: string): Json[] {
  const op = loadSpec().spec.paths[template]![method]!;
  return ((op.parameters as Json[] | undefined) ?? [])
    .map((raw) => {
      const ref = raw.$ref as string | undefined;
      return ref ? loadSpec().spec.components.parameters[ref.split('/').pop()!]! : raw;
    })
    .filter((param) => param.in === 'query');
}

/** The query parameters and the body of a request, against the operation's description. */
export function checkRequest(
  template: string,
  method: string,
  query: URLSearchParams,
  body: unknown,
  violations: string[],
): void {
  const params = queryParameters(template, method);
  for (const param of params) {
    const value = query.get(param.name as string);
    if (value === null) continue;
    const schema = param.schema as Json;
    const typed =
      schema.type === 'integer' || schema.type === 'number'
        ? Number(value)
        : schema.type === 'boolean'
          ? value === 'true'
          : value;
    const v = loadSpec().ajv.compile(schema);
    if (!v(typed))
      violations.push(
        `${method.toUpperCase()} ${template} query ${String(param.name)}=${value}: ${loadSpec().ajv.errorsText(v.errors)}`,
      );
  }
  for (const key of query.keys())
    if (!params.some((p) => p.name === key))
      violations.push(`${method.toUpperCase()} ${template}: unknown query parameter ${key}`);
  const op = loadSpec().spec.paths[template]![method]!;
  if ((op.requestBody as Json | undefined)?.content) {
    const v = validator(`/paths/${esc(template)}/${method}/requestBody/content/application~1json/schema`);
    if (!v(body))
      violations.push(
        `${method.toUpperCase()} ${template} request body: ${loadSpec().ajv.errorsText(v.errors)}`,
      );
  }
}

/** A response: its status must be documented, and its body must match the documented schema. */
export function checkResponse(
  template: string,
  method: string,
  status: number,
  body: unknown,
  violations: string[],
): void {
  const op = loadSpec().spec.paths[template]![method]!;
  const response = (op.responses as Json)[String(status)] as Json | undefined;
  if (!response) {
    violations.push(`${method.toUpperCase()} ${template}: status ${status} is not a documented response`);
    return;
  }
  if (!(response.content as Json | undefined)?.['application/json']) return;
  const v = validator(
    `/paths/${esc(template)}/${method}/responses/${status}/content/application~1json/schema`,
  );
  if (!v(body))
    violations.push(
      `${method.toUpperCase()} ${template} response ${status}: ${loadSpec().ajv.errorsText(v.errors).slice(0, 1000)}`,
    );
}
