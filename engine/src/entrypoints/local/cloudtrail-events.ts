/**
 * CloudTrail events of Organizations as AWS puts them on EventBridge (the shapes of test/fixtures/events), for
 * the local runtime, which synthesizes them from what changed in the emulator: moto has no CloudTrail.
 */
export interface CloudTrailEntry {
  Source: 'aws.organizations';
  DetailType: string;
  Detail: string;
}

const LOCAL_IDENTITY = {
  type: 'AssumedRole',
  principalId: 'AROALOCALRUNTIME0000:spa-local-runtime',
  arn: 'arn:aws:sts::000000000000:assumed-role/SpaLocalRuntime/spa-local-runtime',
};

function entry(
  detailType: string,
  managementAccountId: string,
  detail: Record<string, unknown>,
): CloudTrailEntry {
  const eventTime = new Date().toISOString();
  return {
    Source: 'aws.organizations',
    DetailType: detailType,
    Detail: JSON.stringify({
      eventVersion: '1.08',
      eventTime,
      eventSource: 'organizations.amazonaws.com',
      awsRegion: 'us-east-1',
      sourceIPAddress: 'AWS Internal',
      userAgent: 'spa-local-runtime',
      readOnly: false,
      managementEvent: true,
      recipientAccountId: managementAccountId,
      eventCategory: 'Management',
      eventID: crypto.randomUUID(),
      ...detail,
    }),
  };
}

export function createAccountResult(managementAccountId: string, accountId: string): CloudTrailEntry {
  return entry('AWS Service Event via CloudTrail', managementAccountId, {
    userIdentity: { accountId: managementAccountId, invokedBy: 'AWS Internal' },
    eventName: 'CreateAccountResult',
    eventType: 'AwsServiceEvent',
    requestParameters: null,
    responseElements: null,
    serviceEventDetails: {
      createAccountStatus: { id: `car-${accountId}`, state: 'SUCCEEDED', accountName: '****', accountId },
    },
  });
}

export function moveAccount(
  managementAccountId: string,
  accountId: string,
  sourceParentId: string,
  destinationParentId: string,
): CloudTrailEntry {
  return entry('AWS API Call via CloudTrail', managementAccountId, {
    userIdentity: { ...LOCAL_IDENTITY, accountId: managementAccountId },
    eventName: 'MoveAccount',
    eventType: 'AwsApiCall',
    requestParameters: { accountId, sourceParentId, destinationParentId },
    responseElements: null,
  });
}

export function tagResource(
  managementAccountId: string,
  resourceId: string,
  tags: Record<string, string>,
): CloudTrailEntry {
  return entry('AWS API Call via CloudTrail', managementAccountId, {
    userIdentity: { ...LOCAL_IDENTITY, accountId: managementAccountId },
    eventName: 'TagResource',
    eventType: 'AwsApiCall',
    requestParameters: { resourceId, tags: Object.entries(tags).map(([key, value]) => ({ key, value })) },
    responseElements: null,
  });
}
