import { diagnostic, fileStart, type Diagnostic } from '../domain/diagnostic.js';
import { codePointName, escapeInvisible, firstInvisible } from '../domain/visible-text.js';

const ALLOWED = 'visible text: no zero-width, bidirectional control or control characters';
const HINT =
  'delete the character (most editors show it with "show invisibles"; `grep -nP "[\\x{200B}-\\x{200F}\\x{202A}-\\x{202E}\\x{2066}-\\x{2069}\\x{FEFF}]"` finds them); a byte order mark is fine at the very start of a file only';

/**
 * Every line of every settings file, comments and CSV cells included: an invisible character makes a reviewer
 * read something else than what the engine reads. One diagnostic per line, at the first such character.
 */
export function invisibleCharacters(file: string, lines: readonly string[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  lines.forEach((text, i) => {
    const found = firstInvisible(text);
    if (!found) return;
    const start = Math.max(0, found.index - 30);
    const excerpt = `${start > 0 ? '...' : ''}${text.slice(start, found.index + 30)}${found.index + 30 < text.length ? '...' : ''}`;
    out.push(
      diagnostic(
        { file, line: i + 1, column: found.index + 1, pointer: '' },
        {
          code: 'invisible-character',
          summary: `${codePointName(found.char)} in "${escapeInvisible(excerpt)}": it changes what people see without being seen`,
          value: codePointName(found.char),
          allowed: ALLOWED,
          hint: HINT,
        },
      ),
    );
  });
  return out;
}

/** A file name that holds an invisible character (it would show as another file in a review). */
export function invisibleInFileName(file: string): Diagnostic | undefined {
  const found = firstInvisible(file);
  if (!found) return undefined;
  return diagnostic(fileStart(file), {
    code: 'invisible-character',
    summary: `the file name holds ${codePointName(found.char)}: "${escapeInvisible(file)}"`,
    value: codePointName(found.char),
    allowed: ALLOWED,
    hint: 'rename the file with visible characters only (git mv)',
  });
}
