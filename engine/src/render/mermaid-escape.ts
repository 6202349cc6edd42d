/**
 * Text inside a Mermaid diagram (a pie slice's label, a title) comes from settings and AWS. Mermaid reads
 * quotes, colons, '#' entities, HTML and its own directives in labels; only letters, digits, spaces and a few
 * inert signs are kept, everything else becomes a space, so that a label can never end the diagram's syntax.
 */
export function escapeMermaidLabel(text: string, max = 40): string {
  const kept = text
    .replace(/[^\p{L}\p{N} _.,()/&+-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const short = kept.length > max ? `${kept.slice(0, max - 1).trimEnd()}…` : kept;
  return short || '-';
}
