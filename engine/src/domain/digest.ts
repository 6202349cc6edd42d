import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { interopDefault } from './interop.js';

type Canonicalize = (value: unknown) => string | undefined;
const canonical = interopDefault(canonicalize as unknown as Canonicalize | { default: Canonicalize });

export function sha256Hex(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The canonical JSON of a value (RFC 8785): the same data always gives the same text. */
export function canonicalJson(value: unknown): string {
  return canonical(value) ?? '';
}

/** `sha256:<hex>` of the canonical JSON of a value. */
export function canonicalDigest(value: unknown): string {
  return `sha256:${sha256Hex(canonicalJson(value))}`;
}
