import type { ErrorObject } from 'ajv/dist/2020.js';
import { article, countOf, kindOf, pointerLabel, quote, suggest } from './message-words.js';

/** The parts of a schema a message reads: keys for unknown keys, a description for formats and patterns. */
export interface AnnotatedSchema {
  'x-code'?: string | Record<string, string>;
  'x-hint'?: string | Record<string, string>;
  description?: string;
  properties?: Record<string, unknown>;
  enum?: unknown[];
}

/** The value an error is about: its pointer in the file, how a message names it, whether it is a key. */
export interface ErrorSubject {
  pointer: string;
  where: string;
  onKey: boolean;
  propertyName: string | undefined;
  schema: AnnotatedSchema;
}

/**
 * What an error of one keyword says: its default code (a schema's `x-code` overrides it), its words, and, for
 * an unknown key, the key the diagnostic moves to; `noValue` when there is no value to quote (a missing key).
 */
export interface KeywordWords {
  code: string;
  summary: string;
  allowed?: string;
  hint: string;
  key?: string;
  noValue?: boolean;
}

type Keyword = (error: ErrorObject, s: ErrorSubject) => KeywordWords;

const unknownKey: Keyword = (error, s) => {
  const key = String(error.params.additionalProperty);
  const known = Object.keys(s.schema.properties ?? {});
  const suggestion = suggest(key, known);
  return {
    code: 'unknown-key',
    key,
    summary: `unknown key "${key}"${pointerLabel(s.pointer)}${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
    allowed: known.length > 0 ? `keys: ${known.join(', ')}` : 'no keys here',
    hint: suggestion ? `rename "${key}" to "${suggestion}"` : `remove "${key}" or move it where it belongs`,
  };
};

const missingKey: Keyword = (error, s) => {
  const key = String(error.params.missingProperty);
  return {
    code: 'missing-key',
    noValue: true,
    summary: `missing required key "${key}"${pointerLabel(s.pointer)}`,
    allowed: `a value for "${key}"`,
    hint: `add "${key}:" with its value`,
  };
};

/** A key that needs another beside it (dependentRequired): email needs emailSender. */
const missingCompanion: Keyword = (error, s) => {
  const key = String(error.params.missingProperty);
  const with_ = String(error.params.property);
  return {
    code: 'missing-key',
    noValue: true,
    summary: `"${with_}" needs "${key}" beside it${pointerLabel(s.pointer)}`,
    allowed: `"${with_}" together with "${key}"`,
    hint: `add "${key}:" with its value, or remove "${with_}"`,
  };
};

const wrongType: Keyword = (error, s) => {
  const type = String(error.params.type);
  const scalar = typeof error.data === 'number' || typeof error.data === 'boolean';
  return {
    code: 'wrong-type',
    summary: `${s.where} must be ${article(type)}; got ${kindOf(error.data)} ${quote(error.data)}`,
    allowed: type,
    hint:
      error.params.type === 'string' && scalar
        ? `quote the value: "${String(error.data)}"`
        : `write ${article(type)} here`,
  };
};

const notInEnum: Keyword = (error, s) => {
  const allowedValues = error.params.allowedValues as unknown[];
  const strings = allowedValues.filter((v): v is string => typeof v === 'string');
  const guess = typeof error.data === 'string' ? suggest(error.data, strings) : undefined;
  return {
    code: 'invalid-value',
    summary: `${s.where} is ${quote(error.data)}, which is not allowed${guess ? `; did you mean "${guess}"?` : ''}`,
    allowed: `one of ${allowedValues.map((v) => JSON.stringify(v)).join(', ')}`,
    hint: guess ? `write "${guess}"` : 'choose one of the allowed values',
  };
};

const badFormat: Keyword = (error, s) => {
  const format = String(error.params.format);
  return {
    code: `invalid-${format}`,
    summary: `${s.where} ${quote(error.data)} is not a valid ${format}`,
    allowed: s.schema.description ?? `a valid ${format}`,
    hint: 'correct the value',
  };
};

const badPattern: Keyword = (error, s) => ({
  code: 'invalid-format',
  summary: s.onKey ? `${s.where} has the wrong form` : `${s.where} ${quote(error.data)} has the wrong form`,
  allowed: s.schema.description ?? `text matching ${String(error.params.pattern)}`,
  hint: 'correct the value',
});

const notAllowed: Keyword = (error, s) => ({
  code: 'invalid-value',
  summary: s.onKey ? `${s.where} is not allowed` : `${s.where} ${quote(error.data)} is not allowed`,
  allowed: s.schema.description ?? 'another value',
  hint: 'choose another value',
});

const tooShort: Keyword = (error, s) => {
  const limit = String(error.params.limit);
  return {
    code: 'too-short',
    summary:
      error.params.limit === 1 ? `${s.where} is empty` : `${s.where} is shorter than ${limit} characters`,
    allowed: `at least ${limit} character${error.params.limit === 1 ? '' : 's'}`,
    hint: 'give a value',
  };
};

const tooLong: Keyword = (error, s) => {
  const text = String(s.onKey ? s.propertyName : error.data);
  const limit = String(error.params.limit);
  return {
    code: 'too-long',
    summary: s.onKey
      ? `${s.where} is ${text.length} characters long`
      : `${s.where} is ${text.length} characters long (${quote(text)})`,
    allowed: `at most ${limit} characters`,
    hint: `shorten it to at most ${limit} characters`,
  };
};

const outOfRange: Keyword = (error, s) => {
  const bound = `${String(error.params.comparison)} ${String(error.params.limit)}`;
  return {
    code: 'out-of-range',
    summary: `${s.where} is ${quote(error.data)}, out of range`,
    allowed: `a number ${bound}`,
    hint: `give a number ${bound}`,
  };
};

const duplicateItem: Keyword = (error, s) => ({
  code: 'duplicate-item',
  summary: `${s.where} lists ${quote((error.data as unknown[])[error.params.i as number])} twice`,
  allowed: 'each item once',
  hint: 'remove the repeated item',
});

const tooMany: Keyword = (error, s) => ({
  code: 'too-many',
  summary: `${s.where} has ${countOf(error.data)} entries`,
  allowed: `at most ${String(error.params.limit)}`,
  hint: `keep at most ${String(error.params.limit)}`,
});

const tooFew: Keyword = (error, s) => ({
  code: 'too-few',
  summary: `${s.where} has ${countOf(error.data)} entries`,
  allowed: `at least ${String(error.params.limit)}`,
  hint: `give at least ${String(error.params.limit)}`,
});

/** Any other keyword: ajv's own message. */
export const otherKeyword: Keyword = (error, s) => ({
  code: 'invalid-value',
  summary: `${s.where} ${error.message ?? 'is invalid'}`,
  hint: 'correct the value',
});

/** What each ajv keyword family says; a keyword missing here says what `otherKeyword` says. */
export const KEYWORDS: ReadonlyMap<string, Keyword> = new Map([
  ['additionalProperties', unknownKey],
  ['required', missingKey],
  ['dependentRequired', missingCompanion],
  ['type', wrongType],
  ['enum', notInEnum],
  ['format', badFormat],
  ['pattern', badPattern],
  ['not', notAllowed],
  ['minLength', tooShort],
  ['maxLength', tooLong],
  ['minimum', outOfRange],
  ['maximum', outOfRange],
  ['exclusiveMinimum', outOfRange],
  ['exclusiveMaximum', outOfRange],
  ['uniqueItems', duplicateItem],
  ['maxProperties', tooMany],
  ['maxItems', tooMany],
  ['minProperties', tooFew],
  ['minItems', tooFew],
]);

/** Keywords about a whole mapping or list: shown at its key, where the reader looks for it. */
export const WHOLE_VALUE: ReadonlySet<string> = new Set([
  'maxProperties',
  'minProperties',
  'maxItems',
  'minItems',
]);
