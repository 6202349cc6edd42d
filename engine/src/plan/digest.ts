import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { interopDefault } from '../domain/interop.js';
import type { SourceFile } from '../domain/source.js';
import type { Change } from './types.js';

type Canonicalize = (value: unknown) => string | undefined;
const canonical = interopDefault(canonicalize as unknown as Canonicalize | { default: Canonicalize });

function sha256(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The digest of a plan's changes: address, action, before and after of each, in a canonical order and
 * encoding (RFC 8785). Two plans of the same changes share it, whatever their timestamps or findings.
 */
export function planDigest(changes: readonly Change[]): string {
  const core = changes
    .map((c) => ({ address: c.address, action: c.action, before: c.before, after: c.after }))
    .sort((a, b) => (a.action + a.address < b.action + b.address ? -1 : 1));
  return `sha256:${sha256(canonical(core) ?? '')}`;
}

/** The digest of the settings files read: each path with the digest of its bytes. */
export function settingsDigest(files: readonly SourceFile[]): string {
  const lines = [...files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((f) => `${f.path}\u0000${sha256(f.bytes)}`);
  return `sha256:${sha256(lines.join('\n'))}`;
}
