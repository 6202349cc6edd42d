import { Tags, Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { runtimeNames } from '../../engine/src/domain/runtime-names.js';
import { AutomationStack } from './automation-stack.js';
import type { InfraConfig } from './config.js';
import type { HandlerSpec } from './handlers.js';
import { ORIGIN_TAG } from './member-boundary.js';
import { ManagementStack } from './management-stack.js';
import { SignInStack } from './sign-in-stack.js';

export interface SpaStacks {
  automation: AutomationStack;
  management: ManagementStack;
  signIn?: SignInStack;
}

export interface SpaAppOptions {
  /** cdk-nag's AwsSolutionsChecks on every stack and on the StackSet's template. */
  checks?: boolean;
  handlers?: readonly HandlerSpec[];
}

/** Runs cdk-nag's AWS Solutions pack as a validation plugin of an app (cdk-nag 3). */
export function addChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
}

/** The stacks of one SPA environment, from its settings: `npx cdk deploy --all` deploys them. */
export function buildSpaApp(app: App, config: InfraConfig, options: SpaAppOptions = {}): SpaStacks {
  const names = runtimeNames(config.environment);
  Tags.of(app).add(ORIGIN_TAG.key, ORIGIN_TAG.value);
  Tags.of(app).add('spa-environment', config.environment);
  const automation = new AutomationStack(app, names.stacks.automation, {
    stackName: names.stacks.automation,
    description: `SPA ${config.environment}: the runtime of the account lifecycle (automation account)`,
    env: config.automation,
    config,
    ...(options.handlers ? { handlers: options.handlers } : {}),
  });
  const management = new ManagementStack(app, names.stacks.management, {
    stackName: names.stacks.management,
    description: `SPA ${config.environment}: forwarding, roles and member accounts (management account)`,
    env: { account: config.managementAccount, region: 'us-east-1' },
    config,
    organizationsRoleArns: automation.handlers.rolesWith('organizations'),
    starterRoleArns: automation.handlers.rolesWith('member-builds'),
    ...(options.checks ? { checkMembers: addChecks } : {}),
  });
  const stacks: SpaStacks = { automation, management };
  if (config.identityCenterRegion) {
    const id = `${config.environment}-sign-in`;
    stacks.signIn = new SignInStack(app, id, {
      stackName: id,
      description: `SPA ${config.environment}: Identity Center sign-ins forwarded (management account)`,
      env: { account: config.managementAccount, region: config.identityCenterRegion },
      environment: config.environment,
      centralBusArn: `arn:aws:events:${config.automation.region}:${config.automation.account}:event-bus/default`,
    });
    stacks.signIn.addStackDependency(management, 'it forwards with the role of the management stack');
  }
  if (options.checks) addChecks(app);
  return stacks;
}
