import { organizationReader, organizationWriter } from '../../../adapters/aws/factories/gitops.js';
import { accountRecords, eventPublisher } from '../../../adapters/aws/factories/runtime.js';
import { cliSession } from '../aws.js';
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
  const { session, policy } = cliSession(io, {
    region: aws.region,
    managementRoleArn: aws.managementRoleArn,
  });
  const caller = new AwsCaller(policy);
  const { runtime } = await runtimeFromEnv(io, desired);
  const names = runtimeNames(desired.environment);
  return {
    reader: organizationReader(session, caller),
    writer: organizationWriter(session, caller),
    records: accountRecords(runtime.session, caller, {
      name: names.recordsTable,
      deadlineIndex: names.deadlineIndex,
    }),
    /** The central bus, as the automation account (its operator role). */
    events: eventPublisher(runtime.session, caller),
  };
}
