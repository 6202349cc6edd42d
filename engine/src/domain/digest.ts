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

/**
 * Seals an object with the digest of its canonical JSON, serializing it once: returns the digest and the
 * canonical JSON of the object with its digest inside (under `key`), as `canonicalJson` would write it.
 */
export function sealCanonical(
  body: Record<string, unknown>,
  key = 'digest',
): { digest: string; text: string } {
  const keys = Object.keys(body)
    .filter((k) => body[k] !== undefined)
    .sort();
  const parts = keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(body[k])}`);
  const digest = `sha256:${sha256Hex(`{${parts.join(',')}}`)}`;
  const at = keys.findIndex((k) => k > key);
  parts.splice(at < 0 ? parts.length : at, 0, `${JSON.stringify(key)}:${JSON.stringify(digest)}`);
  return { digest, text: `{${parts.join(',')}}` };
}
