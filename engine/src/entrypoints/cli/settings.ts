import { resolve } from 'node:path';
import { directorySettings } from '../../adapters/fs/settings-source.js';
import { readValidSettings, type ValidSettings } from '../../app/gitops/valid-settings.js';
import { outputOf, type CliIo } from './io.js';

/**
 * The valid settings of `dir` for a command whose use case takes the settings already read (the operator and
 * report commands); prints the errors (nothing else is done) when they are invalid. The settings commands' use
 * cases take a SettingsSource and call readValidSettings themselves.
 */
export async function loadValidSettings(
  dir: string,
  io: CliIo,
  format: string,
): Promise<(ValidSettings & { dir: string }) | undefined> {
  const root = resolve(io.cwd, dir);
  const loaded = await readValidSettings(directorySettings(root, io.env), outputOf(io), format);
  return loaded && { ...loaded, dir: root };
}

/** The progress helper of the commands (progress.ts), under the name they know it by. */
export { progress as progressLine } from './progress.js';
