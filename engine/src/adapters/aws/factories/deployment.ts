import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { IAMClient } from '@aws-sdk/client-iam';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { AutomationProbe, ManagementProbe } from '../../../ports/deployment.js';
import type { MemberStackSetTargets } from '../../../ports/stack-set.js';
import { AwsAutomationProbe, AwsManagementProbe, type DeploymentClients } from '../deployment-probe.js';
import type { AwsCaller } from '../retry.js';
import { GLOBAL_REGION, type AwsSession } from '../session.js';
import { AwsStackSetTargets } from '../stack-set-targets.js';

const global = { region: GLOBAL_REGION };

/** The clients of spa doctor and spa publish in the account of a session, each built when first asked. */
function deploymentClients(session: AwsSession): DeploymentClients {
  return {
    get organizations() {
      return session.client(OrganizationsClient, global);
    },
    get iam() {
      return session.client(IAMClient, global);
    },
    get s3() {
      return session.client(S3Client, { pathStyle: true });
    },
    get costExplorer() {
      return session.client(CostExplorerClient, global);
    },
    cloudTrail: (region) => session.client(CloudTrailClient, { region }),
    cloudFormation: (region) => session.client(CloudFormationClient, { region }),
    eventBridge: (region) => session.client(EventBridgeClient, { region }),
    secretsManager: (region) => session.client(SecretsManagerClient, { region }),
  };
}

/** What spa doctor reads of the management account (its role when settings.yaml gives one). */
export const managementProbe = (session: AwsSession): ManagementProbe =>
  new AwsManagementProbe(deploymentClients(session));

/** What spa doctor reads of the automation account, in the runtime's region. */
export const automationProbe = (session: AwsSession, region: string): AutomationProbe =>
  new AwsAutomationProbe(deploymentClients(session), region);

/** The member StackSet's targets (a StackSet of the management account, in us-east-1). */
export const stackSetTargets = (
  session: AwsSession,
  caller: AwsCaller,
  stackSetName: string,
): MemberStackSetTargets =>
  new AwsStackSetTargets(session.client(CloudFormationClient, global), caller, stackSetName);
