import { canonicalTextOf } from '../../desired/compile.js';
import type { Ports } from '../../ports/ports.js';
import { readValidSettings } from './valid-settings.js';

export interface CompileOptions {
  /** Where to write the artifact; without it, it is the result. */
  out?: string;
}

/**
 * `spa compile`: the desired organization (schemas/effective-settings.schema.json) as canonical JSON, what the
 * runtime reads instead of the repository.
 */
export async function compile(
  deps: Pick<Ports, 'settings' | 'out' | 'artifacts'>,
  options: CompileOptions,
): Promise<{ outcome: 'compiled' | 'invalid-settings' }> {
  const loaded = await readValidSettings(deps.settings, deps.out, 'text');
  if (!loaded) return { outcome: 'invalid-settings' };
  const d = loaded.desired;
  const text = canonicalTextOf(d) + '\n';
  if (options.out) {
    await deps.artifacts.write(options.out, text);
    deps.out.info(
      `wrote ${options.out}: ${d.organizationalUnits.length} OUs, ${d.accounts.length} accounts, digest ${d.digest}`,
    );
  } else deps.out.result(text);
  return { outcome: 'compiled' };
}
