import { buildClients } from '../../../adapters/aws/clients.js';
import { cliAccess } from '../aws.js';
import { EventBridgePublisher } from '../../../adapters/aws/event-bus.js';
import { AwsOrganizationReader } from '../../../adapters/aws/organization-reader.js';
import { AwsOrganizationWriter } from '../../../adapters/aws/organization-writer.js';
import { DynamoDbAccountRecords } from '../../../adapters/aws/records-table.js';
import { AwsCaller } from '../../../adapters/aws/retry.js';
import type { DesiredOrganization } from '../../../desired/types.js';
import { runtimeNames } from '../../../domain/runtime-names.js';
import type { Ports } from '../../../ports/ports.js';
import type { CliIo } from '../io.js';
import { runtimeFromEnv } from '../runtime-connect.js';

/** Organizations (management account), the records table and the central bus (automation account), for `spa accounts`. */
export async function connectAccounts(
  io: CliIo,
  desired: DesiredOrganization,
): Promise<Pick<Ports, 'reader' | 'writer' | 'records' | 'events'>> {
  const aws = desired.settings.aws;
  const { access, policy } = cliAccess(io, {
    region: aws.region,
    managementRoleArn: aws.managementRoleArn,
  });
  const caller = new AwsCaller(policy);
  const organizations = buildClients(access).organizations;
  const { runtime } = await runtimeFromEnv(io, desired);
  const names = runtimeNames(desired.environment);
  return {
    reader: new AwsOrganizationReader(organizations, caller),
    writer: new AwsOrganizationWriter(organizations, caller),
    records: new DynamoDbAccountRecords(
      runtime.clients.dynamodb,
      caller,
      names.recordsTable,
      names.deadlineIndex,
    ),
    /** The central bus, as the automation account (its operator role). */
    events: new EventBridgePublisher(runtime.clients.eventBridge, caller),
  };
}
