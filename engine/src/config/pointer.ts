/** One segment of a JSON pointer (RFC 6901): `~` and `/` escaped. */
export function escapeSegment(text: string): string {
  return text.includes('~') || text.includes('/') ? text.replace(/~/g, '~0').replace(/\//g, '~1') : text;
}

/** JSON pointers (RFC 6901), the addresses of values inside a file. */
export function pointerOf(segments: readonly (string | number)[]): string {
  let out = '';
  for (const s of segments) out += '/' + escapeSegment(String(s));
  return out;
}

export function segmentsOf(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function parentPointer(pointer: string): string {
  const i = pointer.lastIndexOf('/');
  return i <= 0 ? '' : pointer.slice(0, i);
}
