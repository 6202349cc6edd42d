import type { ErrorObject } from 'ajv/dist/2020.js';
import { diagnostic, type Diagnostic } from '../domain/diagnostic.js';
import type { PositionIndex } from '../domain/source.js';
import { locate } from './locate.js';
import { describePointer, quote } from './message-words.js';
import { parentPointer, pointerOf } from './pointer.js';
import {
  KEYWORDS,
  otherKeyword,
  WHOLE_VALUE,
  type AnnotatedSchema,
  type ErrorSubject,
} from './schema-keywords.js';

/** A value checked against one schema; positions turn JSON pointers into lines and columns. */
export interface SchemaTarget {
  file: string;
  value: unknown;
  positions: PositionIndex;
}

/** `prefix`: pointer of the validated value inside its file. `label`: how to name the value itself. */
export interface LabelOptions {
  prefix?: string;
  label?: string;
}

/** One diagnostic per distinct problem that ajv reports. */
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

/** An ajv error as a diagnostic: its keyword's words, the schema's `x-code` and `x-hint`, its place. */
function toDiagnostic(error: ErrorObject, target: SchemaTarget, options: LabelOptions): Diagnostic {
  const prefix = options.prefix ?? '';
  const subject = subjectOf(error, prefix, options);
  const words = (KEYWORDS.get(error.keyword) ?? otherKeyword)(error, subject);
  let { pointer, onKey } = subject;
  let value: unknown = subject.onKey ? subject.propertyName : error.data;
  if (words.key !== undefined) {
    pointer += pointerOf([words.key]);
    onKey = true;
    value = words.key;
  }
  if (words.noValue) value = undefined;
  if (WHOLE_VALUE.has(error.keyword)) onKey = true;
  const at = locate(target.positions, pointer.slice(prefix.length), onKey);
  return diagnostic(
    { file: target.file, ...at, pointer },
    {
      code: annotation(subject.schema['x-code'], error.keyword) ?? words.code,
      summary: words.summary,
      value,
      allowed: words.allowed,
      hint: annotation(subject.schema['x-hint'], error.keyword) ?? words.hint,
    },
  );
}

/** The value an error is about: the key itself for an error of `propertyNames`. */
function subjectOf(error: ErrorObject, prefix: string, options: LabelOptions): ErrorSubject {
  const propertyName = (error as ErrorObject & { propertyName?: string }).propertyName;
  const schema = (error.parentSchema ?? {}) as AnnotatedSchema;
  if (propertyName !== undefined) {
    const pointer = prefix + error.instancePath + pointerOf([propertyName]);
    const where = `the key ${quote(propertyName)} of ${describePointer(parentPointer(pointer))}`;
    return { pointer, where, onKey: true, propertyName, schema };
  }
  const pointer = prefix + error.instancePath;
  const where =
    options.label !== undefined && error.instancePath === '' ? options.label : describePointer(pointer);
  return { pointer, where, onKey: false, propertyName, schema };
}

function annotation(a: string | Record<string, string> | undefined, keyword: string): string | undefined {
  if (a === undefined) return undefined;
  return typeof a === 'string' ? a : a[keyword];
}
