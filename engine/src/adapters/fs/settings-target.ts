import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { ACCOUNTS_DIR, CSV_DIR, OUS_DIR, POLICIES_DIR, SETTINGS_FILE } from '../../config/layout.js';
import { EngineError } from '../../domain/errors.js';
import type { SettingsTarget, StagedSettings } from '../../ports/settings-target.js';
import { readSettingsTree } from './settings-reader.js';

/** The parts of a settings directory that an import writes whole. */
const PARTS = [SETTINGS_FILE, ...[ACCOUNTS_DIR, OUS_DIR, CSV_DIR].map((d) => d.replace(/\/$/, ''))];

/** The schemas/ folder of this package, copied next to imported settings that have none (the $schema lines). */
const SCHEMAS = new URL('../../../../schemas/', import.meta.url);

/**
 * A settings directory that an import writes: the files are staged in a hidden folder inside it (the same file
 * system, so that moving them is a rename), read back, then moved into place part by part (settings.yaml,
 * accounts/, organizational-units/, tags-csv/, and each policy document of infra/policies/). What was there is kept aside until every part is in place, and
 * put back if a move fails; a directory the import created is removed when it is thrown away.
 */
export function directoryTarget(dir: string, location: string, force = false): SettingsTarget {
  return {
    location,
    existing() {
      const found: string[] = [];
      if (existsSync(join(dir, SETTINGS_FILE))) found.push(SETTINGS_FILE);
      for (const part of PARTS.slice(1)) {
        const path = join(dir, part);
        if (existsSync(path) && readdirSync(path).length > 0) found.push(`${part}/`);
      }
      return Promise.resolve(found);
    },
    stage(files) {
      // Policy documents are files among others in infra/: they are replaced one by one, never the folder.
      const single = files.filter((f) => f.path.startsWith(POLICIES_DIR)).map((f) => f.path);
      const taken = single.find((path) => existsSync(join(dir, path)));
      if (taken && !force)
        throw new EngineError(
          'settings-exist',
          `${location}/${taken} already exists: spa import does not overwrite it`,
          {
            source: 'user',
            hint: 'import into another folder with --out, or pass --force to replace it',
          },
        );
      const created = !existsSync(dir);
      mkdirSync(dir, { recursive: true });
      const stage = mkdtempSync(join(dir, '.spa-import-'));
      try {
        for (const f of files) {
          mkdirSync(dirname(join(stage, f.path)), { recursive: true });
          writeFileSync(join(stage, f.path), f.text);
        }
        const schemas = existsSync(join(dir, 'schemas')) ? undefined : 'schemas';
        if (schemas) cpSync(SCHEMAS, join(stage, schemas), { recursive: true });
        return Promise.resolve(
          staged(dir, stage, created, [...PARTS, ...(schemas ? [schemas] : []), ...single]),
        );
      } catch (error) {
        rmSync(stage, { recursive: true, force: true });
        if (created) rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    },
  };
}

function staged(dir: string, stage: string, created: boolean, parts: readonly string[]): StagedSettings {
  return {
    files: () => readSettingsTree(stage),
    commit() {
      const aside = mkdtempSync(join(dir, '.spa-replaced-'));
      const moved: string[] = [];
      try {
        for (const part of parts) {
          mkdirSync(dirname(join(aside, part)), { recursive: true });
          mkdirSync(dirname(join(dir, part)), { recursive: true });
          if (existsSync(join(dir, part))) renameSync(join(dir, part), join(aside, part));
          moved.push(part);
          if (existsSync(join(stage, part))) renameSync(join(stage, part), join(dir, part));
        }
      } catch (error) {
        for (const part of moved.reverse()) {
          rmSync(join(dir, part), { recursive: true, force: true });
          if (existsSync(join(aside, part))) renameSync(join(aside, part), join(dir, part));
        }
        rmSync(aside, { recursive: true, force: true });
        throw error;
      } finally {
        rmSync(stage, { recursive: true, force: true });
      }
      rmSync(aside, { recursive: true, force: true });
      return Promise.resolve();
    },
    discard() {
      rmSync(stage, { recursive: true, force: true });
      if (created) rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}
