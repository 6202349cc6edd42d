import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { diagnostic, type Diagnostic } from '../domain/diagnostic.js';
import { interopDefault } from '../domain/interop.js';
import { schemas } from '../domain/generated/schemas.js';
import type { PositionIndex } from '../domain/source.js';
import { locate } from './locate.js';
import { article, countOf, describePointer, kindOf, pointerLabel, quote, suggest } from './message-words.js';
import { parentPointer, pointerOf } from './pointer.js';

// The command line and the tests name these through the validator, whose messages they word.
export { describePointer, suggest };

type AddFormats = typeof addFormatsModule.default;
const addFormats = interopDefault(addFormatsModule as unknown as AddFormats | { default: AddFormats });

export type SchemaName = 'settings' | 'organizational-unit' | 'account' | 'plan' | 'apply-result';

/** A value checked against one schema; positions turn JSON pointers into lines and columns. */
export interface SchemaTarget {
  file: string;
  value: unknown;
  positions: PositionIndex;
}

type AnnotatedSchema = {
  'x-code'?: string | Record<string, string>;
  'x-hint'?: string | Record<string, string>;
  description?: string;
  properties?: Record<string, unknown>;
  enum?: unknown[];
};

let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

function instance(): Ajv2020 {
  if (!ajv) {
    // allErrors: every problem in every file at once. verbose: errors carry their schema, for x-code and x-hint.
    ajv = new Ajv2020({
      allErrors: true,
      verbose: true,
      strict: true,
      strictTypes: false,
      allowUnionTypes: true,
    });
    addFormats(ajv, ['email', 'date-time', 'uri']);
    ajv.addVocabulary(['x-code', 'x-hint']);
    for (const schema of Object.values(schemas)) ajv.addSchema(schema);
  }
  return ajv;
}

/** The compiled validator of a schema (or of a definition, `common.schema.json#/$defs/tagValue`). */
export function validatorFor(ref: string): ValidateFunction {
  let validate = compiled.get(ref);
  if (!validate) {
    const found = instance().getSchema(ref);
    if (!found) throw new Error(`unknown schema ${ref}`);
    validate = found;
    compiled.set(ref, validate);
  }
  return validate;
}

export function schemaRef(name: SchemaName): string {
  return `${name}.schema.json`;
}

/** Validates one value; every schema error becomes a diagnostic at the line and column of the offending value. */
export function validateAgainst(ref: string, target: SchemaTarget, options: LabelOptions = {}): Diagnostic[] {
  const validate = validatorFor(ref);
  if (validate(target.value)) return [];
  return diagnosticsFromErrors(validate.errors ?? [], target, options);
}

/** `prefix`: pointer of the validated value inside its file. `label`: how to name the value itself. */
export interface LabelOptions {
  prefix?: string;
  label?: string;
}

export function diagnosticsFromErrors(
  errors: readonly ErrorObject[],
  target: SchemaTarget,
  options: LabelOptions = {},
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    // Wrappers repeat what their inner errors already say.
    if (error.keyword === 'propertyNames' || error.keyword === 'if' || error.keyword === '$ref') continue;
    const d = toDiagnostic(error, target, options);
    const key = `${d.code}|${d.pointer}|${d.summary}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}

function toDiagnostic(error: ErrorObject, target: SchemaTarget, options: LabelOptions): Diagnostic {
  const prefix = options.prefix ?? '';
  const schema = (error.parentSchema ?? {}) as AnnotatedSchema;
  const propertyName = (error as ErrorObject & { propertyName?: string }).propertyName;
  let pointer = prefix + error.instancePath;
  let onKey = false;
  let value: unknown = error.data;
  let summary: string;
  let allowed: string | undefined;
  let hint: string | undefined;
  let defaultCode: string;

  if (propertyName !== undefined) {
    pointer = pointer + pointerOf([propertyName]);
    onKey = true;
    value = propertyName;
  }
  const where = onKey
    ? `the key ${quote(propertyName)} of ${describePointer(parentPointer(pointer))}`
    : options.label !== undefined && error.instancePath === ''
      ? options.label
      : describePointer(pointer);

  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      pointer = pointer + pointerOf([key]);
      onKey = true;
      value = key;
      const known = Object.keys(schema.properties ?? {});
      const suggestion = suggest(key, known);
      defaultCode = 'unknown-key';
      summary = `unknown key "${key}"${pointerLabel(parentPointer(pointer))}${suggestion ? `; did you mean "${suggestion}"?` : ''}`;
      allowed = known.length > 0 ? `keys: ${known.join(', ')}` : 'no keys here';
      hint = suggestion
        ? `rename "${key}" to "${suggestion}"`
        : `remove "${key}" or move it where it belongs`;
      break;
    }
    case 'required': {
      const key = String(error.params.missingProperty);
      defaultCode = 'missing-key';
      summary = `missing required key "${key}"${pointerLabel(pointer)}`;
      allowed = `a value for "${key}"`;
      hint = `add "${key}:" with its value`;
      value = undefined;
      break;
    }
    case 'type':
      defaultCode = 'wrong-type';
      summary = `${where} must be ${article(String(error.params.type))}; got ${kindOf(error.data)} ${quote(error.data)}`;
      allowed = String(error.params.type);
      hint =
        error.params.type === 'string' && (typeof error.data === 'number' || typeof error.data === 'boolean')
          ? `quote the value: "${String(error.data)}"`
          : `write ${article(String(error.params.type))} here`;
      break;
    case 'enum': {
      const allowedValues = error.params.allowedValues as unknown[];
      const guess =
        typeof error.data === 'string'
          ? suggest(
              error.data,
              allowedValues.filter((v): v is string => typeof v === 'string'),
            )
          : undefined;
      defaultCode = 'invalid-value';
      summary = `${where} is ${quote(error.data)}, which is not allowed${guess ? `; did you mean "${guess}"?` : ''}`;
      allowed = `one of ${allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
      hint = guess ? `write "${guess}"` : 'choose one of the allowed values';
      break;
    }
    case 'format':
      defaultCode = `invalid-${String(error.params.format)}`;
      summary = `${where} ${quote(error.data)} is not a valid ${String(error.params.format)}`;
      allowed = schema.description ?? `a valid ${String(error.params.format)}`;
      hint = 'correct the value';
      break;
    case 'pattern':
      defaultCode = 'invalid-format';
      summary = onKey ? `${where} has the wrong form` : `${where} ${quote(error.data)} has the wrong form`;
      allowed = schema.description ?? `text matching ${String(error.params.pattern)}`;
      hint = 'correct the value';
      break;
    case 'not':
      defaultCode = 'invalid-value';
      summary = onKey ? `${where} is not allowed` : `${where} ${quote(error.data)} is not allowed`;
      allowed = schema.description ?? 'another value';
      hint = 'choose another value';
      break;
    case 'minLength':
      defaultCode = 'too-short';
      summary =
        error.params.limit === 1
          ? `${where} is empty`
          : `${where} is shorter than ${String(error.params.limit)} characters`;
      allowed = `at least ${String(error.params.limit)} character${error.params.limit === 1 ? '' : 's'}`;
      hint = 'give a value';
      break;
    case 'maxLength': {
      const text = String(onKey ? propertyName : error.data);
      defaultCode = 'too-long';
      summary = onKey
        ? `${where} is ${text.length} characters long`
        : `${where} is ${text.length} characters long (${quote(text)})`;
      allowed = `at most ${String(error.params.limit)} characters`;
      hint = `shorten it to at most ${String(error.params.limit)} characters`;
      break;
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      defaultCode = 'out-of-range';
      summary = `${where} is ${quote(error.data)}, out of range`;
      allowed = `a number ${String(error.params.comparison)} ${String(error.params.limit)}`;
      hint = `give a number ${String(error.params.comparison)} ${String(error.params.limit)}`;
      break;
    case 'uniqueItems':
      defaultCode = 'duplicate-item';
      summary = `${where} lists ${quote((error.data as unknown[])[error.params.i as number])} twice`;
      allowed = 'each item once';
      hint = 'remove the repeated item';
      break;
    case 'maxProperties':
    case 'maxItems':
      defaultCode = 'too-many';
      summary = `${where} has ${countOf(error.data)} entries`;
      allowed = `at most ${String(error.params.limit)}`;
      hint = `keep at most ${String(error.params.limit)}`;
      break;
    case 'minProperties':
    case 'minItems':
      defaultCode = 'too-few';
      summary = `${where} has ${countOf(error.data)} entries`;
      allowed = `at least ${String(error.params.limit)}`;
      hint = `give at least ${String(error.params.limit)}`;
      break;
    default:
      defaultCode = 'invalid-value';
      summary = `${where} ${error.message ?? 'is invalid'}`;
      hint = 'correct the value';
  }

  // A problem with a whole mapping or list is shown at its key, where the reader looks for it.
  if (WHOLE_VALUE.has(error.keyword)) onKey = true;
  const code = annotation(schema['x-code'], error.keyword) ?? defaultCode;
  hint = annotation(schema['x-hint'], error.keyword) ?? hint;
  const at = locate(target.positions, pointer.slice(prefix.length), onKey);
  return diagnostic(code, { file: target.file, ...at, pointer }, { summary, value, allowed, hint });
}

const WHOLE_VALUE = new Set(['maxProperties', 'minProperties', 'maxItems', 'minItems']);

function annotation(a: string | Record<string, string> | undefined, keyword: string): string | undefined {
  if (a === undefined) return undefined;
  return typeof a === 'string' ? a : a[keyword];
}
