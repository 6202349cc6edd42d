import type { DesiredOrganization } from '../desired/types.js';
import type { ObservedOrganization } from '../observed/types.js';
import type { ObservedAccountApi, PlanContext } from '../changes/context.js';

/** Whether any account with a file has another name in AWS, and the settings want it renamed. */
export function renamesNeeded(desired: DesiredOrganization, observed: ObservedOrganization): boolean {
  if (desired.settings.accountNames !== 'reconcile') return false;
  const byId = new Map(observed.accounts.map((a) => [a.id, a]));
  const byEmail = new Map(observed.accounts.map((a) => [a.email, a]));
  return desired.accounts.some((file) => {
    const obs = file.id !== undefined ? byId.get(file.id) : byEmail.get(file.email);
    return obs !== undefined && obs.name !== file.name;
  });
}

const USES_API = new Set(['rename-account', 'put-alternate-contact', 'delete-alternate-contact']);

/** The one finding of a plan that needs the Account Management API while its trusted access is off. */
export function checkAccountApiAccess(ctx: PlanContext, api: ObservedAccountApi | undefined): void {
  if (api?.trustedAccess !== false) return;
  const needing = ctx.changes.filter((c) => USES_API.has(c.action));
  const unread = api.contactsWanted ?? 0;
  if (needing.length === 0 && unread === 0) return;
  const what = [
    needing.length
      ? `${needing.length} change(s) (${needing[0]!.key}${needing.length > 1 ? ', ...' : ''})`
      : '',
    unread ? `the alternate contacts of ${unread} account(s), which could not be read` : '',
  ].filter(Boolean);
  ctx.findings.push({
    kind: 'account-access-disabled',
    severity: 'error',
    message: `${what.join(' and ')} need the AWS Account Management API, but the organization has not enabled its trusted access: enable it with "aws organizations enable-aws-service-access --service-principal account.amazonaws.com" (or in the console of AWS Account Management), then plan again`,
  });
}
