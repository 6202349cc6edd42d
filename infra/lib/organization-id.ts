import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';

/**
 * The id of the organization (o-...), read at deploy time: any account of an organization may call
 * DescribeOrganization, so the policies restricted to the organization need no setting for it.
 */
export class OrganizationId extends Construct {
  readonly value: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const call: cr.AwsSdkCall = {
      service: 'Organizations',
      action: 'describeOrganization',
      region: 'us-east-1',
      physicalResourceId: cr.PhysicalResourceId.fromResponse('Organization.Id'),
      outputPaths: ['Organization.Id'],
    };
    const resource = new cr.AwsCustomResource(this, 'Describe', {
      onCreate: call,
      onUpdate: call,
      installLatestAwsSdk: false,
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
    });
    this.value = resource.getResponseField('Organization.Id');
  }
}
