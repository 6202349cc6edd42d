import {
  CloseAccountCommand,
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  DescribeCreateAccountStatusCommand,
  MoveAccountCommand,
  TagResourceCommand,
  UntagResourceCommand,
  type CreateAccountStatus,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import type { ObservedOu, Tags } from '../../observed/types.js';
import type { CreateAccountOutcome, OrganizationWriter } from '../../ports/organization.js';
import type { AwsCaller } from './retry.js';

const toTagList = (tags: Tags) => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

/** Writes to AWS Organizations, one or two at a time (the caller's write queue). */
export class AwsOrganizationWriter implements OrganizationWriter {
  constructor(
    private readonly client: OrganizationsClient,
    private readonly caller: AwsCaller,
  ) {}

  async createOu(parentId: string, name: string, tags: Tags): Promise<ObservedOu> {
    const out = await this.caller.write('CreateOrganizationalUnit', () =>
      this.client.send(
        new CreateOrganizationalUnitCommand({
          ParentId: parentId,
          Name: name,
          ...(Object.keys(tags).length ? { Tags: toTagList(tags) } : {}),
        }),
      ),
    );
    return { id: out.OrganizationalUnit!.Id!, name, path: name, parentId, tags };
  }

  async tagResource(resourceId: string, tags: Tags): Promise<void> {
    if (Object.keys(tags).length === 0) return;
    await this.caller.write('TagResource', () =>
      this.client.send(new TagResourceCommand({ ResourceId: resourceId, Tags: toTagList(tags) })),
    );
  }

  async untagResource(resourceId: string, keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.caller.write('UntagResource', () =>
      this.client.send(new UntagResourceCommand({ ResourceId: resourceId, TagKeys: keys })),
    );
  }

  async startCreateAccount(email: string, name: string, tags: Tags): Promise<CreateAccountOutcome> {
    const out = await this.caller.write(
      'CreateAccount',
      () =>
        this.client.send(
          new CreateAccountCommand({
            Email: email,
            AccountName: name,
            ...(Object.keys(tags).length ? { Tags: toTagList(tags) } : {}),
          }),
        ),
      { retry: false },
    );
    return outcome(out.CreateAccountStatus);
  }

  async createAccountStatus(requestId: string): Promise<CreateAccountOutcome> {
    const out = await this.caller.read('DescribeCreateAccountStatus', () =>
      this.client.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: requestId })),
    );
    return outcome(out.CreateAccountStatus);
  }

  async moveAccount(accountId: string, sourceParentId: string, destinationParentId: string): Promise<void> {
    await this.caller.write('MoveAccount', () =>
      this.client.send(
        new MoveAccountCommand({
          AccountId: accountId,
          SourceParentId: sourceParentId,
          DestinationParentId: destinationParentId,
        }),
      ),
    );
  }

  async closeAccount(accountId: string): Promise<void> {
    await this.caller.write('CloseAccount', () =>
      this.client.send(new CloseAccountCommand({ AccountId: accountId })),
    );
  }
}

function outcome(status: CreateAccountStatus | undefined): CreateAccountOutcome {
  if (status?.State === 'SUCCEEDED' && status.AccountId)
    return { state: 'SUCCEEDED', accountId: status.AccountId };
  if (status?.State === 'FAILED') return { state: 'FAILED', reason: status.FailureReason ?? 'unknown' };
  return { state: 'IN_PROGRESS', requestId: status?.Id ?? '' };
}
