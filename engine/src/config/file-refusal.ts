import { diagnostic, fileStart, type Diagnostic } from '../domain/diagnostic.js';
import type { FileRefusal } from '../domain/source.js';
import { escapeInvisible } from '../domain/visible-text.js';
import { fileTooLarge } from './text.js';

/** The diagnostic of a file of the settings tree that was not read, and why. */
export function refusalDiagnostic(file: string, refusal: FileRefusal): Diagnostic {
  const at = fileStart(file);
  const target = 'target' in refusal ? JSON.stringify(escapeInvisible(refusal.target)) : '';
  switch (refusal.reason) {
    case 'too-large':
      return fileTooLarge(file, refusal.size, refusal.max);
    case 'not-a-regular-file':
      return diagnostic(at, {
        code: 'not-a-regular-file',
        summary: `this is ${refusal.kind}, not a regular file; it was not read`,
        value: refusal.kind,
        allowed: 'regular files (git stores nothing else but symbolic links)',
        hint: 'replace it with a regular file holding the settings, or remove it from the folder',
      });
    case 'link-outside':
      return diagnostic(at, {
        code: 'link-outside-repository',
        summary: `this is a symbolic link to ${target}, outside the settings directory (or into .git); its target was not read`,
        value: refusal.target,
        allowed: 'symbolic links whose target is inside the settings directory',
        hint: 'commit the file itself instead of a link, or point the link at a file of the repository',
      });
    case 'link-loop':
      return diagnostic(at, {
        code: 'link-loop',
        summary: `this is a symbolic link to ${target} that loops back on itself or on a folder above it`,
        value: refusal.target,
        allowed: 'links that end at a file or at a folder that does not hold them',
        hint: 'remove the link, or point it at the file or folder you meant',
      });
    case 'broken-link':
      return diagnostic(at, {
        code: 'broken-link',
        summary: `this is a symbolic link to ${target}, which does not exist`,
        value: refusal.target,
        allowed: 'symbolic links to files of the repository',
        hint: 'point the link at an existing file, or remove it',
      });
  }
}
