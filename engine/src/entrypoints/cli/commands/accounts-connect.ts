import { buildClients } from '../../../adapters/aws/clients.js';
import { cliAccess } from '../aws.js';
import { EventBridgePublisher } from '../../../adapters/aws/event-bus.js';
import { AwsOrganizationReader } from '../../../adapters/aws/organization-reader.js';
import { AwsOrganizationWriter } from '../../../adapters/aws/organization-writer.js';
import { DynamoDbAccountRecords } from '../../../adapters/aws/records-table.js';
import { AwsCaller } from '../../../adapters/aws/retry.js';
import { indexDesired } from '../../../desired/index-of.js';
import type { DesiredOrganization } from '../../../desired/types.js';
import { runtimeNames } from '../../../domain/runtime-names.js';
import type { AccountView } from '../../../lifecycle/account-view.js';
import { accountViews } from '../../../app/operator/account-views.js';
import type { CliIo } from '../io.js';
import { runtimeFromEnv } from '../runtime-connect.js';

/** Organizations (management account) and the records table (automation account), for `spa accounts`. */
export async function connectAccounts(io: CliIo, desired: DesiredOrganization) {
  const aws = desired.settings.aws;
  const { access, policy } = cliAccess(io, {
    region: aws.region,
    managementRoleArn: aws.managementRoleArn,
  });
  const caller = new AwsCaller(policy);
  const organizations = buildClients(access).organizations;
  const { runtime } = await runtimeFromEnv(io, desired);
  const names = runtimeNames(desired.environment);
  const reader = new AwsOrganizationReader(organizations, caller);
  const records = new DynamoDbAccountRecords(
    runtime.clients.dynamodb,
    caller,
    names.recordsTable,
    names.deadlineIndex,
  );
  return {
    records,
    /** The central bus, as the automation account (its operator role). */
    events: new EventBridgePublisher(runtime.clients.eventBridge, caller),
    writer: new AwsOrganizationWriter(organizations, caller),
    views: (): Promise<AccountView[]> => accountViews({ reader, records }, indexDesired(desired)),
  };
}

/** An account named by id, name or email. */
export function matches(view: AccountView, account: string): boolean {
  return view.id === account || view.name === account || view.email === account.toLowerCase();
}
