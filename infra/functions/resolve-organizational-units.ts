import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { organizationReader } from '../../engine/src/adapters/aws/factories/gitops.js';
import { AwsCaller } from '../../engine/src/adapters/aws/retry.js';
import { AwsSession, type AwsAccess } from '../../engine/src/adapters/aws/session.js';
import type { OrganizationReader } from '../../engine/src/ports/organization.js';

/**
 * The ids of OUs given by path (Sandbox/Personal), as the StackSet of the member accounts targets them. An OU
 * that does not exist yet fails the deployment with what to do: OUs are the engine's (spa apply creates them).
 */
export async function resolveOrganizationalUnits(
  reader: Pick<OrganizationReader, 'readOuTree'>,
  paths: readonly string[],
): Promise<string[]> {
  const { ous } = await reader.readOuTree();
  const missing = paths.filter((p) => !ous.has(p));
  if (missing.length > 0)
    throw new Error(
      `the managed organizational unit(s) ${missing.join(', ')} do not exist yet: ` +
        'run spa apply (it creates them), then deploy again',
    );
  return paths.map((p) => ous.get(p)!.id);
}

export interface ResolverAnswer {
  PhysicalResourceId: string;
  Data?: { Ids: string };
}

/** The custom resource's handler (CDK's provider framework answers CloudFormation). */
export async function onEvent(
  event: CloudFormationCustomResourceEvent,
  access: AwsAccess = { region: process.env.AWS_REGION ?? 'us-east-1' },
): Promise<ResolverAnswer> {
  if (event.RequestType === 'Delete') return { PhysicalResourceId: event.PhysicalResourceId };
  const paths = (event.ResourceProperties as { Paths?: string[] }).Paths ?? [];
  const reader = organizationReader(AwsSession.open(access), new AwsCaller());
  const ids = (await resolveOrganizationalUnits(reader, paths)).join(',');
  return { PhysicalResourceId: ids, Data: { Ids: ids } };
}

export const handler = (event: CloudFormationCustomResourceEvent): Promise<ResolverAnswer> => onEvent(event);
