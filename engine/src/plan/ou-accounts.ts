import { isManagedPath } from '../desired/index-of.js';
import { planExistingAccount } from './account-plans.js';
import type { PlanContext } from '../changes/context.js';
import { settingsAtPlan } from './csv-use.js';
import type { Matching } from './file-accounts.js';

/** Accounts without a file: managed through their OU, or reported when they carry SPA tags but left SPA. */
export function planOuAccounts(ctx: PlanContext, m: Matching): void {
  const { state, holder } = ctx.settings.reservedTags;
  for (const obs of ctx.observed.accounts) {
    if (m.handled.has(obs.id) || obs.id === ctx.observed.managementAccountId) continue;
    const address = `account/${obs.id}`;
    if (obs.ouPath !== '' && isManagedPath(ctx.desired, obs.ouPath)) {
      if (obs.status !== 'ACTIVE') continue;
      m.managed++;
      const settings = settingsAtPlan(ctx, m.usedCsv, { observed: obs });
      ctx.findings.push({
        kind: 'managed-through-ou',
        severity: 'info',
        address,
        accountId: obs.id,
        message: `${obs.name} (${obs.id}, ${obs.email}) has no file and is managed through its OU ${obs.ouPath}`,
      });
      planExistingAccount(ctx, { address, name: obs.name, email: obs.email, settings, observed: obs });
    } else if (obs.tags[state] !== undefined || obs.tags[holder] !== undefined) {
      ctx.findings.push({
        kind: 'no-longer-managed',
        severity: 'warning',
        address,
        accountId: obs.id,
        message: `${obs.name} (${obs.id}) carries SPA tags but has no file and is not below a managed OU (it is in ${obs.ouPath || 'the root'}); the engine leaves it alone`,
      });
    }
  }
}
