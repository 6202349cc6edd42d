import { resolve } from 'node:path';
import type { ArtifactStore } from '../../ports/artifacts.js';
import { writeFileAtomic } from './write-file.js';

/** Artifacts as local files, their paths relative to `cwd`, each written whole or not at all. */
export function localArtifacts(cwd: string): ArtifactStore {
  return {
    write(path, text) {
      writeFileAtomic(resolve(cwd, path), text);
      return Promise.resolve();
    },
  };
}
