import type { DesiredOrganization } from '../../desired/types.js';
import { EngineError } from '../../domain/errors.js';
import type { OrganizationReader } from '../../ports/organization.js';
import type { Ports } from '../../ports/ports.js';
import type { ApplyAws } from './apply-changes.js';
import { readValidSettings } from './valid-settings.js';

/** What `spa unlock` works through. */
export type UnlockPorts = Pick<Ports, 'settings' | 'out'> & {
  /** The organization the credentials reach, and the lock of an organization. */
  connect(
    settings: DesiredOrganization['settings'],
  ): { reader: Pick<OrganizationReader, 'identity'> } & Pick<ApplyAws, 'applyLock'>;
};

/** `spa unlock --force LOCK_ID`: removes the apply lock a killed run left; refuses any other lock id. */
export async function forceUnlock(
  lockId: string,
  deps: UnlockPorts,
  options: { force: boolean },
): Promise<{ outcome: 'removed' | 'invalid-settings' }> {
  if (!options.force)
    throw new EngineError('unlock-needs-force', 'spa unlock removes a lock another apply may still hold', {
      source: 'user',
      hint: `make sure no apply runs on this organization (CI runs included), then: spa unlock --force ${lockId}`,
    });
  const loaded = await readValidSettings(deps.settings, deps.out, 'text');
  if (!loaded) return { outcome: 'invalid-settings' };
  const settings = loaded.desired.settings;
  const aws = deps.connect(settings);
  const identity = await aws.reader.identity();
  const lock = aws.applyLock(identity.organizationId, settings.runtime.applyLockTable, settings.aws.region);
  if (await lock.forceUnlock(lockId)) {
    deps.out.info(`removed the apply lock ${lockId} (${lock.where})`);
    return { outcome: 'removed' };
  }
  throw new EngineError('no-such-lock', `no apply lock has the id ${lockId} (${lock.where})`, {
    source: 'user',
    hint: 'the lock was released meanwhile, or its id is another: spa apply prints the id of the lock it finds held',
  });
}
